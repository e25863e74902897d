/**
 * Intake tables: questionnaire versions per channel, cases with their sealed content, the
 * wrapped case keys, the reporter ↔ handler messages, the status timeline, attachments,
 * reporter follow-up sessions, and the state of the receipt-guessing guard.
 *
 * Invariant: no column holds anything a reporter or handler wrote in the clear. Answers,
 * identity, messages and attachment metadata are sealed with the case's own key; the receipt
 * exists only as an Argon2id-derived lookup value. Status, path, dates and the receiving
 * organisation are workflow metadata and stay readable for deadlines and statistics.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { organisations, staff } from './platform.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A channel's questionnaire, one row per version; org_id null is the network's channel. */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The definition (core/intake/questionnaire.ts); staff-written questions, not reporter content. */
    definition: jsonb('definition').$type<unknown>().notNull(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [unique('questionnaires_channel_version').on(table.orgId, table.version).nullsNotDistinct()],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** The receiving scope: the organisation that handles the case, or null for the network. */
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'restrict' }),
    /** The channel the report came through (an organisation's, or null for the network's). */
    channelOrgId: uuid('channel_org_id').references(() => organisations.id, { onDelete: 'restrict' }),
    status: text('status').notNull(),
    path: text('path').notNull(),
    identityMode: text('identity_mode').notNull(),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id, { onDelete: 'restrict' }),
    /** SHA-256 of an HKDF output of Argon2id(receipt): finds the case; the receipt is never stored. */
    receiptLookup: text('receipt_lookup').notNull().unique(),
    sealedAnswers: bytea('sealed_answers').notNull(),
    /** The reporter's name and contact address, sealed apart so redacted views can leave them out. */
    sealedIdentity: bytea('sealed_identity'),
    createdAt: at('created_at').notNull().defaultNow(),
    submittedAt: at('submitted_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
    /** A short number staff can say and search for ("case 1234"); says nothing about content. */
    ref: bigserial('ref', { mode: 'number' }).notNull().unique(),
    /**
     * Case handling (issue #4). The procedure the case follows and its state as the engine keeps
     * it (core/procedures/caseState.ts): steps, team, conflicts, consents, deadlines, history.
     * Every free text in it is a reference to a sealed `case_documents` row, never the text.
     * Null until a handler first opens the case (it is started then from the reporter's path).
     */
    procedureId: text('procedure_id'),
    procedureVersion: integer('procedure_version'),
    state: jsonb('state').$type<unknown>(),
    /** Workflow metadata kept in columns for the inbox's filters (SPEC: category stays readable). */
    category: text('category'),
    priority: text('priority'),
    retaliationRisk: text('retaliation_risk'),
    /** The ids of the steps that can be taken now. */
    currentSteps: text('current_steps').array().notNull().default(sql`'{}'::text[]`),
    /** The earliest last day of an open deadline, and that deadline's status. */
    nextDueOn: date('next_due_on', { mode: 'string' }),
    deadlineStatus: text('deadline_status'),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    closedAt: at('closed_at'),
    /** The first day the closed case may be purged (retention of its procedure). */
    purgeOn: date('purge_on', { mode: 'string' }),
    legalHold: boolean('legal_hold').notNull().default(false),
    /** The respondent's own key, sealed under the case key: documents and the thread they can read. */
    sealedRespondentKey: bytea('sealed_respondent_key'),
  },
  (table) => [
    index('cases_inbox_idx').on(table.orgId, table.submittedAt),
    index('cases_due_idx').on(table.nextDueOn),
    index('cases_purge_idx').on(table.purgeOn),
    check('cases_status_known', sql`${table.status} in ('draft', 'submitted', 'acknowledged', 'in_progress', 'closed', 'withdrawn')`),
    check('cases_path_known', sql`${table.path} in ('record_only', 'informal', 'formal', 'not_sure')`),
    check('cases_identity_known', sql`${table.identityMode} in ('anonymous', 'confidential', 'named')`),
  ],
);

/**
 * The case key, wrapped: sealed to a staff member's public key (holder 'staff'), or under the
 * receipt-derived key (holder 'receipt', staff_id null) for the reporter. Holder 'emergency' is
 * a network admin's copy that opens only through break-glass access (time-limited, with a
 * reason, alerting the case's staff and the auditor); a key held is not by itself permission.
 */
export const caseKeys = pgTable(
  'case_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    holder: text('holder').notNull(),
    staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'cascade' }),
    wrappedKey: bytea('wrapped_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    unique('case_keys_holder').on(table.caseId, table.staffId).nullsNotDistinct(),
    index('case_keys_staff_idx').on(table.staffId, table.caseId),
    check('case_keys_holder_shape', sql`(${table.holder} in ('staff', 'emergency') and ${table.staffId} is not null) or (${table.holder} = 'receipt' and ${table.staffId} is null)`),
  ],
);

/** Messages on a case's threads; the respondent's thread arrives with case handling and never crosses. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    thread: text('thread').notNull(),
    /** 'message', or 'information' when the reporter adds to the report. */
    kind: text('kind').notNull(),
    authorKind: text('author_kind').notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    sealedBody: bytea('sealed_body').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('case_messages_case_idx').on(table.caseId, table.seq),
    check('case_messages_thread_known', sql`${table.thread} in ('reporter', 'respondent')`),
    check('case_messages_author_known', sql`${table.authorKind} in ('reporter', 'staff', 'respondent')`),
  ],
);

/** The status timeline: what happened when, never what anyone wrote. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    actorKind: text('actor_kind').notNull(),
    /** Non-content details, e.g. the path before and after a change. */
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (table) => [index('case_events_case_idx').on(table.caseId, table.id)],
);

/**
 * Evidence files (uploads arrive with the attachments work): the file lives encrypted with the
 * case key under REDRESS_DATA_DIR/attachments/<storage_name>; its name, type and SHA-256 (chain
 * of custody) are in the sealed metadata, so the row shows only size and time.
 */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => caseMessages.id, { onDelete: 'set null' }),
    storageName: text('storage_name').notNull().unique(),
    sealedMetadata: bytea('sealed_metadata').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** 'case': file and metadata sealed with the case key; 'respondent': with the respondent key (the respondent's files, and files shared with them). */
    sealedWith: text('sealed_with').notNull().default('case'),
    /** Who added the file: 'reporter', 'staff' or 'respondent' (null for files stored before this was recorded). */
    addedBy: text('added_by'),
  },
  (table) => [
    index('case_attachments_case_idx').on(table.caseId),
    check('case_attachments_sealed_with_known', sql`${table.sealedWith} in ('case', 'respondent')`),
    check('case_attachments_added_by_known', sql`${table.addedBy} in ('reporter', 'staff', 'respondent')`),
  ],
);

/** A reporter's follow-up session: the case key sealed under a key only the cookie token derives. */
export const reporterSessions = pgTable(
  'reporter_sessions',
  {
    /** SHA-256 of the cookie token. */
    id: text('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    sealedCaseKey: bytea('sealed_case_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (table) => [index('reporter_sessions_expiry_idx').on(table.expiresAt)],
);

/** Single-use values (form nonces, receipt challenges) remembered until they would expire anyway. */
export const intakeSpentTokens = pgTable(
  'intake_spent_tokens',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.kind, table.id] }), index('intake_spent_tokens_expiry_idx').on(table.expiresAt)],
);

/** Failed receipt attempts per minute, all reporters together (the global guard); no who, no where. */
export const intakeGuardMinutes = pgTable('intake_guard_minutes', {
  minute: at('minute').primaryKey(),
  failures: integer('failures').notNull().default(0),
});
