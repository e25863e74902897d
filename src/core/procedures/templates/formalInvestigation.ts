/**
 * Formal investigation with due process for both parties, after 34 CFR 106.45 (US Title IX
 * grievance process) and the EU Whistleblowing Directive's deadlines: written notice of the
 * allegations and rights; the respondent presumed not responsible until the outcome; an adviser
 * for each party; equal opportunity to bring evidence; both review the evidence for at least
 * 10 days; an investigation report; a decision by someone who did not investigate, with the
 * standard of evidence recorded; the written outcome to both at once; an appeal on equal terms.
 */
import type { ProcedureDefinition } from '../definition.ts';
import { acknowledgeStep, acknowledgementDeadline, feedbackDeadline, feedbackStep, separationOfDuties, stepDeadline, triageStep } from './shared.ts';

export const formalInvestigation: ProcedureDefinition = {
  id: 'formal-investigation',
  version: 1,
  nameKey: 'procedures.templates.formalInvestigation.name',
  descriptionKey: 'procedures.templates.formalInvestigation.description',
  path: 'formal',
  dueProcess: true,
  legalReferences: ['34 CFR 106.45', 'EU Directive 2019/1937 art. 9', 'ISO 37002:2021'],
  steps: [
    acknowledgeStep,
    triageStep,
    feedbackStep(['triage']),
    {
      id: 'notice',
      nameKey: 'procedures.steps.notice',
      action: 'notifyRespondent',
      after: ['triage'],
      roles: ['handler', 'investigator'],
      duty: 'handle',
      guards: [
        {
          kind: 'noticeIncludes',
          contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'],
        },
      ],
      skippable: false,
    },
    {
      id: 'evidenceReviewOpen',
      nameKey: 'procedures.steps.evidenceReviewOpen',
      action: 'openEvidenceReview',
      after: ['notice'],
      roles: ['investigator'],
      duty: 'investigate',
      guards: [],
      skippable: false,
    },
    {
      id: 'evidenceReviewClosed',
      nameKey: 'procedures.steps.evidenceReviewClosed',
      action: 'closeEvidenceReview',
      after: ['evidenceReviewOpen'],
      roles: ['investigator'],
      duty: 'investigate',
      guards: [{ kind: 'evidenceReviewMinimum', days: 10 }],
      skippable: false,
    },
    {
      id: 'report',
      nameKey: 'procedures.steps.report',
      action: 'submitInvestigationReport',
      after: ['evidenceReviewClosed'],
      roles: ['investigator'],
      duty: 'investigate',
      guards: [],
      skippable: false,
    },
    {
      id: 'decision',
      nameKey: 'procedures.steps.decision',
      action: 'decide',
      after: ['report'],
      roles: ['decision_maker'],
      duty: 'decide',
      guards: [{ kind: 'responsePeriod', days: 10 }],
      skippable: false,
    },
    {
      id: 'outcome',
      nameKey: 'procedures.steps.outcome',
      action: 'issueOutcome',
      after: ['decision'],
      roles: ['handler'],
      duty: 'handle',
      guards: [],
      skippable: false,
    },
    {
      id: 'closure',
      nameKey: 'procedures.steps.closure',
      action: 'close',
      after: ['outcome', 'feedback'],
      roles: ['handler'],
      duty: 'handle',
      guards: [{ kind: 'appealsSettled' }],
      skippable: false,
    },
  ],
  deadlines: [
    acknowledgementDeadline,
    feedbackDeadline,
    stepDeadline('notice', 'notice', 14),
    { ...stepDeadline('report', 'report', 90, 14), from: { kind: 'stepCompleted', step: 'notice' } },
    stepDeadline('decision', 'decision', 20),
    stepDeadline('outcome', 'outcome', 5, 1),
  ],
  separationOfDuties,
  staffing: { minimumHandlers: 2, exemptSteps: ['acknowledge'] },
  appeals: { windowDays: 10, decisionWithinDays: 20 },
  retention: { yearsAfterClosure: 7 },
};
