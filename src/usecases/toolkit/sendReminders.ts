/**
 * Reminding everyone invited by e-mail who has not answered yet. The coordinator never learns
 * who that is: the reminder goes to whichever invitations are still unused, each with a fresh
 * link (earlier links keep working until the invitation is used).
 */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { markReminded, unansweredEmailInvitations } from '../../storage/toolkit/answerStore.ts';
import { roundById } from '../../storage/toolkit/roundStore.ts';
import type { Context } from '../context.ts';
import { TOOLKIT_INVITATION_MAIL } from './inviteColleagues.ts';
import { mayInviteFor, mayRun } from './toolkitScopes.ts';

export async function sendReminders(context: Context, actor: Actor, input: { roundId: string; orgId: string | null; linkBase: string }): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const round = await roundById(tx, input.roundId);
    const allowedHere = input.orgId === null ? mayRun(actor, round) : mayInviteFor(actor, round, input.orgId);
    if (!allowedHere) throw new AppError('NOT_FOUND');
    if (round.status !== 'open') throw new AppError('TOOLKIT_ROUND_CLOSED');
    const invitationIds = await unansweredEmailInvitations(tx, round.id, input.orgId === null ? undefined : [input.orgId]);
    for (const invitationId of invitationIds) await enqueue(tx, TOOLKIT_INVITATION_MAIL, { invitationId, linkBase: input.linkBase, reminder: true }, now);
    await markReminded(tx, invitationIds, dayOf(now));
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'toolkit.reminders-sent', subjectType: 'toolkit-round', subjectId: round.id, orgId: input.orgId, details: {} },
      now,
    );
  });
}
