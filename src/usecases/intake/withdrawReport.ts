/**
 * The reporter withdraws the report. It stays readable to its handlers (a withdrawal is part
 * of the record) and the reporter can still write to them; it is no longer acted on.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { reporterMay } from '../../core/intake/caseModel.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent, statusOf } from '../../storage/caseQueries.ts';
import { cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export async function withdrawReport(context: Context, session: ReporterSession, input: { formToken: unknown }): Promise<void> {
  await withReporterCase(context, session, input.formToken, async (tx, found, _caseKey, now) => {
    if (!reporterMay('withdraw', statusOf(found))) throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    await tx.update(cases).set({ status: 'withdrawn', updatedAt: now }).where(eq(cases.id, found.id));
    await addCaseEvent(tx, { caseId: found.id, kind: 'withdrawn', actorKind: 'reporter', at: now });
    await recordAudit(tx, { actorId: null, action: 'case.withdrawn', subjectType: 'case', subjectId: found.id, orgId: found.orgId }, now);
  });
}
