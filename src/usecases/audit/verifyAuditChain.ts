/**
 * An auditor or network administrator re-computes the whole audit hash chain from the web.
 * That someone checked, and what they found, is itself recorded, after the check.
 */
import type { ChainVerdict } from '../../core/auditChain.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit, verifyAuditLog } from '../../storage/auditLog.ts';
import type { Context } from '../context.ts';

export async function verifyAuditChain(context: Context, actor: Actor): Promise<ChainVerdict> {
  authorize(actor, 'audit.verify', { kind: 'audit-log' });
  const verdict = await verifyAuditLog(context.db);
  const details = verdict.ok ? { ok: true, count: verdict.count } : { ok: false, count: verdict.count, seq: verdict.seq, problem: verdict.problem };
  await context.db.transaction((tx) => recordAudit(tx, { actorId: actor.staffId, action: 'audit.verified', subjectType: 'audit-log', details }, context.clock()));
  return verdict;
}
