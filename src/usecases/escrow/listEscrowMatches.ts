/** An escrow counsellor's list of matches: when, how many reporters, and which need them (new reporters, or a report waiting for its account). No content. */
import { authorize, type Actor } from '../../core/policy.ts';
import { matchesFor, type MatchSummary } from '../../storage/escrow/matchStore.ts';
import type { Context } from '../context.ts';

export type MatchListing = { matches: (MatchSummary & { isNew: boolean })[]; newCount: number };

/** Matches are rare (each needs t independent reporters); the newest 200 are listed. */
const listed = 200;

export async function listEscrowMatches(context: Context, actor: Actor | undefined): Promise<MatchListing> {
  authorize(actor, 'escrow.counsel', { kind: 'network' });
  const rows = await matchesFor(context.db, actor.staffId, listed);
  // New: reporters this counsellor has not read yet, or a report made from the match that waits for the account only they can add.
  const matches = rows.map((row) => ({ ...row, isNew: row.seenReporters === null || row.seenReporters < row.reporters || Number(row.awaitingAccounts) > 0 }));
  return { matches, newCount: matches.filter((match) => match.isNew).length };
}
