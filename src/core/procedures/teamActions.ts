/**
 * The case team and conflicts of interest. Nobody named in a case or related to a party can be
 * assigned; recording a conflict takes the person off the case at once. An assignment counts as
 * taking part for separation of duties even before the person acts: someone assigned to
 * investigate can never be assigned to decide. (Whether the assignee holds the organisation
 * grant for the role is checked by the use-case, which can see staff records.)
 */
import type { Handlers } from './actionContext.ts';
import { activeAssignments, isConflicted } from './caseState.ts';
import { refusal } from './refusals.ts';
import { separationRefusal, withInvolvement } from './separation.ts';
import { dutyOfCaseRole } from './vocabulary.ts';

export const teamActions: Handlers<'assign' | 'unassign' | 'declareNoConflict' | 'recordConflict'> = {
  assign({ definition, state, action, at }) {
    if (isConflicted(state, action.staffId)) return refusal('CONFLICT_OF_INTEREST', { staffId: action.staffId });
    if (activeAssignments(state, action.staffId).some((a) => a.role === action.as)) {
      return refusal('ALREADY_ASSIGNED', { staffId: action.staffId, role: action.as });
    }
    const duty = dutyOfCaseRole[action.as];
    const separation = separationRefusal(definition, state, action.staffId, duty);
    if (separation) return separation;
    return {
      state: {
        ...state,
        team: [...state.team, { staffId: action.staffId, role: action.as, since: at, until: null }],
        involvement: withInvolvement(state, action.staffId, duty),
      },
      events: [],
    };
  },

  unassign({ state, action, at }) {
    const found = state.team.findIndex((a) => a.staffId === action.staffId && a.role === action.as && a.until === null);
    if (found < 0) return refusal('NOT_ASSIGNED', { staffId: action.staffId, role: action.as });
    return { state: { ...state, team: state.team.map((a, index) => (index === found ? { ...a, until: at } : a)) }, events: [] };
  },

  declareNoConflict({ state, by }) {
    if (by.kind !== 'staff') return refusal('NOT_ALLOWED');
    if (state.noConflictDeclared.includes(by.staffId)) return refusal('ALREADY_RECORDED');
    return { state: { ...state, noConflictDeclared: [...state.noConflictDeclared, by.staffId] }, events: [] };
  },

  recordConflict({ state, action, at }) {
    if (isConflicted(state, action.staffId)) return refusal('ALREADY_RECORDED');
    const conflict = { staffId: action.staffId, basis: action.basis, reason: action.reason, at };
    const team = state.team.map((a) => (a.staffId === action.staffId && a.until === null ? { ...a, until: at } : a));
    return {
      state: { ...state, conflicts: [...state.conflicts, conflict], team },
      events: [{ type: 'alertStaff', about: 'conflictRecorded' }],
    };
  },
};
