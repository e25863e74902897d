/**
 * The reporter changes the path they want (record only, informal, formal, not sure yet). The
 * change goes through the procedure engine like any action on the case: the case moves to the
 * procedure of the chosen path (steps already taken are kept), or the engine says why it cannot
 * (a decision or an agreement already exists) and nothing changes. The reporter's timeline says
 * what changed in the words they chose it in.
 */
import { AppError } from '../../core/errors.ts';
import { pathKindOfReportPath } from '../../core/cases/handling.ts';
import { isReportPath, reporterMay } from '../../core/intake/caseModel.ts';
import { refOf } from '../../core/procedures/index.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { statusOf } from '../../storage/caseQueries.ts';
import { actAsParty } from '../cases/actAsParty.ts';
import type { Context } from '../context.ts';
import { procedureForNewCase } from '../../storage/procedureStore.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export type PathOutcome = { ok: true } | { ok: false; problem: { code: 'notAChoice' } } | { ok: false; refusal: Refusal };

export async function changePath(context: Context, session: ReporterSession, input: { formToken: unknown; path: unknown }): Promise<PathOutcome> {
  const path = input.path;
  if (!isReportPath(path)) return { ok: false, problem: { code: 'notAChoice' } };
  const outcome = await withReporterCase(context, session, input.formToken, async (tx, found, caseKey, now): Promise<PathOutcome> => {
    if (!reporterMay('change-path', statusOf(found))) throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    // The receiving organisation's own procedure for that path (an adapted one, or the template).
    const definition = await procedureForNewCase(tx, found.orgId, pathKindOfReportPath[path]);
    if (!definition) throw new AppError('INTERNAL');
    const acted = await actAsParty(tx, { row: found, party: 'reporter', keys: { caseKey }, action: { type: 'changePath', to: refOf(definition) }, now });
    // Choosing the path the case already follows changes nothing, and is no mistake.
    if (!acted.ok) return acted.refusal.code === 'PATH_UNCHANGED' ? { ok: true } : { ok: false, refusal: acted.refusal };
    return { ok: true };
  });
  // A form sent twice did its work the first time.
  return outcome ?? { ok: true };
}
