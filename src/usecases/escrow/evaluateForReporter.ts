/**
 * The server's half of the VOPRF round: a reporter's client sends blinded identifiers under its
 * token and gets them evaluated with one proof. Admission is decided first (core
 * evaluationRequests.ts: well-formed, never answered before, within the token's daily budget),
 * then within the token's lifetime budget; the answer and its fingerprints are recorded in one
 * transaction with the reporter row locked, so two parallel requests cannot both slip under the
 * limit (two round trips to the database in all). A refused request stores nothing. The server
 * never learns the identifiers.
 */
import { AppError } from '../../core/errors.ts';
import { admitEvaluation, blindedFingerprint } from '../../core/escrow/evaluationRequests.ts';
import type { Evaluation } from '../../core/escrow/oprf.ts';
import { parseReporterToken } from '../../core/escrow/reporterToken.ts';
import { lockReporterForEvaluation, recordEvaluations } from '../../storage/escrow/reporterStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function evaluateForReporter(context: EscrowContext, input: { token: unknown; blinded: Uint8Array[] }): Promise<Evaluation> {
  const token = parseReporterToken(input.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  const now = context.clock();
  const { evaluationPolicy: policy, evaluator, lifetimeEvaluations } = context.escrow;
  return context.db.transaction(async (tx) => {
    const fingerprints = Array.isArray(input.blinded) ? input.blinded.map((element) => (element instanceof Uint8Array ? blindedFingerprint(element) : '')) : [];
    const since = new Date(now.getTime() - policy.windowSeconds * 1000);
    const facts = await lockReporterForEvaluation(tx, token, fingerprints.filter((fingerprint) => fingerprint !== ''), since);
    if (!facts) throw new AppError('ESCROW_TOKEN_INVALID');
    const admitted = admitEvaluation(input.blinded, facts, now, policy);
    if (facts.evaluationsTotal + admitted.fingerprints.length > lifetimeEvaluations) throw new AppError('ESCROW_TOKEN_EXHAUSTED');
    const evaluation = evaluator.evaluate(input.blinded);
    await recordEvaluations(tx, facts.reporterId, admitted.fingerprints, now);
    return evaluation;
  });
}
