/**
 * The reporter acts on their own case from the follow-up page, through the procedure engine as
 * staff do (`actAsParty`): consent to the respondent being contacted, or its withdrawal (until
 * the respondent has been told); consent to informal resolution, or its withdrawal (the formal
 * path resumes); an appeal after the written outcome; naming an adviser. A refusal comes back
 * with the engine's reason and nothing changes. A form sent twice does its work once.
 */
import { AppError } from '../../core/errors.ts';
import { formalProcedureToResume } from '../../core/cases/reporterView.ts';
import { refOf } from '../../core/procedures/index.ts';
import { procedureForNewCase } from '../../storage/procedureStore.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import type { appealGrounds } from '../../core/procedures/vocabulary.ts';
import type { CaseRow } from '../../storage/caseHandlingStore.ts';
import { statusOf } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { actAsParty } from '../cases/actAsParty.ts';
import { handledCase } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export type AppealGround = (typeof appealGrounds)[number];

export type ReporterChoice =
  | { kind: 'allowContact' }
  | { kind: 'revokeContact' }
  | { kind: 'consentInformal' }
  | { kind: 'withdrawInformal' }
  | { kind: 'appeal'; grounds: AppealGround[]; statement: string }
  | { kind: 'adviser'; adviser: string };

export type ReporterChoiceOutcome = { ok: true } | { ok: false; refusal: Refusal };

export async function actOnOwnCase(context: Context, session: ReporterSession, input: { formToken: unknown; choice: ReporterChoice }): Promise<ReporterChoiceOutcome> {
  const outcome = await withReporterCase(context, session, input.formToken, async (tx, found, caseKey, now): Promise<ReporterChoiceOutcome> => {
    if (statusOf(found) === 'draft') throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    const action = await engineAction(tx, found, input.choice);
    const acted = await actAsParty(tx, { row: found, party: 'reporter', keys: { caseKey }, action, now });
    if (!acted.ok) return { ok: false, refusal: acted.refusal };
    return { ok: true };
  });
  return outcome ?? { ok: true };
}

async function engineAction(tx: Tx, row: CaseRow, choice: ReporterChoice): Promise<Record<string, unknown>> {
  switch (choice.kind) {
    case 'allowContact':
      return { type: 'allowRespondentContact' };
    case 'revokeContact':
      return { type: 'revokeRespondentContact' };
    case 'consentInformal':
      return { type: 'recordConsent', party: 'reporter' };
    case 'withdrawInformal': {
      // The formal path resumes where the case left it, or starts on the current formal procedure.
      const { state } = await handledCase(tx, row);
      const formal = await procedureForNewCase(tx, row.orgId, 'formal');
      const resume = formalProcedureToResume(state) ?? (formal ? refOf(formal) : null);
      if (!resume) throw new AppError('INTERNAL');
      return { type: 'withdrawConsent', party: 'reporter', resume };
    }
    case 'appeal':
      return { type: 'fileAppeal', by: 'reporter', grounds: choice.grounds, ...(choice.statement ? { statementRef: choice.statement } : {}) };
    case 'adviser':
      return { type: 'nameAdviser', party: 'reporter', adviserRef: choice.adviser };
  }
}
