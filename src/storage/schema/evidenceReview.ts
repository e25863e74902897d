/**
 * Evidence shared for the review (issue #4, 34 CFR 106.45(b)(5)(vi)): one row per evidence item
 * a handler or investigator shared with the parties. An item sealed with the case key (the
 * reporter's files, staff files, evidence statements) gets a copy sealed with the respondent key
 * (`copy_id`: the new attachment or document); an item the respondent brought is already sealed
 * with the respondent key, and the row makes it visible to the reporter (no copy). The primary
 * key makes sure nothing is shared twice.
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './intake.ts';
import { staff } from './platform.ts';

export const evidenceShares = pgTable(
  'evidence_shares',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The shared item: a case_attachments or case_documents id. */
    sourceId: uuid('source_id').notNull(),
    /** 'file' or 'document'. */
    sourceKind: text('source_kind').notNull(),
    /** The copy sealed with the respondent key, or null when the item was the respondent's own. */
    copyId: uuid('copy_id'),
    sharedBy: uuid('shared_by').references(() => staff.id, { onDelete: 'set null' }),
    sharedAt: timestamp('shared_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.sourceId] }),
    index('evidence_shares_case_idx').on(table.caseId, table.sharedAt),
    check('evidence_shares_kind_known', sql`${table.sourceKind} in ('file', 'document')`),
  ],
);
