/**
 * The reporter withdraws the report, through the procedure engine: the case closes as
 * withdrawn (its handlers are alerted, the timeline says so), or the engine says why it cannot
 * (a decision or an agreement already exists) and nothing changes. The report stays readable to
 * its handlers (a withdrawal is part of the record) and the reporter can still write to them.
 */
import { AppError } from '../../core/errors.ts';
import { reporterMay } from '../../core/intake/caseModel.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { statusOf } from '../../storage/caseQueries.ts';
import { actAsParty } from '../cases/actAsParty.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export type WithdrawOutcome = { ok: true } | { ok: false; refusal: Refusal };

export async function withdrawReport(context: Context, session: ReporterSession, input: { formToken: unknown }): Promise<WithdrawOutcome> {
  const outcome = await withReporterCase(context, session, input.formToken, async (tx, found, caseKey, now): Promise<WithdrawOutcome> => {
    if (!reporterMay('withdraw', statusOf(found))) throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    const acted = await actAsParty(tx, { row: found, party: 'reporter', keys: { caseKey }, action: { type: 'withdrawReport' }, now });
    return acted.ok ? { ok: true } : { ok: false, refusal: acted.refusal };
  });
  return outcome ?? { ok: true };
}
