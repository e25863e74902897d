/**
 * What the respondent's portal shows, worked out from the case as the engine keeps it: the
 * days that concern them (the response period, the evidence review, the appeal window), the
 * steps they can take now (asked of the engine itself, so the portal never offers a form the
 * engine would refuse), and what each document delivered to them is.
 */
import { availableActions } from '../procedures/availableActions.ts';
import { addDays, dayOf, type Day } from '../procedures/calendar.ts';
import { completedStep, informalConsentOf, type CaseState } from '../procedures/caseState.ts';
import type { ProcedureDefinition, ProcedureRef } from '../procedures/definition.ts';
import { appealWindowLastDay } from '../procedures/guards.ts';

/** The engine actions a respondent takes in person through the portal. */
export const respondentActionTypes = ['recordResponse', 'addEvidence', 'nameAdviser', 'fileAppeal', 'recordConsent', 'withdrawConsent'] as const;
export type RespondentActionType = (typeof respondentActionTypes)[number];

export type RespondentTimeline = {
  noticeOn: Day | null;
  /** The respondent may answer until the decision; the decision waits at least until `atLeastUntil`. */
  response: { atLeastUntil: Day | null; given: number; open: boolean };
  evidenceReview: { openedOn: Day; closesNotBefore: Day | null; closedOn: Day | null } | null;
  appeal: { until: Day; open: boolean; filed: boolean; decided: boolean } | null;
  informal: { consented: boolean } | null;
  closedOn: Day | null;
};

function guardDays(definition: ProcedureDefinition, kind: 'responsePeriod' | 'evidenceReviewMinimum'): number | null {
  for (const step of definition.steps) {
    for (const guard of step.guards) if (guard.kind === kind) return guard.days;
  }
  return null;
}

export function respondentTimeline(definition: ProcedureDefinition, state: CaseState, now: Date): RespondentTimeline {
  const today = dayOf(now);
  const notice = completedStep(definition, state, 'notifyRespondent');
  const responseDays = guardDays(definition, 'responsePeriod');
  const noticeOn = notice ? dayOf(notice.at) : null;
  const opened = completedStep(definition, state, 'openEvidenceReview');
  const closed = completedStep(definition, state, 'closeEvidenceReview');
  const reviewDays = guardDays(definition, 'evidenceReviewMinimum');
  const appealUntil = appealWindowLastDay(definition, state);
  const ownAppeal = state.appeals.find((appeal) => appeal.by === 'respondent');
  return {
    noticeOn,
    response: {
      atLeastUntil: noticeOn && responseDays !== null ? addDays(noticeOn, responseDays) : null,
      given: state.responses.length,
      open: !completedStep(definition, state, 'decide') && state.closure === null,
    },
    evidenceReview: opened
      ? { openedOn: dayOf(opened.at), closesNotBefore: reviewDays === null ? null : addDays(dayOf(opened.at), reviewDays), closedOn: closed ? dayOf(closed.at) : null }
      : null,
    appeal: appealUntil
      ? { until: appealUntil, open: today <= appealUntil && !ownAppeal, filed: ownAppeal !== undefined, decided: ownAppeal?.decision != null }
      : null,
    informal: definition.path === 'informal' ? { consented: informalConsentOf(state, 'respondent') !== undefined } : null,
    closedOn: state.closure ? dayOf(state.closure.at) : null,
  };
}

/** The respondent's own steps the engine would accept now. */
export function respondentActions(definition: ProcedureDefinition, state: CaseState, now: Date): RespondentActionType[] {
  const offered = availableActions(definition, state, { kind: 'respondent' }, now).filter((action) => action.target === null || action.target === 'respondent');
  return respondentActionTypes.filter((type) => offered.some((action) => action.type === type));
}

/**
 * The formal procedure an informal resolution returns to when the respondent withdraws: the
 * last formal path the case followed, if any (the caller falls back to the shipped template).
 */
export function formalToResume(state: CaseState): ProcedureRef | null {
  return [...state.paths].reverse().find((segment) => segment.procedure.path === 'formal')?.procedure ?? null;
}

/** What a document sealed for the respondent is, by the action field it came from. */
const documentKinds: Record<string, string> = {
  'notifyRespondent.noticeRef': 'notice',
  'submitInvestigationReport.reportRef': 'report',
  'issueOutcome.letterRef': 'outcome',
  'decideAppeal.reasonsRef': 'appealDecision',
  'recordAgreement.agreementRef': 'agreement',
  'addMeasure.descriptionRef': 'measure',
  'recordResponse.statementRef': 'response',
  'addEvidence.evidenceRef': 'evidence',
  'fileAppeal.statementRef': 'appeal',
  'nameAdviser.adviserRef': 'adviser',
  'recordConsent.statementRef': 'consent',
  'withdrawConsent.statementRef': 'withdrawal',
  'redaction.respondent': 'redactedReport',
};

export const documentLabels = ['notice', 'report', 'outcome', 'appealDecision', 'agreement', 'measure', 'response', 'evidence', 'appeal', 'adviser', 'consent', 'withdrawal', 'redactedReport', 'document'] as const;
export type DocumentLabel = (typeof documentLabels)[number];

export function documentLabel(kind: string): DocumentLabel {
  const label = documentKinds[kind];
  return (documentLabels as readonly string[]).includes(label ?? '') ? (label as DocumentLabel) : 'document';
}
