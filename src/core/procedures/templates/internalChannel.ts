/**
 * Internal reporting channel, after the EU Whistleblowing Directive (2019/1937) art. 9 and
 * ISO 37002: acknowledge receipt within 7 days; diligent follow-up by an impartial designated
 * person; feedback to the reporter within 3 months. Nothing here reaches the person concerned.
 */
import type { ProcedureDefinition } from '../definition.ts';
import { acknowledgeStep, acknowledgementDeadline, feedbackDeadline, feedbackStep, separationOfDuties, stepDeadline, triageStep } from './shared.ts';

export const internalChannel: ProcedureDefinition = {
  id: 'internal-channel',
  version: 1,
  nameKey: 'procedures.templates.internalChannel.name',
  descriptionKey: 'procedures.templates.internalChannel.description',
  path: 'internal-channel',
  dueProcess: false,
  legalReferences: ['EU Directive 2019/1937 art. 9', 'ISO 37002:2021'],
  steps: [
    acknowledgeStep,
    triageStep,
    {
      id: 'followUp',
      nameKey: 'procedures.steps.followUp',
      action: 'recordFollowUp',
      after: ['triage'],
      roles: ['handler', 'investigator'],
      duty: 'handle',
      guards: [],
      skippable: false,
    },
    feedbackStep(['triage']),
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
  deadlines: [acknowledgementDeadline, feedbackDeadline, stepDeadline('followUp', 'followUp', 60, 7)],
  separationOfDuties,
  staffing: { minimumHandlers: 2, exemptSteps: ['acknowledge'] },
  appeals: null,
  retention: { yearsAfterClosure: 5 },
};
