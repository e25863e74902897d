/**
 * The server's half of the VOPRF round: a reporter's client sends blinded identifiers under its
 * token and gets them evaluated with one proof. The request is checked on its own first (well
 * formed, no element twice, every element a ristretto255 element other than the identity, so the
 * evaluation cannot refuse it later); then one database call admits it — known token, never
 * answered before, within the token's daily and lifetime budgets, decided with the reporter's row
 * locked so parallel requests cannot both slip under a limit — and, only when it is admitted,
 * records its fingerprints and charges the token (storage/escrow/reporterStore.ts
 * `admitEvaluations`). That call is one statement and commits on its own: the database's answer
 * is the decision, and a refused request stores nothing. The reason for a refusal is found by
 * core/escrow/evaluationRequests.ts from the facts the call read. Only an admitted, committed
 * request is evaluated. The server never learns the identifiers.
 */
import { AppError } from '../../core/errors.ts';
import { admitEvaluation, requestFingerprints } from '../../core/escrow/evaluationRequests.ts';
import type { Evaluation } from '../../core/escrow/oprf.ts';
import { parseReporterToken } from '../../core/escrow/reporterToken.ts';
import { admitEvaluations, isReplayedEvaluation, reporterTokenHash, type EvaluationFacts } from '../../storage/escrow/reporterStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function evaluateForReporter(context: EscrowContext, input: { token: unknown; blinded: Uint8Array[] }): Promise<Evaluation> {
  const token = parseReporterToken(input.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  const now = context.clock();
  const { evaluationPolicy: policy, evaluator, lifetimeEvaluations } = context.escrow;
  const fingerprints = requestFingerprints(input.blinded, policy);
  evaluator.check(input.blinded);
  const tokenHash = reporterTokenHash(token);
  const limits = { since: new Date(now.getTime() - policy.windowSeconds * 1000), now, perWindow: policy.maxEvaluationsPerWindow, lifetime: lifetimeEvaluations };
  let admission: { facts: EvaluationFacts | undefined; admitted: boolean };
  try {
    admission = await admitEvaluations(context.db, { tokenHash, fingerprints, limits });
  } catch (error) {
    if (isReplayedEvaluation(error)) throw new AppError('ESCROW_OPRF_REPLAYED');
    throw error;
  }
  const { facts, admitted } = admission;
  if (!facts) throw new AppError('ESCROW_TOKEN_INVALID');
  if (!admitted) {
    admitEvaluation(input.blinded, facts, now, policy);
    if (facts.evaluationsTotal + fingerprints.length > lifetimeEvaluations) throw new AppError('ESCROW_TOKEN_EXHAUSTED');
    throw new Error('escrow evaluation: the database refused a request the admission rules allow');
  }
  context.escrow.knownTokens.add(tokenHash);
  return evaluator.evaluate(input.blinded);
}
