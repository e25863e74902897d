/**
 * Departures from the plan, each with a recorded reason: skipping a step the definition allows
 * to be skipped (only when it is the step at hand, never ahead), pausing, resuming and
 * extending a deadline that is not statutory, and placing or lifting a legal hold.
 */
import type { ActionContext, Handlers } from './actionContext.ts';
import { dayOf, daysBetween } from './calendar.ts';
import { readyAt, stepRecord, type DeadlineAdjustment } from './caseState.ts';
import { stepById } from './definition.ts';
import { findDeadline, type DeadlineView } from './deadlines.ts';
import { refusal, type Refusal } from './refusals.ts';
import { notReady } from './stepActions.ts';

type ExceptionAction = 'skipStep' | 'pauseDeadline' | 'resumeDeadline' | 'extendDeadline' | 'placeLegalHold' | 'liftLegalHold';

function adjustableDeadline(context: ActionContext, id: string): DeadlineView | Refusal {
  const { definition, state, now } = context;
  const view = findDeadline(definition, state, now, id);
  if (!view) {
    const known = definition.deadlines.some((deadline) => deadline.id === id);
    return refusal(known ? 'DEADLINE_NOT_STARTED' : 'DEADLINE_UNKNOWN', { deadline: id });
  }
  if (!view.adjustable) return refusal('DEADLINE_NOT_ADJUSTABLE', { deadline: id });
  if (view.status === 'met' || view.status === 'waived') return refusal('DEADLINE_ALREADY_MET', { deadline: id });
  return view;
}

function adjustment(context: ActionContext, deadline: string, kind: DeadlineAdjustment['kind'], days: number, reason: string | null): DeadlineAdjustment {
  const { definition, at } = context;
  return { procedure: { id: definition.id, version: definition.version }, deadline, kind, at, days, reason };
}

export const exceptionActions: Handlers<ExceptionAction> = {
  skipStep(context) {
    const { definition, state, action, at, by } = context;
    const step = stepById(definition, action.step);
    if (!step) return refusal('STEP_NOT_IN_PROCEDURE', { step: action.step });
    if (stepRecord(definition, state, step)) return refusal('STEP_ALREADY_DONE', { step: step.id });
    if (readyAt(definition, state, step) === null) return notReady(context, step);
    if (!step.skippable) return refusal('STEP_NOT_SKIPPABLE', { step: step.id });
    const record = { procedure: { id: definition.id, version: definition.version }, step: step.id, stepAction: step.action, status: 'skipped' as const, at, by, action };
    return { state: { ...state, steps: [...state.steps, record] }, events: [{ type: 'stepSkipped', step: step.id, reason: action.reason }] };
  },

  pauseDeadline(context) {
    const view = adjustableDeadline(context, context.action.deadline);
    if ('code' in view) return view;
    if (view.pausedSince) return refusal('DEADLINE_PAUSED', { deadline: view.id });
    const paused = adjustment(context, view.id, 'pause', 0, context.action.reason);
    return { state: { ...context.state, adjustments: [...context.state.adjustments, paused] }, events: [] };
  },

  resumeDeadline(context) {
    const view = adjustableDeadline(context, context.action.deadline);
    if ('code' in view) return view;
    if (!view.pausedSince) return refusal('DEADLINE_NOT_PAUSED', { deadline: view.id });
    // The clock stood still for the whole calendar days between pause and resume.
    const resumed = adjustment(context, view.id, 'resume', daysBetween(view.pausedSince, dayOf(context.now)), null);
    return { state: { ...context.state, adjustments: [...context.state.adjustments, resumed] }, events: [] };
  },

  extendDeadline(context) {
    const view = adjustableDeadline(context, context.action.deadline);
    if ('code' in view) return view;
    const extended = adjustment(context, view.id, 'extend', context.action.days, context.action.reason);
    return { state: { ...context.state, adjustments: [...context.state.adjustments, extended] }, events: [] };
  },

  placeLegalHold({ state, action, at }) {
    if (state.legalHold) return refusal('LEGAL_HOLD_ACTIVE');
    return { state: { ...state, legalHold: { since: at, reason: action.reason } }, events: [] };
  },

  liftLegalHold({ state }) {
    if (!state.legalHold) return refusal('LEGAL_HOLD_NOT_ACTIVE');
    return { state: { ...state, legalHold: null }, events: [] };
  },
};
