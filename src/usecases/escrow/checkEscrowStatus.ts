/**
 * A reporter returns with their escrow receipt to see whether their allegation matched. The
 * guard is the intake's (core/intake/receiptGuard.ts and its store): a single-use challenge,
 * paid for by a short wait or a proof of work, and a failure rate shared with report receipts,
 * so guessing escrow receipts is as slow as guessing report receipts. Cheap checks come first;
 * then one Argon2id derivation finds the allegation. What the reporter learns: matched or not,
 * their own decision and whether it went on to a report; never anything about anyone else's entry.
 */
import { signFormToken } from '../../core/intake/formToken.ts';
import { parseReceipt, type ReceiptProblem } from '../../core/intake/receipt.ts';
import { checkEffort, globalTerms, guardPolicy, issueChallenge, readChallenge, termsFor } from '../../core/intake/receiptGuard.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Queryable } from '../../storage/database.ts';
import { caseLinkOf } from '../../storage/escrow/caseLinkStore.ts';
import { allegationByReceiptLookup, matchesOfAllegation, type AllegationRow } from '../../storage/escrow/entryStore.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { recentFailureRate, recordGuessFailure, spend } from '../../storage/intakeGuardStore.ts';
import type { FollowUpChallenge } from '../intake/signInWithReceipt.ts';
import type { Context } from '../context.ts';
import { escrowReceiptLookup } from './escrowReceipts.ts';

export type EscrowDecision = 'undecided' | 'proceed' | 'declined';

export type EscrowStatusView = {
  allegationId: string;
  status: 'matched' | 'not_matched';
  placedAt: Date;
  matchedAt: Date | undefined;
  decision: EscrowDecision;
  /** When the allegation went on to a report (a case with its own receipt); undefined before. */
  reportSince: Date | undefined;
  /** Signs the decision form for this allegation only (core/intake/formToken.ts). */
  decisionToken: string;
};

export type StatusOutcome =
  | { kind: 'found'; view: EscrowStatusView }
  | { kind: 'retry'; code: 'RECEIPT_CHALLENGE_INVALID' | 'RECEIPT_UNKNOWN'; challenge: FollowUpChallenge }
  | { kind: 'retry'; code: 'RECEIPT_TOO_SOON'; seconds: number; challenge: FollowUpChallenge }
  | { kind: 'retry'; code: 'RECEIPT_MALFORMED'; problem: ReceiptProblem; digits: number; challenge: FollowUpChallenge };

export const decisionPurpose = (allegationId: string) => `escrow-decision:${allegationId}`;

export async function escrowChallenge(db: Queryable, now: Date, failures = 0): Promise<FollowUpChallenge> {
  const { formKey } = await intakeSecrets(db);
  const terms = termsFor(await recentFailureRate(db, now), failures);
  return { token: issueChallenge(formKey, now, terms, failures).token, ...terms };
}

export async function checkEscrowStatus(context: Context, attempt: { receipt: unknown; challenge: unknown; pow: unknown }): Promise<StatusOutcome> {
  const { db } = context;
  const now = context.clock();
  const { formKey } = await intakeSecrets(db);
  const token = typeof attempt.challenge === 'string' ? attempt.challenge : '';
  const challenge = readChallenge(formKey, token);
  if (!challenge) return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await escrowChallenge(db, now) };
  const kept = { token, wait: challenge.wait, difficulty: challenge.difficulty };

  const effort = checkEffort({ token, challenge, pow: attempt.pow, now, current: globalTerms(await recentFailureRate(db, now)) });
  if (!effort.ok && effort.problem === 'expired') return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await escrowChallenge(db, now, challenge.failures) };
  if (!effort.ok) return { kind: 'retry', code: 'RECEIPT_TOO_SOON', seconds: effort.seconds, challenge: kept };

  // A mistyped receipt is no guess: the challenge stays unspent and nothing is counted.
  const parsed = parseReceipt(attempt.receipt);
  if (!parsed.ok) return { kind: 'retry', code: 'RECEIPT_MALFORMED', problem: parsed.problem, digits: parsed.digits, challenge: kept };
  const expires = new Date(challenge.issuedAtMs + guardPolicy.lifetimeSeconds * 1000);
  if (!(await spend(db, 'challenge', challenge.id, expires, now))) {
    return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await escrowChallenge(db, now, challenge.failures) };
  }

  const allegation = await allegationByReceiptLookup(db, await escrowReceiptLookup(db, parsed.receipt, context.argon2));
  if (!allegation) {
    await recordGuessFailure(db, now);
    return { kind: 'retry', code: 'RECEIPT_UNKNOWN', challenge: await escrowChallenge(db, now, challenge.failures + 1) };
  }
  await db.transaction((tx) => recordAudit(tx, { actorId: null, action: 'escrow.status-checked', subjectType: 'escrow-allegation', subjectId: allegation.id }, now));
  return { kind: 'found', view: await statusView(db, allegation, formKey, now) };
}

export async function statusView(db: Queryable, allegation: AllegationRow, formKey: Uint8Array, now: Date): Promise<EscrowStatusView> {
  const [firstMatch] = await matchesOfAllegation(db, allegation.id);
  const report = firstMatch ? await caseLinkOf(db, allegation.id) : undefined;
  return {
    allegationId: allegation.id,
    status: firstMatch ? 'matched' : 'not_matched',
    placedAt: allegation.createdAt,
    matchedAt: firstMatch?.matchedAt,
    decision: allegation.decision === 'proceed' || allegation.decision === 'declined' ? allegation.decision : 'undecided',
    reportSince: report?.createdAt,
    decisionToken: signFormToken(formKey, decisionPurpose(allegation.id), now),
  };
}
