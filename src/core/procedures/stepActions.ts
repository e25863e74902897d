/**
 * Taking a step: the step must not be done already (a double submission), its earlier steps
 * must be done (nothing out of order), the case must have its minimum team, and the step's
 * guards must hold. Then the step is recorded with the action that took it, and the messages
 * the step sends are delivered — to both parties at once where both are named.
 */
import type { ActionContext, Change } from './actionContext.ts';
import { activeHandlers, isDone, readyAt, stepRecord, type StepRecord } from './caseState.ts';
import type { StepDefinition } from './definition.ts';
import { deliver, type CaseEvent } from './events.ts';
import { checkGuards } from './guards.ts';
import { refusal, type Refusal } from './refusals.ts';
import type { StepActionType } from './vocabulary.ts';

const deliveries: Partial<Record<StepActionType, CaseEvent>> = {
  acknowledge: deliver('reporter', 'acknowledgement'),
  giveFeedback: deliver('reporter', 'feedback'),
  notifyRespondent: deliver('respondent', 'notice'),
  openEvidenceReview: deliver(['reporter', 'respondent'], 'evidenceForReview'),
  submitInvestigationReport: deliver(['reporter', 'respondent'], 'investigationReport'),
  issueOutcome: deliver(['reporter', 'respondent'], 'outcome'),
  proposeInformal: deliver('respondent', 'informalProposal'),
  recordAgreement: deliver(['reporter', 'respondent'], 'agreement'),
  informReporterOfMatch: deliver('reporter', 'escrowMatch'),
  close: deliver('reporter', 'closure'),
};

export function takeStep(context: ActionContext, step: StepDefinition): Change | Refusal {
  const { definition, state } = context;
  const refused = stepCannotBeTaken(context, step);
  if (refused) return refused;
  const record: StepRecord = {
    procedure: { id: definition.id, version: definition.version },
    step: step.id,
    stepAction: step.action,
    status: 'completed',
    at: context.at,
    by: context.by,
    action: context.action,
  };
  const delivery = deliveries[step.action];
  const events: CaseEvent[] = [{ type: 'stepCompleted', step: step.id }, ...(delivery ? [delivery] : [])];
  if (step.action === 'close') {
    return {
      state: { ...state, steps: [...state.steps, record], closure: { at: context.at, kind: 'completed' } },
      events: [...events, { type: 'closed', kind: 'completed' }],
    };
  }
  return { state: { ...state, steps: [...state.steps, record] }, events };
}

function stepCannotBeTaken(context: ActionContext, step: StepDefinition): Refusal | null {
  const { definition, state } = context;
  if (stepRecord(definition, state, step)) return refusal('STEP_ALREADY_DONE', { step: step.id });
  if (readyAt(definition, state, step) === null) return notReady(context, step);
  const handlers = activeHandlers(state).length;
  const needed = definition.staffing.minimumHandlers;
  if (!definition.staffing.exemptSteps.includes(step.id) && handlers < needed) {
    return refusal('TEAM_INCOMPLETE', { have: handlers, need: needed });
  }
  return checkGuards(step.guards, context);
}

export function notReady(context: ActionContext, step: StepDefinition): Refusal {
  const { definition, state } = context;
  const missing = step.after.filter((id) => {
    const earlier = definition.steps.find((candidate) => candidate.id === id);
    return !earlier || !isDone(definition, state, earlier);
  });
  return refusal('STEP_NOT_READY', { step: step.id, missing: missing.join(', ') });
}
