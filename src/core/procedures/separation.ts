/**
 * Separation of duties, read from the definition's rules. A rule "decide never investigate"
 * binds both ways and over the whole life of the case: whoever investigated (or was assigned to)
 * can never decide, and whoever decided can never investigate. A person's involvement is every
 * part they took or were assigned, on any path the case followed.
 */
import type { CaseState } from './caseState.ts';
import type { ProcedureDefinition } from './definition.ts';
import { refusal, type Refusal } from './refusals.ts';
import type { Duty } from './vocabulary.ts';

function forbiddenPairs(definition: ProcedureDefinition): [Duty, Duty][] {
  return definition.separationOfDuties.flatMap((rule) => rule.never.map((other): [Duty, Duty] => [rule.duty, other]));
}

/** Whether taking `duty` would break a rule, given what the person has already done. */
export function separationRefusal(definition: ProcedureDefinition, state: CaseState, staffId: string, duty: Duty): Refusal | null {
  const taken = state.involvement[staffId] ?? [];
  for (const [a, b] of forbiddenPairs(definition)) {
    const clash = (duty === a && taken.includes(b) && a !== b) || (duty === b && taken.includes(a) && a !== b);
    if (clash) return refusal('SEPARATION_OF_DUTIES', { duty, earlier: duty === a ? b : a });
  }
  return null;
}

export function withInvolvement(state: CaseState, staffId: string, duty: Duty): CaseState['involvement'] {
  const taken = state.involvement[staffId] ?? [];
  if (taken.includes(duty)) return state.involvement;
  return { ...state.involvement, [staffId]: [...taken, duty] };
}
