/**
 * An escrow counsellor opens a match: the entries on its tag are opened in their session and
 * shown with each reporter's decision. The read is audited (who, which match, how many entries
 * opened, why any could not be) in the same transaction that marks the match as seen for them.
 */
import { recordAudit } from '../../storage/auditLog.ts';
import { markMatchSeen } from '../../storage/escrow/matchStore.ts';
import type { Context } from '../context.ts';
import { openMatchInSession, type Counsellor, type MatchOpened } from './matchOpening.ts';

export async function openEscrowMatch(context: Context, counsellor: Counsellor, matchId: string): Promise<MatchOpened> {
  const opened = await openMatchInSession(context, counsellor, matchId);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await markMatchSeen(tx, opened.match.id, counsellor.staffId, opened.match.reporters, now);
    await recordAudit(
      tx,
      {
        actorId: counsellor.staffId,
        action: 'escrow.match-opened',
        subjectType: 'escrow-match',
        subjectId: opened.match.id,
        details: {
          outcome: opened.outcome,
          entries: opened.entries.length,
          read: opened.entries.filter((entry) => entry.content).length,
          problems: opened.entries.flatMap((entry) => (entry.problem ? [entry.problem] : [])),
        },
      },
      now,
    );
  });
  return opened;
}
