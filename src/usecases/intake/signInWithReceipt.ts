/**
 * Following up a report with its receipt. Each attempt must carry a single-use challenge from
 * the follow-up form and have paid for itself (a short wait, or a proof of work): cheap checks
 * first, so a guesser cannot make the server run Argon2id for free. Then one derivation finds
 * the case by its lookup value and unwraps its key; a failure counts towards the global guard
 * and hands back a chained challenge with stricter terms. Success opens a reporter session.
 * Failed guesses are not audited one by one (an attack must not flood the append-only log);
 * the guard's per-minute count records them.
 */
import { DecryptionError } from '../../core/crypto/aead.ts';
import { AppError } from '../../core/errors.ts';
import { receiptKeys, unwrapWithReceipt, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { parseReceipt, type ReceiptProblem } from '../../core/intake/receipt.ts';
import { checkEffort, globalTerms, guardPolicy, issueChallenge, readChallenge, termsFor, type Challenge } from '../../core/intake/receiptGuard.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseByReceiptLookup, wrappedCaseKey } from '../../storage/caseQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { recentFailureRate, recordGuessFailure, spend } from '../../storage/intakeGuardStore.ts';
import type { Context } from '../context.ts';
import { withDerivationSlot } from './receiptDerivations.ts';
import { purgeExpiredReporterSessions, startReporterSession } from './reporterSessions.ts';

export type FollowUpChallenge = { token: string; wait: number; difficulty: number };

export type ReceiptAttempt = { receipt: unknown; challenge: unknown; pow: unknown };

export type ReceiptOutcome =
  | { kind: 'signed-in'; token: string }
  | { kind: 'retry'; code: 'RECEIPT_CHALLENGE_INVALID'; challenge: FollowUpChallenge }
  | { kind: 'retry'; code: 'RECEIPT_TOO_SOON'; seconds: number; challenge: FollowUpChallenge }
  | { kind: 'retry'; code: 'RECEIPT_MALFORMED'; problem: ReceiptProblem; digits: number; challenge: FollowUpChallenge }
  | { kind: 'retry'; code: 'RECEIPT_UNKNOWN'; challenge: FollowUpChallenge };

async function newChallenge(db: Queryable, now: Date, failures: number): Promise<FollowUpChallenge> {
  const { formKey } = await intakeSecrets(db);
  const terms = termsFor(await recentFailureRate(db, now), failures);
  const { token } = issueChallenge(formKey, now, terms, failures);
  return { token, ...terms };
}

/** The challenge for a fresh follow-up form. */
export async function followUpChallenge(context: Context): Promise<FollowUpChallenge> {
  return newChallenge(context.db, context.clock(), 0);
}

function keep(token: string, challenge: Challenge): FollowUpChallenge {
  return { token, wait: challenge.wait, difficulty: challenge.difficulty };
}

export async function signInWithReceipt(context: Context, attempt: ReceiptAttempt): Promise<ReceiptOutcome> {
  const { db } = context;
  const now = context.clock();
  const { formKey, receiptSalt } = await intakeSecrets(db);
  const token = typeof attempt.challenge === 'string' ? attempt.challenge : '';
  const challenge = readChallenge(formKey, token);
  if (!challenge) return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await newChallenge(db, now, 0) };

  const effort = checkEffort({ token, challenge, pow: attempt.pow, now, current: globalTerms(await recentFailureRate(db, now)) });
  if (!effort.ok && effort.problem === 'expired') {
    return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await newChallenge(db, now, challenge.failures) };
  }
  if (!effort.ok) return { kind: 'retry', code: 'RECEIPT_TOO_SOON', seconds: effort.seconds, challenge: keep(token, challenge) };

  // A mistyped receipt is no guess: the challenge stays unspent and nothing is counted.
  const parsed = parseReceipt(attempt.receipt);
  if (!parsed.ok) return { kind: 'retry', code: 'RECEIPT_MALFORMED', problem: parsed.problem, digits: parsed.digits, challenge: keep(token, challenge) };

  const expires = new Date(challenge.issuedAtMs + guardPolicy.lifetimeSeconds * 1000);
  if (!(await spend(db, 'challenge', challenge.id, expires, now))) {
    return { kind: 'retry', code: 'RECEIPT_CHALLENGE_INVALID', challenge: await newChallenge(db, now, challenge.failures) };
  }

  const keys = await withDerivationSlot(() => receiptKeys(parsed.receipt, receiptSalt, context.argon2));
  const found = await caseByReceiptLookup(db, keys.lookup);
  const caseKey = found ? await openWithReceipt(db, found.id, keys.wrapKey) : undefined;
  if (!found || !caseKey) {
    await recordGuessFailure(db, now);
    return { kind: 'retry', code: 'RECEIPT_UNKNOWN', challenge: await newChallenge(db, now, challenge.failures + 1) };
  }

  return db.transaction(async (tx) => {
    await purgeExpiredReporterSessions(tx, now);
    const session = await startReporterSession(tx, { caseId: found.id, caseKey, now });
    await recordAudit(tx, { actorId: null, action: 'case.reporter-signed-in', subjectType: 'case', subjectId: found.id, orgId: found.status === 'draft' ? null : found.orgId }, now);
    return { kind: 'signed-in', token: session.token };
  });
}

async function openWithReceipt(db: Queryable, caseId: string, wrapKey: Uint8Array): Promise<CaseKey | undefined> {
  const wrapped = await wrappedCaseKey(db, caseId, null);
  if (!wrapped) return undefined;
  try {
    return unwrapWithReceipt(wrapKey, wrapped, caseId);
  } catch (error) {
    if (error instanceof DecryptionError) return undefined;
    throw error;
  }
}

/** For routes that need the error's status and message for a retry outcome. */
export function retryError(outcome: Exclude<ReceiptOutcome, { kind: 'signed-in' }>): AppError {
  return new AppError(outcome.code, outcome.code === 'RECEIPT_TOO_SOON' ? { seconds: outcome.seconds } : {});
}
