/**
 * The server's half of the VOPRF round: a reporter's client sends blinded identifiers under its
 * token and gets them evaluated with one proof. The request is checked on its own first (well
 * formed, no element twice); then one database call admits it — known token, never answered
 * before, within the token's daily and lifetime budgets, decided with the reporter's row locked
 * so parallel requests cannot both slip under a limit — and records its fingerprints
 * (storage/escrow/reporterStore.ts `admitEvaluations`). The refusal is decided by
 * core/escrow/evaluationRequests.ts from the facts the call read. The evaluation runs in the same
 * transaction, so a request refused for any reason, an element that is no ristretto255 point
 * included, stores nothing. The server never learns the identifiers.
 */
import { AppError } from '../../core/errors.ts';
import { admitEvaluation, requestFingerprints } from '../../core/escrow/evaluationRequests.ts';
import type { Evaluation } from '../../core/escrow/oprf.ts';
import { parseReporterToken } from '../../core/escrow/reporterToken.ts';
import { admitEvaluations, isReplayedEvaluation, reporterTokenHash } from '../../storage/escrow/reporterStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function evaluateForReporter(context: EscrowContext, input: { token: unknown; blinded: Uint8Array[] }): Promise<Evaluation> {
  const token = parseReporterToken(input.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  const now = context.clock();
  const { evaluationPolicy: policy, evaluator, lifetimeEvaluations } = context.escrow;
  const fingerprints = requestFingerprints(input.blinded, policy);
  const limits = { since: new Date(now.getTime() - policy.windowSeconds * 1000), now, perWindow: policy.maxEvaluationsPerWindow, lifetime: lifetimeEvaluations };
  try {
    return await context.db.transaction(async (tx) => {
      const { facts, admitted } = await admitEvaluations(tx, { token, fingerprints, limits });
      if (!facts) throw new AppError('ESCROW_TOKEN_INVALID');
      admitEvaluation(input.blinded, facts, now, policy);
      if (facts.evaluationsTotal + fingerprints.length > lifetimeEvaluations) throw new AppError('ESCROW_TOKEN_EXHAUSTED');
      if (!admitted) throw new Error('escrow evaluation: the database and the admission rules disagree');
      context.escrow.knownTokens.add(reporterTokenHash(token));
      return evaluator.evaluate(input.blinded);
    });
  } catch (error) {
    if (isReplayedEvaluation(error)) throw new AppError('ESCROW_OPRF_REPLAYED');
    throw error;
  }
}
