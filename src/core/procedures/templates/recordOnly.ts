/**
 * Record only: the reporter wants the report kept and nothing done. It is acknowledged and
 * closed; it never reaches the respondent, and it stays available (until its retention ends)
 * should the reporter later choose another path.
 */
import type { ProcedureDefinition } from '../definition.ts';
import { acknowledgeStep, acknowledgementDeadline, separationOfDuties } from './shared.ts';

export const recordOnly: ProcedureDefinition = {
  id: 'record-only',
  version: 1,
  nameKey: 'procedures.templates.recordOnly.name',
  descriptionKey: 'procedures.templates.recordOnly.description',
  path: 'record-only',
  dueProcess: false,
  legalReferences: ['EU Directive 2019/1937 art. 9(1)(b)', 'EU Directive 2019/1937 art. 18'],
  steps: [
    acknowledgeStep,
    {
      id: 'closure',
      nameKey: 'procedures.steps.recordFiled',
      action: 'close',
      after: ['acknowledge'],
      roles: ['handler'],
      duty: 'handle',
      guards: [],
      skippable: false,
    },
  ],
  deadlines: [acknowledgementDeadline],
  separationOfDuties,
  staffing: { minimumHandlers: 2, exemptSteps: ['acknowledge'] },
  appeals: null,
  retention: { yearsAfterClosure: 7 },
};
