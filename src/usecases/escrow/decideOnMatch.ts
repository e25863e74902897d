/**
 * A matched reporter decides whether to go on to a report. "Go on" creates the case, with their
 * consent and only then (usecases/intake/createCaseFromEscrow.ts): in one transaction, with the
 * allegation locked so that a second click creates nothing more, the case is created on the
 * escrow procedure for the network's escrow counsellors, the allegation records that it went on
 * to that case, the choice is recorded and audited, and the counsellors are alerted (no content).
 * The case's receipt is new — the escrow receipt never opens the case — and is shown once. The
 * matched account reaches the case when a counsellor next opens the match (openEscrowMatch.ts).
 * Once a case exists the choice is final (the reporter withdraws the report at /follow-up);
 * before that, "not now" can change to "go on" and back.
 * The decision form is signed for one allegation; the API decides straight after a receipt check.
 */
import { AppError } from '../../core/errors.ts';
import { receiptKeys, type ReceiptKeys } from '../../core/intake/caseCrypto.ts';
import { FOLLOW_UP_FORM_HOURS, verifyFormToken } from '../../core/intake/formToken.ts';
import { formatReceipt, newReceipt, type Receipt } from '../../core/intake/receipt.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseLinkOf, insertCaseLink, lockAllegation } from '../../storage/escrow/caseLinkStore.ts';
import { matchesOfAllegation, recordDecision } from '../../storage/escrow/entryStore.ts';
import { activeCounsellors } from '../../storage/escrow/escrowSettingsStore.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import type { Context } from '../context.ts';
import { createCaseFromEscrow } from '../intake/createCaseFromEscrow.ts';
import { withDerivationSlot } from '../intake/receiptDerivations.ts';
import { decisionPurpose, statusView, type EscrowStatusView } from './checkEscrowStatus.ts';
import { ESCROW_MATCH_MAIL } from './placeAllegation.ts';

export type Decision = 'proceed' | 'declined';

/** The status after the choice, and the new report's receipt when this choice created the report (shown once). */
export type DecisionOutcome = { view: EscrowStatusView; reportReceipt: string | undefined };

export type DecisionInput = { allegationId: string; decision: Decision; mailLinkBase: string | undefined };

export function parseDecision(value: unknown): Decision {
  if (value === 'proceed' || value === 'declined') return value;
  throw new AppError('BAD_INPUT', { detail: 'decision must be proceed or declined' });
}

/** From the follow-up page: the signed form names the allegation. */
export async function decideWithForm(
  context: Context,
  input: { allegationId: unknown; formToken: unknown; decision: unknown; mailLinkBase: string | undefined },
): Promise<DecisionOutcome> {
  const allegationId = typeof input.allegationId === 'string' ? input.allegationId : '';
  const { formKey } = await intakeSecrets(context.db);
  const check = verifyFormToken(formKey, input.formToken, decisionPurpose(allegationId), context.clock(), FOLLOW_UP_FORM_HOURS);
  if (!check.ok) throw new AppError('FOLLOW_UP_ENDED');
  return decideOnMatch(context, { allegationId, decision: parseDecision(input.decision), mailLinkBase: input.mailLinkBase });
}

/** For a caller that has just proven the receipt (the API), or the signed form above. */
export async function decideOnMatch(context: Context, input: DecisionInput): Promise<DecisionOutcome> {
  const now = context.clock();
  const { formKey, receiptSalt } = await intakeSecrets(context.db);
  const report = await reportReceiptIfNeeded(context, input, receiptSalt);
  return context.db.transaction(async (tx) => {
    const allegation = await lockAllegation(tx, input.allegationId);
    if (!allegation) throw new AppError('FOLLOW_UP_ENDED');
    const [match] = await matchesOfAllegation(tx, allegation.id);
    if (!match) throw new AppError('ESCROW_DECISION_UNAVAILABLE');
    const link = await caseLinkOf(tx, allegation.id);
    if (link && input.decision === 'declined') throw new AppError('ESCROW_ALREADY_REPORTED');
    if (link || (!report && input.decision === allegation.decision)) {
      // Nothing changes: the same choice again, or "go on" once the report exists.
      return { view: await statusView(tx, allegation, formKey, now), reportReceipt: undefined };
    }
    let created: { caseId: string } | undefined;
    if (input.decision === 'proceed') {
      // Derived before the transaction; always present here, since no link existed then either (links are never removed).
      if (!report) throw new AppError('INTERNAL', { detail: 'no receipt was derived for the new report' });
      created = await createCaseFromEscrow(tx, { allegationId: allegation.id, matchId: match.matchId, receiptKeys: report.keys, now });
      await insertCaseLink(tx, { allegationId: allegation.id, caseId: created.caseId, now });
      if (input.mailLinkBase !== undefined) {
        for (const counsellor of await activeCounsellors(tx)) await enqueue(tx, ESCROW_MATCH_MAIL, { staffId: counsellor.id, matchId: match.matchId, linkBase: input.mailLinkBase }, now);
      }
    }
    await recordDecision(tx, allegation.id, input.decision, now);
    await recordAudit(
      tx,
      { actorId: null, action: 'escrow.reporter-decided', subjectType: 'escrow-allegation', subjectId: allegation.id, details: { decision: input.decision, ...(created ? { caseId: created.caseId } : {}) } },
      now,
    );
    const view = await statusView(tx, { ...allegation, decision: input.decision, decidedAt: now }, formKey, now);
    return { view, reportReceipt: created && report ? formatReceipt(report.receipt) : undefined };
  });
}

/**
 * The new report's receipt and its keys, derived before the transaction (one Argon2id run, never
 * under a lock) — only when this choice can create the report: "go on" for a matched allegation
 * that has not gone on yet.
 */
async function reportReceiptIfNeeded(context: Context, input: DecisionInput, salt: Uint8Array): Promise<{ receipt: Receipt; keys: ReceiptKeys } | undefined> {
  if (input.decision !== 'proceed') return undefined;
  if ((await matchesOfAllegation(context.db, input.allegationId)).length === 0) return undefined;
  if (await caseLinkOf(context.db, input.allegationId)) return undefined;
  const receipt = newReceipt();
  return { receipt, keys: await withDerivationSlot(() => receiptKeys(receipt, salt, context.argon2)) };
}
