/** The reporter changes the path they want (record only, informal, formal, not sure yet). */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { isReportPath, reporterMay } from '../../core/intake/caseModel.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent, statusOf } from '../../storage/caseQueries.ts';
import { cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export type PathOutcome = { ok: true } | { ok: false; problem: { code: 'notAChoice' } };

export async function changePath(context: Context, session: ReporterSession, input: { formToken: unknown; path: unknown }): Promise<PathOutcome> {
  const path = input.path;
  if (!isReportPath(path)) return { ok: false, problem: { code: 'notAChoice' } };
  await withReporterCase(context, session, input.formToken, async (tx, found, _caseKey, now) => {
    if (!reporterMay('change-path', statusOf(found))) throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    if (found.path === path) return;
    await tx.update(cases).set({ path, updatedAt: now }).where(eq(cases.id, found.id));
    await addCaseEvent(tx, { caseId: found.id, kind: 'path-changed', actorKind: 'reporter', at: now, details: { from: found.path, to: path } });
    await recordAudit(tx, { actorId: null, action: 'case.path-changed', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { from: found.path, to: path } }, now);
  });
  return { ok: true };
}
