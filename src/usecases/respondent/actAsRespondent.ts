/**
 * The respondent takes a step in their own case from the portal: answers the notice, names an
 * adviser, appeals the outcome, or (on the informal path) gives or withdraws written consent.
 * Each goes through the procedure engine as the respondent (actAsParty): a step the engine
 * refuses — too early, too late, already done — writes nothing and comes back with the
 * engine's reason. An adviser's session may read and write messages but takes no step for the
 * respondent: the engine accepts these only from the party.
 */
import { AppError } from '../../core/errors.ts';
import { DOCUMENT_MAX_CHARS, latestTemplate, procedureIdForPath } from '../../core/cases/handling.ts';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { refOf } from '../../core/procedures/definition.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import type { appealGrounds } from '../../core/procedures/vocabulary.ts';
import { formalToResume } from '../../core/respondent/portalView.ts';
import { actAsParty } from '../cases/actAsParty.ts';
import { handledCase } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { withRespondentCase } from './respondentCase.ts';
import type { RespondentSession } from './respondentSessions.ts';

export type AppealGround = (typeof appealGrounds)[number];

export type RespondentStep =
  | { step: 'respond'; statement: string }
  | { step: 'nameAdviser'; adviser: string }
  | { step: 'appeal'; grounds: AppealGround[]; statement: string }
  | { step: 'consent'; statement: string }
  | { step: 'withdrawConsent'; statement: string };

export type StepOutcome = { ok: true; repeated: boolean } | { ok: false; problem: AnswerProblem } | { ok: false; refusal: Refusal };

/** Steps whose written statement may be left empty (the engine records the choice itself). */
const optionalText: ReadonlySet<RespondentStep['step']> = new Set(['consent', 'withdrawConsent']);

function textOf(step: RespondentStep): string {
  return step.step === 'nameAdviser' ? step.adviser : step.statement;
}

export async function actAsRespondent(context: Context, session: RespondentSession, formToken: unknown, step: RespondentStep): Promise<StepOutcome> {
  if (session.kind !== 'respondent') throw new AppError('RESPONDENT_ADVISER_CANNOT_ACT');
  const cleaned = cleanText(textOf(step), DOCUMENT_MAX_CHARS);
  if (!cleaned.ok) return { ok: false, problem: cleaned.problem };
  if (cleaned.text === '' && !optionalText.has(step.step)) return { ok: false, problem: { code: 'required' } };
  const text = cleaned.text === '' ? undefined : cleaned.text;
  const outcome = await withRespondentCase(context, session, formToken, async (tx, row, respondentKey, now) => {
    const action = await engineAction(step, text, () => handledCase(tx, row));
    return actAsParty(tx, { row, party: 'respondent', keys: { respondentKey }, action, now });
  });
  if (outcome === undefined) return { ok: true, repeated: true };
  return outcome.ok ? { ok: true, repeated: false } : { ok: false, refusal: outcome.refusal };
}

async function engineAction(step: RespondentStep, text: string | undefined, load: () => ReturnType<typeof handledCase>): Promise<Record<string, unknown>> {
  switch (step.step) {
    case 'respond':
      return { type: 'recordResponse', statementRef: text };
    case 'nameAdviser':
      return { type: 'nameAdviser', party: 'respondent', adviserRef: text };
    case 'appeal':
      return { type: 'fileAppeal', by: 'respondent', grounds: step.grounds, statementRef: text };
    case 'consent':
      return { type: 'recordConsent', party: 'respondent', statementRef: text };
    case 'withdrawConsent': {
      // Withdrawing ends the informal resolution and resumes the formal path where it stopped.
      const { state } = await load();
      const formal = latestTemplate(procedureIdForPath.formal);
      const resume = formalToResume(state) ?? (formal ? refOf(formal) : undefined);
      return { type: 'withdrawConsent', party: 'respondent', statementRef: text, resume };
    }
  }
}
