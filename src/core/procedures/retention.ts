/**
 * Retention (SPEC: per procedure, e.g. 7 years after closure for formal cases; legal hold).
 * A case may be purged from the day its definition's years after closure have passed, unless
 * it is open or under legal hold. The purge job asks `purgeDue` and reports what it deleted.
 */
import { addYears, dayOf, type Day } from './calendar.ts';
import type { CaseState } from './caseState.ts';
import type { ProcedureDefinition } from './definition.ts';

export type RetentionVerdict =
  | { due: true; purgeOn: Day }
  | { due: false; purgeOn: Day | null; reason: 'caseOpen' | 'legalHold' | 'retentionRunning' };

export function purgeOn(definition: ProcedureDefinition, state: CaseState): Day | null {
  return state.closure ? addYears(dayOf(state.closure.at), definition.retention.yearsAfterClosure) : null;
}

export function purgeDue(definition: ProcedureDefinition, state: CaseState, now: Date): RetentionVerdict {
  const day = purgeOn(definition, state);
  if (day === null) return { due: false, purgeOn: null, reason: 'caseOpen' };
  if (state.legalHold) return { due: false, purgeOn: day, reason: 'legalHold' };
  if (dayOf(now) < day) return { due: false, purgeOn: day, reason: 'retentionRunning' };
  return { due: true, purgeOn: day };
}
