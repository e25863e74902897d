/**
 * What the case page offers one staff member: the engine's available actions, and the choices
 * inside the forms that name someone or somewhere — which colleague can be given which case
 * role, whose conflict can be recorded, which procedure the case can move to. Each choice is
 * tried against `applyAction` itself, so a select never lists an option the engine would
 * refuse for reasons of order, role, conflict or separation of duties. (Whether a colleague
 * holds the grant for a role comes from storage: `colleagues` lists only those who do.)
 */
import { applyAction, availableActions, refOf, type Actor, type AvailableAction, type CaseAction, type CaseState, type ProcedureDefinition, type ProcedureRef } from '../procedures/index.ts';
import { caseRoles, parties, type CaseRole, type Party } from '../procedures/vocabulary.ts';
import { procedureChoice } from './actionForms.ts';

export type Colleague = { staffId: string; roles: readonly CaseRole[] };

export type ProcedureOption = { value: string; nameKey: string; procedure: ProcedureRef };

export type ActionChoices = {
  /** The engine's list, without `assign`: assignments are offered per role through `assignable`. */
  available: AvailableAction[];
  assignable: Partial<Record<CaseRole, string[]>>;
  /** Staff whose conflict of interest this member could record (themself included). */
  conflictable: string[];
  /** Procedures the reporter's path can change to now. */
  paths: ProcedureOption[];
  /** Formal procedures a withdrawn informal resolution can resume, per party who may withdraw. */
  resumable: Partial<Record<Party, ProcedureOption[]>>;
};

const placeholder = 'to be given';

/** `procedures`: where the case may move (handledCase.ts `procedureTargets`: the organisation's current procedures and those the case already followed). */
export function actionChoices(
  definition: ProcedureDefinition,
  state: CaseState,
  actor: Actor,
  now: Date,
  colleagues: readonly Colleague[],
  procedures: readonly ProcedureDefinition[],
): ActionChoices {
  const works = (action: CaseAction) => applyAction(definition, state, action, actor, now).ok;
  const self = actor.kind === 'staff' ? [actor.staffId] : [];
  const assignable: ActionChoices['assignable'] = {};
  for (const role of caseRoles) {
    const people = colleagues.filter((person) => person.roles.includes(role) && works({ type: 'assign', staffId: person.staffId, as: role }));
    if (people.length > 0) assignable[role] = people.map((person) => person.staffId);
  }
  const conflictable = [...new Set([...self, ...colleagues.map((person) => person.staffId)])].filter((staffId) =>
    works({ type: 'recordConflict', staffId, basis: 'relatedToParty', reason: placeholder }),
  );
  const option = (target: ProcedureDefinition): ProcedureOption => ({ value: procedureChoice(target), nameKey: target.nameKey, procedure: refOf(target) });
  const paths = procedures.filter((target) => works({ type: 'changePath', to: refOf(target), statementRef: placeholder })).map(option);
  const resumable: ActionChoices['resumable'] = {};
  for (const party of parties) {
    const options = procedures.filter((target) => works({ type: 'withdrawConsent', party, statementRef: placeholder, resume: refOf(target) })).map(option);
    if (options.length > 0) resumable[party] = options;
  }
  return {
    available: availableActions(definition, state, actor, now).filter((action) => action.type !== 'assign'),
    assignable,
    conflictable,
    paths,
    resumable,
  };
}
