/**
 * Opening an assessment round: for one organisation, or for the network across the member
 * organisations chosen (all of them by default). The round asks the long or short form of one
 * published template version, which it keeps for good.
 */
import { asc } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import type { AssessmentForm } from '../../core/toolkit/template.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { organisations } from '../../storage/schema/index.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import { addParticipants, insertRound } from '../../storage/toolkit/roundStore.ts';
import type { Context } from '../context.ts';

export type OpenRoundInput = {
  title: string;
  /** null opens a network round. */
  orgId: string | null;
  templateId: string;
  form: AssessmentForm;
  closesOn: string | null;
};

export async function openRound(context: Context, actor: Actor, input: OpenRoundInput): Promise<string> {
  authorize(actor, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: input.orgId });
  const now = context.clock();
  const today = dayOf(now);
  if (input.closesOn !== null && input.closesOn < today) {
    throw new AppError('BAD_INPUT', { detail: 'closing date in the past' }, { closesOn: 'toolkit.round.closesInPast' });
  }
  return context.db.transaction(async (tx) => {
    const template = await templateById(tx, input.templateId);
    if (template.status !== 'published') throw new AppError('NOT_FOUND');
    const members = await tx.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.name));
    const memberIds = members.map((member) => member.id);
    if (input.orgId !== null && !memberIds.includes(input.orgId)) throw new AppError('NOT_FOUND');
    const roundId = await insertRound(tx, {
      title: input.title,
      scope: input.orgId === null ? 'network' : 'organisation',
      orgId: input.orgId,
      templateId: template.id,
      form: input.form,
      openedOn: today,
      closesOn: input.closesOn,
      createdBy: actor.staffId,
    });
    await addParticipants(tx, roundId, input.orgId === null ? memberIds : [input.orgId]);
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'toolkit.round-opened', subjectType: 'toolkit-round', subjectId: roundId, orgId: input.orgId, details: { form: input.form, templateId: template.id } },
      now,
    );
    return roundId;
  });
}
