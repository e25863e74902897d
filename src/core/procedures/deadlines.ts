/**
 * Deadlines as the sweeper and the inbox see them: the definition's step deadlines on the
 * current path, one per appeal (to be decided in time) and one per scheduled check-in (which
 * go on after closure). Each has the day it started, its last day (after pauses and
 * extensions), and a status:
 *   upcoming — before the reminder days;  due — within them, up to and including the last day;
 *   overdue — after the last day;  paused — its clock is stopped;
 *   met — done (`late` says whether after the last day);  waived — its step was skipped with a
 *   reason, or the case closed without it.
 * While nothing happens to a case, a deadline's status only moves forward in time.
 */
import { addDays, addMonths, dayOf, daysBetween, earlierDay, type Day } from './calendar.ts';
import { readyAt, stepRecord, type CaseState } from './caseState.ts';
import { sameProcedure, stepById, type DeadlineDefinition, type ProcedureDefinition } from './definition.ts';

export type DeadlineStatus = 'upcoming' | 'due' | 'overdue' | 'paused' | 'met' | 'waived';

export type DeadlineView = {
  id: string;
  kind: 'step' | 'appealDecision' | 'checkIn';
  nameKey: string;
  step: string | null;
  startedOn: Day;
  dueOn: Day;
  status: DeadlineStatus;
  metOn: Day | null;
  late: boolean;
  adjustable: boolean;
  pausedSince: Day | null;
  pausedDays: number;
  extendedDays: number;
  legalReference: string | null;
};

export function deadlines(definition: ProcedureDefinition, state: CaseState, now: Date): DeadlineView[] {
  const today = dayOf(now);
  const views: DeadlineView[] = [];
  for (const deadline of definition.deadlines) {
    const view = stepDeadline(definition, state, deadline, today);
    if (view) views.push(view);
  }
  for (const appeal of state.appeals) {
    const startedOn = dayOf(appeal.filedAt);
    const base = addDays(startedOn, definition.appeals?.decisionWithinDays ?? 0);
    views.push(
      finish(definition, state, today, {
        id: appeal.id,
        kind: 'appealDecision',
        nameKey: 'procedures.deadlines.appealDecision',
        step: null,
        startedOn,
        base,
        remindDaysBefore: 0,
        adjustable: true,
        done: appeal.decision ? { on: dayOf(appeal.decision.at), skipped: false } : null,
        legalReference: null,
      }),
    );
  }
  for (const checkIn of state.checkIns) {
    views.push(
      finish(definition, state, today, {
        id: checkIn.id,
        kind: 'checkIn',
        nameKey: `procedures.checkInTopics.${checkIn.topic}`,
        step: null,
        startedOn: dayOf(checkIn.scheduledAt),
        base: checkIn.dueOn,
        remindDaysBefore: 0,
        adjustable: false,
        done: checkIn.held ? { on: dayOf(checkIn.held.at), skipped: false } : null,
        legalReference: null,
        outlivesClosure: true,
      }),
    );
  }
  return views;
}

export function findDeadline(definition: ProcedureDefinition, state: CaseState, now: Date, id: string): DeadlineView | undefined {
  return deadlines(definition, state, now).find((view) => view.id === id);
}

/** Deadlines the sweeper should raise: due soon or overdue. */
export function deadlinesNeedingAttention(definition: ProcedureDefinition, state: CaseState, now: Date): DeadlineView[] {
  return deadlines(definition, state, now).filter((view) => view.status === 'due' || view.status === 'overdue');
}

function stepDeadline(definition: ProcedureDefinition, state: CaseState, deadline: DeadlineDefinition, today: Day): DeadlineView | null {
  const step = stepById(definition, deadline.step);
  if (!step) return null;
  const startedOn = startOf(definition, state, deadline);
  if (startedOn === null) return null;
  const base = 'days' in deadline.within ? addDays(startedOn, deadline.within.days) : addMonths(startedOn, deadline.within.months);
  const record = stepRecord(definition, state, step);
  return finish(definition, state, today, {
    id: deadline.id,
    kind: 'step',
    nameKey: deadline.nameKey,
    step: step.id,
    startedOn,
    base,
    remindDaysBefore: deadline.remindDaysBefore,
    adjustable: deadline.adjustable,
    done: record ? { on: dayOf(record.at), skipped: record.status === 'skipped' } : null,
    legalReference: deadline.legalReference ?? null,
  });
}

function startOf(definition: ProcedureDefinition, state: CaseState, deadline: DeadlineDefinition): Day | null {
  const from = deadline.from;
  switch (from.kind) {
    case 'received':
      return dayOf(state.receivedAt);
    case 'stepReady': {
      const step = stepById(definition, deadline.step);
      const ready = step ? readyAt(definition, state, step) : null;
      return ready ? dayOf(ready) : null;
    }
    case 'stepCompleted': {
      const step = stepById(definition, from.step);
      const record = step ? stepRecord(definition, state, step) : undefined;
      const completedOn = record?.status === 'completed' ? dayOf(record.at) : null;
      const latest = from.atLatestDaysAfterReceived === undefined ? null : addDays(dayOf(state.receivedAt), from.atLatestDaysAfterReceived);
      if (completedOn && latest) return earlierDay(completedOn, latest);
      return completedOn ?? latest;
    }
  }
}

type Draft = {
  id: string;
  kind: DeadlineView['kind'];
  nameKey: string;
  step: string | null;
  startedOn: Day;
  base: Day;
  remindDaysBefore: number;
  adjustable: boolean;
  done: { on: Day; skipped: boolean } | null;
  legalReference: string | null;
  outlivesClosure?: boolean;
};

function finish(definition: ProcedureDefinition, state: CaseState, today: Day, draft: Draft): DeadlineView {
  const adjustments = state.adjustments.filter((a) => sameProcedure(a.procedure, definition) && a.deadline === draft.id);
  const extendedDays = sum(adjustments.filter((a) => a.kind === 'extend').map((a) => a.days));
  const pausedDays = sum(adjustments.filter((a) => a.kind === 'resume').map((a) => a.days));
  const last = adjustments.filter((a) => a.kind !== 'extend').at(-1);
  const pausedSince = last?.kind === 'pause' ? dayOf(last.at) : null;
  const dueOn = addDays(draft.base, extendedDays + pausedDays);
  const view = {
    id: draft.id,
    kind: draft.kind,
    nameKey: draft.nameKey,
    step: draft.step,
    startedOn: draft.startedOn,
    dueOn,
    metOn: draft.done && !draft.done.skipped ? draft.done.on : null,
    late: draft.done !== null && !draft.done.skipped && draft.done.on > dueOn,
    adjustable: draft.adjustable,
    pausedSince,
    pausedDays,
    extendedDays,
    legalReference: draft.legalReference,
  };
  return { ...view, status: statusOf(draft, state, pausedSince, dueOn, today) };
}

function statusOf(draft: Draft, state: CaseState, pausedSince: Day | null, dueOn: Day, today: Day): DeadlineStatus {
  if (draft.done) return draft.done.skipped ? 'waived' : 'met';
  if (state.closure && !draft.outlivesClosure) return 'waived';
  if (pausedSince) return 'paused';
  if (today > dueOn) return 'overdue';
  return daysBetween(today, dueOn) <= draft.remindDaysBefore ? 'due' : 'upcoming';
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
