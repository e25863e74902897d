/**
 * Pieces the templates share: the acknowledgement and feedback deadlines of the EU
 * Whistleblowing Directive, which apply to any report received through an internal channel
 * whatever path it then takes, and the separation-of-duties rules.
 */
import type { DeadlineDefinition, SeparationRule, StepDefinition } from '../definition.ts';

export const acknowledgeStep: StepDefinition = {
  id: 'acknowledge',
  nameKey: 'procedures.steps.acknowledge',
  action: 'acknowledge',
  after: [],
  roles: ['handler'],
  duty: 'handle',
  guards: [],
  skippable: false,
};

export const triageStep: StepDefinition = {
  id: 'triage',
  nameKey: 'procedures.steps.triage',
  action: 'triage',
  after: ['acknowledge'],
  roles: ['handler'],
  duty: 'handle',
  guards: [],
  skippable: false,
};

export function feedbackStep(after: string[]): StepDefinition {
  return { id: 'feedback', nameKey: 'procedures.steps.feedback', action: 'giveFeedback', after, roles: ['handler'], duty: 'handle', guards: [], skippable: false };
}

/** EU 2019/1937 art. 9(1)(b): acknowledge receipt within seven days. Statutory: not adjustable. */
export const acknowledgementDeadline: DeadlineDefinition = {
  id: 'acknowledgement',
  nameKey: 'procedures.deadlines.acknowledgement',
  step: 'acknowledge',
  from: { kind: 'received' },
  within: { days: 7 },
  remindDaysBefore: 2,
  adjustable: false,
  legalReference: 'EU Directive 2019/1937 art. 9(1)(b)',
};

/**
 * EU 2019/1937 art. 9(1)(f): feedback within three months of the acknowledgement or, if none
 * was sent, of the end of the seven days after the report. Statutory: not adjustable.
 */
export const feedbackDeadline: DeadlineDefinition = {
  id: 'feedback',
  nameKey: 'procedures.deadlines.feedback',
  step: 'feedback',
  from: { kind: 'stepCompleted', step: 'acknowledge', atLatestDaysAfterReceived: 7 },
  within: { months: 3 },
  remindDaysBefore: 14,
  adjustable: false,
  legalReference: 'EU Directive 2019/1937 art. 9(1)(f)',
};

export function stepDeadline(id: string, step: string, days: number, remindDaysBefore = 3): DeadlineDefinition {
  return { id, nameKey: `procedures.deadlines.${id}`, step, from: { kind: 'stepReady' }, within: { days }, remindDaysBefore, adjustable: true };
}

/** The decider never investigated; the appeal reviewer took no other part; a facilitator never investigates. */
export const separationOfDuties: SeparationRule[] = [
  { duty: 'decide', never: ['investigate'] },
  { duty: 'reviewAppeal', never: ['handle', 'investigate', 'decide', 'facilitate', 'counsel'] },
  { duty: 'facilitate', never: ['investigate'] },
];
