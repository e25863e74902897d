/**
 * Accountability Toolkit tables: versioned question templates, assessment rounds and the
 * organisations taking part, invitations, paused answers, answer sets, comments, evidence,
 * action points and their progress notes.
 *
 * Anonymity is a property of this schema: an answer set holds its round, organisation, the role
 * group the respondent picked, the Monday of the week it arrived and the answers — no id of an
 * invitation, person or draft, and no exact time. An invitation is deleted, with its tokens, in
 * the transaction that stores the answer, so no row remains to link the two. Free-text comments
 * are stored apart from the answer set they came with. Tokens and resume codes are stored only
 * as SHA-256 hashes; a paused answer is sealed under a key only the resume code derives.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { LocalisedText, TemplateDefinition } from '../../core/toolkit/template.ts';
import { bytea } from './columns.ts';
import { organisations, staff } from './platform.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const toolkitTemplates = pgTable(
  'toolkit_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** All versions of one template share a family; a round points at one exact version. */
    familyId: uuid('family_id').notNull(),
    version: integer('version').notNull(),
    name: jsonb('name').$type<LocalisedText>().notNull(),
    definition: jsonb('definition').$type<TemplateDefinition>().notNull(),
    /** draft (editable) or published (frozen, usable by rounds). */
    status: text('status').notNull(),
    /** The default template shipped with Redress: copied, never edited. */
    builtIn: boolean('built_in').notNull().default(false),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [unique('toolkit_templates_version').on(table.familyId, table.version)],
);

export const toolkitRounds = pgTable(
  'toolkit_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** organisation (one member) or network (many members at once). */
    scope: text('scope').notNull(),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id')
      .notNull()
      .references(() => toolkitTemplates.id),
    form: text('form').notNull(),
    status: text('status').notNull(),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index('toolkit_rounds_org_idx').on(table.orgId)],
);

/** An organisation taking part in a round, and what it agreed to share with the network. */
export const toolkitParticipants = pgTable(
  'toolkit_participants',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    invited: integer('invited').notNull().default(0),
    sharedDomains: text('shared_domains').array().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.orgId] }), index('toolkit_participants_org_idx').on(table.orgId)],
);

/** An unused invitation. Deleted when it is used or when the round closes. */
export const toolkitInvitations = pgTable(
  'toolkit_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Where links and reminders go; null for a printed code. */
    email: text('email'),
    language: text('language').notNull(),
    remindedOn: date('reminded_on', { mode: 'string' }),
  },
  (table) => [index('toolkit_invitations_round_idx').on(table.roundId, table.orgId)],
);

/** Hashes of the links or codes of an invitation (a reminder adds a fresh one). */
export const toolkitInvitationTokens = pgTable(
  'toolkit_invitation_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => toolkitInvitations.id, { onDelete: 'cascade' }),
  },
  (table) => [index('toolkit_invitation_tokens_invitation_idx').on(table.invitationId)],
);

/** A paused answer: sealed under the respondent's resume code, found by the code's hash. */
export const toolkitDrafts = pgTable('toolkit_drafts', {
  id: text('id').primaryKey(),
  roundId: uuid('round_id')
    .notNull()
    .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
  sealed: bytea('sealed').notNull(),
});

export const toolkitAnswerSets = pgTable(
  'toolkit_answer_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    roleGroup: text('role_group').notNull(),
    /** The Monday of the week the answers arrived; never a finer time. */
    submittedWeek: date('submitted_week', { mode: 'string' }).notNull(),
    /** Choice per question position; -1 where not asked, 0 for "don't know". */
    choices: smallint('choices').array().notNull(),
    /** The respondent's 0–100 score per domain position; -1 where nothing was scored. */
    domainScores: doublePrecision('domain_scores').array().notNull(),
  },
  (table) => [index('toolkit_answer_sets_round_idx').on(table.roundId, table.orgId)],
);

/** Free text (answers to open questions and evidence notes), kept apart from answer sets. */
export const toolkitComments = pgTable(
  'toolkit_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    questionKey: text('question_key').notNull(),
    text: text('text').notNull(),
  },
  (table) => [index('toolkit_comments_round_idx').on(table.roundId, table.orgId)],
);

/** Documents and focus-group notes a coordinator attaches to a domain of a round. */
export const toolkitEvidence = pgTable(
  'toolkit_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => toolkitRounds.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    domainKey: text('domain_key').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    content: bytea('content'),
    sha256: text('sha256'),
    size: integer('size'),
    addedBy: uuid('added_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index('toolkit_evidence_round_idx').on(table.roundId, table.orgId)],
);

export const toolkitActionPoints = pgTable(
  'toolkit_action_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation whose practice it changes; null for the network's own. */
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id').references(() => toolkitRounds.id, { onDelete: 'set null' }),
    domainKey: text('domain_key').notNull(),
    questionKey: text('question_key'),
    title: text('title').notNull(),
    ownerName: text('owner_name').notNull(),
    ownerEmail: text('owner_email'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    indicator: text('indicator').notNull(),
    target: text('target').notNull(),
    status: text('status').notNull(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('toolkit_action_points_org_idx').on(table.orgId, table.dueOn)],
);

export const toolkitProgressNotes = pgTable(
  'toolkit_progress_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionPointId: uuid('action_point_id')
      .notNull()
      .references(() => toolkitActionPoints.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    note: text('note').notNull(),
    authorId: uuid('author_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [index('toolkit_progress_notes_point_idx').on(table.actionPointId)],
);
