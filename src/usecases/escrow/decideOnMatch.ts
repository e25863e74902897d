/**
 * A matched reporter decides whether to go on to a report. Their consent is what is recorded
 * (and audited); nothing reaches anyone else through it. Redress does not open a case on its
 * own: intake exposes no way to create a case from an escrow allegation, so the reporter who
 * says "proceed" is offered the network's report form, and counsellors see the consent next to
 * the matched entry. docs/escrow.md names the hook an integrator would add.
 * The decision form is signed for one allegation; the API decides straight after a receipt check.
 */
import { AppError } from '../../core/errors.ts';
import { FOLLOW_UP_FORM_HOURS, verifyFormToken } from '../../core/intake/formToken.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { allegationById, matchesOfAllegation, recordDecision } from '../../storage/escrow/entryStore.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import type { Context } from '../context.ts';
import { decisionPurpose, statusView, type EscrowStatusView } from './checkEscrowStatus.ts';

export type Decision = 'proceed' | 'declined';

export function parseDecision(value: unknown): Decision {
  if (value === 'proceed' || value === 'declined') return value;
  throw new AppError('BAD_INPUT', { detail: 'decision must be proceed or declined' });
}

/** From the follow-up page: the signed form names the allegation. */
export async function decideWithForm(context: Context, input: { allegationId: unknown; formToken: unknown; decision: unknown }): Promise<EscrowStatusView> {
  const allegationId = typeof input.allegationId === 'string' ? input.allegationId : '';
  const { formKey } = await intakeSecrets(context.db);
  const check = verifyFormToken(formKey, input.formToken, decisionPurpose(allegationId), context.clock(), FOLLOW_UP_FORM_HOURS);
  if (!check.ok) throw new AppError('FOLLOW_UP_ENDED');
  return decideOnMatch(context, { allegationId, decision: parseDecision(input.decision) });
}

/** For a caller that has just proven the receipt (the API). */
export async function decideOnMatch(context: Context, input: { allegationId: string; decision: Decision }): Promise<EscrowStatusView> {
  const now = context.clock();
  const { formKey } = await intakeSecrets(context.db);
  return context.db.transaction(async (tx) => {
    const allegation = await allegationById(tx, input.allegationId);
    if (!allegation) throw new AppError('FOLLOW_UP_ENDED');
    if ((await matchesOfAllegation(tx, allegation.id)).length === 0) throw new AppError('ESCROW_DECISION_UNAVAILABLE');
    await recordDecision(tx, allegation.id, input.decision, now);
    await recordAudit(tx, { actorId: null, action: 'escrow.reporter-decided', subjectType: 'escrow-allegation', subjectId: allegation.id, details: { decision: input.decision } }, now);
    return statusView(tx, { ...allegation, decision: input.decision, decidedAt: now }, formKey, now);
  });
}
