/**
 * The procedure engine (SPEC: Case handling — procedures are data). Pure: no database, no
 * clock, no I/O. Use-cases load a case's state and its definition, call `applyAction`, store
 * the new state, write the history entry to the audit log and hand the events to the outbox.
 */
export { actionSchema, type ActionType, type CaseAction } from './actions.ts';
export { applyAction, type ActionResult } from './applyAction.ts';
export { availableActions, type AvailableAction } from './availableActions.ts';
export { addDays, addMonths, addYears, dayOf, daysBetween, type Day } from './calendar.ts';
export { currentSteps, respondentContactAllowed, startCase, type Actor, type CaseState, type StartCaseInput } from './caseState.ts';
export { deadlines, deadlinesNeedingAttention, type DeadlineStatus, type DeadlineView } from './deadlines.ts';
export { procedureDefinitionSchema, refOf, sameProcedure, type ProcedureDefinition, type ProcedureRef } from './definition.ts';
export type { CaseEvent, Delivery, StaffAlert } from './events.ts';
export { refusalError, type Refusal, type RefusalCode } from './refusals.ts';
export { purgeDue, purgeOn, type RetentionVerdict } from './retention.ts';
export { templates } from './templates/index.ts';
export { definitionError, validateDefinition, type DefinitionProblem, type DefinitionVerdict } from './validateDefinition.ts';
