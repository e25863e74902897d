/**
 * An escrow allegation that went on to a report, with its reporter's consent (issue #5, "a case
 * is created only with the reporter's consent"): the case it became, and when its matched
 * account was sealed into that case. The server cannot read an escrow entry, so the case starts
 * without the account; the first escrow counsellor who opens the match in their session (the
 * only place a matched entry is ever decrypted) seals it into the case under the case key
 * (usecases/escrow/openEscrowMatch.ts). Unmatched entries never go on, so nothing unmatched is
 * read. The case link survives the case's purge as a null, so the allegation still says it went on.
 */
import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { escrowAllegations } from './escrow.ts';
import { cases } from './intake.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const escrowAllegationCases = pgTable('escrow_allegation_cases', {
  allegationId: uuid('allegation_id')
    .primaryKey()
    .references(() => escrowAllegations.id, { onDelete: 'cascade' }),
  caseId: uuid('case_id')
    .unique()
    .references(() => cases.id, { onDelete: 'set null' }),
  createdAt: at('created_at').notNull(),
  /** When an escrow counsellor's session sealed the matched account (and evidence) into the case; null until then. */
  accountAddedAt: at('account_added_at'),
});
