/**
 * Case handling tables (issue #4): procedure definitions as versioned data, the sealed
 * documents every case action refers to, relational mirrors of the engine's state that lists
 * and counts need (team, conflicts), links between cases, break-glass grants, redactions, the
 * respondent's access, reminders sent (so each goes exactly once) and purge reports.
 *
 * Invariant, as for intake: nothing anyone wrote is stored in the clear. A document is sealed
 * with the case key (staff only) or with the respondent key (what the respondent may read).
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { cases } from './intake.ts';
import { organisations, staff } from './platform.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A procedure definition (core/procedures/definition.ts), one row per version; never edited in place. */
export const procedureDefinitions = pgTable(
  'procedure_definitions',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    path: text('path').notNull(),
    /** The organisation that adapted it, or null for the network's (and the shipped templates). */
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    definition: jsonb('definition').$type<unknown>().notNull(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);

/**
 * What the engine's `…Ref` and reasons point to: notes, notices, statements, reports, decisions,
 * letters, referrals, measures, agreements, check-in notes, reasons, redacted versions.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** 'case': sealed with the case key; 'respondent': with the respondent key (the respondent may read it). */
    sealedWith: text('sealed_with').notNull(),
    sealedBody: bytea('sealed_body').notNull(),
    authorKind: text('author_kind').notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('case_documents_case_idx').on(table.caseId, table.createdAt),
    check('case_documents_sealed_with_known', sql`${table.sealedWith} in ('case', 'respondent')`),
    check('case_documents_author_known', sql`${table.authorKind} in ('staff', 'reporter', 'respondent', 'system')`),
  ],
);

/** The active team, mirrored from the case state for "assigned to me" and for assignment checks. */
export const caseTeam = pgTable(
  'case_team',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    since: at('since').notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.staffId, table.role] }), index('case_team_staff_idx').on(table.staffId, table.caseId)],
);

/**
 * Staff who may never see the case (named in it, or related to a party): lists, counts and
 * searches leave the case out for them, and their wrapped key is deleted when the row is made.
 */
export const caseConflicts = pgTable(
  'case_conflicts',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    basis: text('basis').notNull(),
    at: at('at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.staffId] }), index('case_conflicts_staff_idx').on(table.staffId, table.caseId)],
);

/** Related cases, stored once per direction so either side lists the other. */
export const caseLinks = pgTable(
  'case_links',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    linkedCaseId: uuid('linked_case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.linkedCaseId] })],
);

/** Emergency access: time-limited, with a sealed reason; the other handlers and the auditor are alerted. */
export const caseBreakGlass = pgTable(
  'case_break_glass',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    reasonDocumentId: uuid('reason_document_id').references(() => caseDocuments.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
  },
  (table) => [index('case_break_glass_case_idx').on(table.caseId, table.staffId)],
);

/**
 * The respondent's (or an adviser's) way in: a link token and an access code sent apart. Both
 * are stored only as hashes; the respondent key is wrapped under a key derived (Argon2id) from
 * the access code, so the database alone cannot open what the respondent may read.
 */
export const respondentAccess = pgTable(
  'respondent_access',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** 'respondent', or 'adviser' (of the respondent). */
    kind: text('kind').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    codeSalt: bytea('code_salt').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    language: text('language').notNull(),
    createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    firstUsedAt: at('first_used_at'),
    revokedAt: at('revoked_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** When the last wrong access code was given: the next attempt waits longer after each one. */
    lastFailedAt: at('last_failed_at'),
  },
  (table) => [
    index('respondent_access_case_idx').on(table.caseId),
    check('respondent_access_kind_known', sql`${table.kind} in ('respondent', 'adviser')`),
  ],
);

/** A respondent's portal session: the respondent key sealed under a key only the cookie derives. */
export const respondentSessions = pgTable(
  'respondent_sessions',
  {
    id: text('id').primaryKey(),
    accessId: uuid('access_id')
      .notNull()
      .references(() => respondentAccess.id, { onDelete: 'cascade' }),
    sealedKey: bytea('sealed_key').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** For the idle timeout: a portal left open on a shared computer ends on its own. */
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
  },
  (table) => [index('respondent_sessions_expiry_idx').on(table.expiresAt)],
);

/** Reminders already sent: the key makes "each reminder once" a fact the database enforces. */
export const deadlineReminders = pgTable(
  'deadline_reminders',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** `<procedure id>@<version>:<deadline id>` or `appeal:<id>` / `checkIn:<id>`. */
    deadline: text('deadline').notNull(),
    /** 'due' or 'overdue'. */
    kind: text('kind').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.deadline, table.kind, table.dueOn] })],
);

/** What each purge run deleted: case numbers and dates only, never content. */
export const purgeReports = pgTable('purge_reports', {
  id: uuid('id').primaryKey(),
  ranAt: at('ran_at').notNull(),
  purged: jsonb('purged').$type<{ ref: number; closedOn: string | null; purgeOn: string | null; procedure: string | null }[]>().notNull(),
  filesRemoved: integer('files_removed').notNull(),
  keptForLegalHold: integer('kept_for_legal_hold').notNull(),
});
