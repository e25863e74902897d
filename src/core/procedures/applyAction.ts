/**
 * The procedure engine's one entry point for change:
 *   applyAction(definition, state, action, actor, now) → { ok, state, events } | { ok: false, error }
 * It never throws for bad input and never mutates: a refused action leaves the case exactly as
 * it was. The checks common to every action are made here, in this order: the action parses;
 * the time is valid and not before the last recorded action; the state follows this definition;
 * the case is open (or the action is one of the few allowed after closure); the actor may take
 * the action; the action's own conditions hold; separation of duties holds; and nothing reaches
 * the respondent unless the reporter consented or a safety exception was approved.
 */
import { actionSchema, type ActionType, type CaseAction } from './actions.ts';
import type { ActionContext, Change, Handler } from './actionContext.ts';
import { isRefusal } from './actionContext.ts';
import { appealActions } from './appealActions.ts';
import { allowedAfterClosure, authorise, type Permission } from './authorisation.ts';
import { dayOf } from './calendar.ts';
import { careActions } from './careActions.ts';
import { respondentContactAllowed, type Actor, type CaseState } from './caseState.ts';
import { contactActions } from './contactActions.ts';
import { sameProcedure, stepFor, type ProcedureDefinition } from './definition.ts';
import { reachesRespondent, type CaseEvent } from './events.ts';
import { exceptionActions } from './exceptionActions.ts';
import { partyActions } from './partyActions.ts';
import { pathActions } from './pathActions.ts';
import { refusal, type Refusal } from './refusals.ts';
import { separationRefusal, withInvolvement } from './separation.ts';
import { takeStep } from './stepActions.ts';
import { teamActions } from './teamActions.ts';
import { stepActionTypes, type Duty, type StepActionType } from './vocabulary.ts';

export type ActionResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; error: Refusal };

type CaseActionType = Exclude<ActionType, StepActionType>;

const caseActionHandlers: { [K in CaseActionType]: Handler<K> } = {
  ...teamActions,
  ...contactActions,
  ...partyActions,
  ...appealActions,
  ...pathActions,
  ...careActions,
  ...exceptionActions,
};

function isStepAction(type: ActionType): type is StepActionType {
  return (stepActionTypes as readonly string[]).includes(type);
}

function refused(error: Refusal): ActionResult {
  return { ok: false, error };
}

export function applyAction(definition: ProcedureDefinition, state: CaseState, input: unknown, actor: Actor, now: Date): ActionResult {
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'action'}: ${issue.message}`).join('; ');
    return refused(refusal('ACTION_INVALID', { detail }));
  }
  const action = parsed.data;
  if (!isActor(actor)) return refused(refusal('NOT_ALLOWED'));
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return refused(refusal('TIME_INVALID'));
  const at = now.toISOString();
  const last = state.history.at(-1);
  if (last && at < last.at) return refused(refusal('TIME_BEFORE_LAST_ACTION', { last: last.at }));
  if (!sameProcedure(state.procedure, definition)) {
    return refused(refusal('WRONG_PROCEDURE', { expected: `${state.procedure.id} v${state.procedure.version}` }));
  }
  if (state.closure && !allowedAfterClosure.has(action.type)) return refused(refusal('CASE_CLOSED'));

  const step = isStepAction(action.type) ? stepFor(definition, action.type) : undefined;
  if (isStepAction(action.type) && !step) return refused(refusal('STEP_NOT_IN_PROCEDURE', { action: action.type }));
  const permission = authorise(state, action, actor, step);
  if (isRefusal(permission)) return refused(permission);

  const context: ActionContext = { definition, state, action, by: permission.by, now, at, today: dayOf(now) };
  const change = step ? takeStep(context, step) : handle(context, action.type as CaseActionType);
  if (isRefusal(change)) return refused(change);
  return commit(definition, state, context, permission, change);
}

/** The actor comes from the session, not the form; still, a malformed one is refused, not thrown on. */
function isActor(actor: Actor): boolean {
  if (!actor || typeof actor !== 'object') return false;
  if (actor.kind !== 'staff') return ['reporter', 'respondent', 'system'].includes(actor.kind);
  return typeof actor.staffId === 'string' && actor.staffId.length > 0 && Array.isArray(actor.grants);
}

function handle(context: ActionContext, type: CaseActionType): Change | Refusal {
  // The table is keyed by action type, so the handler fits the action; TypeScript cannot
  // correlate the two through an index, hence this one widening.
  const handler = caseActionHandlers[type] as Handler<CaseActionType>;
  return handler(context as ActionContext<Extract<CaseAction, { type: CaseActionType }>>);
}

/** The part an action counts as: evidence gathered by staff is investigating, whatever the role. */
function dutyOf(action: CaseAction, permission: Permission): Duty | null {
  if (permission.duty === null) return null;
  return action.type === 'addEvidence' ? 'investigate' : permission.duty;
}

function commit(definition: ProcedureDefinition, before: CaseState, context: ActionContext, permission: Permission, change: Change): ActionResult {
  const { by, at, action } = context;
  const duty = dutyOf(action, permission);
  if (by.kind === 'staff' && duty) {
    const separation = separationRefusal(definition, before, by.staffId, duty);
    if (separation) return refused(separation);
  }
  // The gate is checked against the case as it was before the action: consent or a safety
  // exception must already be on record when anything is sent to the respondent.
  if (change.events.some(reachesRespondent) && !respondentContactAllowed(before)) {
    return refused(refusal('RESPONDENT_CONTACT_NOT_ALLOWED'));
  }
  const involvement = by.kind === 'staff' && duty ? withInvolvement(change.state, by.staffId, duty) : change.state.involvement;
  const state: CaseState = { ...change.state, involvement, history: [...change.state.history, { at, by, action }] };
  return { ok: true, state, events: change.events };
}
