/**
 * What every action handler receives and returns. A handler checks what is particular to its
 * action and describes the change; the common checks (parsing, time, closure, who may act,
 * separation of duties, the respondent-contact gate, history) are made once in `applyAction`.
 */
import type { ActionOf, ActionType, CaseAction } from './actions.ts';
import type { Day } from './calendar.ts';
import type { ActorRef, CaseState, Instant } from './caseState.ts';
import type { ProcedureDefinition } from './definition.ts';
import type { CaseEvent } from './events.ts';
import type { Refusal } from './refusals.ts';

export type ActionContext<A extends CaseAction = CaseAction> = {
  definition: ProcedureDefinition;
  state: CaseState;
  action: A;
  by: ActorRef;
  now: Date;
  at: Instant;
  today: Day;
};

export type Change = { state: CaseState; events: CaseEvent[] };

export type Handler<T extends ActionType> = (context: ActionContext<ActionOf<T>>) => Change | Refusal;

export type Handlers<T extends ActionType> = { [K in T]: Handler<K> };

export function isRefusal(value: Change | Refusal | object): value is Refusal {
  return 'code' in value && 'messageKey' in value;
}
