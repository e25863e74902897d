/**
 * The meaning of each guard a definition can put on a step. A guard is checked when the step's
 * action is taken, after the step's earlier steps are known to be done, and answers with the
 * refusal that explains what is still missing (and, for waiting periods, until when).
 */
import type { CaseAction } from './actions.ts';
import { addDays, dayOf } from './calendar.ts';
import { completedStep, informalConsentOf, type CaseState } from './caseState.ts';
import type { Guard, ProcedureDefinition } from './definition.ts';
import { refusal, type Refusal } from './refusals.ts';
import { parties } from './vocabulary.ts';

type GuardContext = { definition: ProcedureDefinition; state: CaseState; action: CaseAction; now: Date };

export function checkGuards(guards: readonly Guard[], context: GuardContext): Refusal | null {
  for (const guard of guards) {
    const refused = checkGuard(guard, context);
    if (refused) return refused;
  }
  return null;
}

function checkGuard(guard: Guard, { definition, state, action, now }: GuardContext): Refusal | null {
  const today = dayOf(now);
  switch (guard.kind) {
    case 'noticeIncludes': {
      const given = action.type === 'notifyRespondent' ? action.contents : [];
      const missing = guard.contents.filter((content) => !given.includes(content));
      return missing.length > 0 ? refusal('NOTICE_INCOMPLETE', { missing: missing.join(', ') }) : null;
    }
    case 'responsePeriod': {
      const notice = completedStep(definition, state, 'notifyRespondent');
      if (!notice) return refusal('RESPONDENT_NOT_NOTIFIED');
      if (state.responses.some((response) => response.at >= notice.at)) return null;
      const until = addDays(dayOf(notice.at), guard.days);
      return today < until ? refusal('RESPONSE_PERIOD_RUNNING', { until }) : null;
    }
    case 'evidenceReviewMinimum': {
      const opened = completedStep(definition, state, 'openEvidenceReview');
      if (!opened) return refusal('STEP_NOT_READY', { step: 'openEvidenceReview' });
      const until = addDays(dayOf(opened.at), guard.days);
      return today < until ? refusal('EVIDENCE_REVIEW_TOO_SHORT', { until }) : null;
    }
    case 'bothPartiesConsent': {
      const missing = parties.filter((party) => !informalConsentOf(state, party));
      return missing.length > 0 ? refusal('CONSENT_MISSING', { party: missing.join(', ') }) : null;
    }
    case 'appealsSettled':
      return appealsSettled(definition, state, today);
    case 'checkInsHeld': {
      const held = state.checkIns.filter((checkIn) => checkIn.topic === guard.topic && checkIn.held !== null).length;
      return held < guard.minimum ? refusal('CHECK_INS_MISSING', { topic: guard.topic, minimum: guard.minimum, held }) : null;
    }
  }
}

/** The last day on which either party may appeal, or null before the written outcome. */
export function appealWindowLastDay(definition: ProcedureDefinition, state: CaseState): string | null {
  const outcome = completedStep(definition, state, 'issueOutcome');
  if (!outcome || !definition.appeals) return null;
  return addDays(dayOf(outcome.at), definition.appeals.windowDays);
}

function appealsSettled(definition: ProcedureDefinition, state: CaseState, today: string): Refusal | null {
  const lastDay = appealWindowLastDay(definition, state);
  if (lastDay !== null && today <= lastDay) return refusal('APPEAL_WINDOW_RUNNING', { until: lastDay });
  const pending = state.appeals.find((appeal) => appeal.decision === null);
  return pending ? refusal('APPEAL_PENDING', { appealId: pending.id }) : null;
}
