/**
 * Closing a round: no answer is accepted after this, every unused invitation and paused answer
 * is deleted (with them, the e-mail addresses of people who did not answer), and results become
 * visible when at least five people answered.
 */
import type { Actor } from '../../core/policy.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { forgetOpenWork } from '../../storage/toolkit/answerStore.ts';
import { markClosed, roundById } from '../../storage/toolkit/roundStore.ts';
import type { Context } from '../context.ts';
import { requireRun } from './toolkitScopes.ts';

export async function closeRound(context: Context, actor: Actor, roundId: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const round = await roundById(tx, roundId);
    requireRun(actor, round);
    await markClosed(tx, round.id, dayOf(now));
    await forgetOpenWork(tx, round.id);
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.round-closed', subjectType: 'toolkit-round', subjectId: round.id, orgId: round.orgId, details: {} }, now);
  });
}
