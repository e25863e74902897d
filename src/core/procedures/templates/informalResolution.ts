/**
 * Informal or restorative resolution: only with the written, voluntary consent of both
 * parties; either may withdraw at any time and the formal path resumes; a facilitator who is
 * not an investigator; an agreement, and follow-up check-ins before the case closes.
 */
import type { ProcedureDefinition } from '../definition.ts';
import { acknowledgeStep, acknowledgementDeadline, feedbackDeadline, feedbackStep, separationOfDuties, stepDeadline, triageStep } from './shared.ts';

export const informalResolution: ProcedureDefinition = {
  id: 'informal-resolution',
  version: 1,
  nameKey: 'procedures.templates.informalResolution.name',
  descriptionKey: 'procedures.templates.informalResolution.description',
  path: 'informal',
  dueProcess: false,
  legalReferences: ['34 CFR 106.45(b)(9)', 'EU Directive 2019/1937 art. 9'],
  steps: [
    acknowledgeStep,
    triageStep,
    feedbackStep(['triage']),
    {
      id: 'proposal',
      nameKey: 'procedures.steps.proposal',
      action: 'proposeInformal',
      after: ['triage'],
      roles: ['handler'],
      duty: 'handle',
      guards: [],
      skippable: false,
    },
    {
      id: 'agreement',
      nameKey: 'procedures.steps.agreement',
      action: 'recordAgreement',
      after: ['proposal'],
      roles: ['facilitator'],
      duty: 'facilitate',
      guards: [{ kind: 'bothPartiesConsent' }],
      skippable: false,
    },
    {
      id: 'followUp',
      nameKey: 'procedures.steps.agreementReview',
      action: 'reviewAgreement',
      after: ['agreement'],
      roles: ['facilitator'],
      duty: 'facilitate',
      guards: [{ kind: 'checkInsHeld', topic: 'agreement', minimum: 1 }],
      skippable: false,
    },
    {
      id: 'closure',
      nameKey: 'procedures.steps.closure',
      action: 'close',
      after: ['followUp', 'feedback'],
      roles: ['handler'],
      duty: 'handle',
      guards: [],
      skippable: false,
    },
  ],
  deadlines: [acknowledgementDeadline, feedbackDeadline, stepDeadline('proposal', 'proposal', 14), stepDeadline('agreement', 'agreement', 60, 7)],
  separationOfDuties,
  staffing: { minimumHandlers: 2, exemptSteps: ['acknowledge'] },
  appeals: null,
  retention: { yearsAfterClosure: 7 },
};
