/**
 * Care during and after the case: check-ins on wellbeing, retaliation, an agreement or agreed
 * measures (they go on after closure), and supportive or interim measures for either party.
 * A check-in with, or a measure for, the respondent reaches them, so it passes the gate.
 */
import type { Handlers } from './actionContext.ts';
import { respondentKnows } from './caseState.ts';
import { deliver } from './events.ts';
import { refusal } from './refusals.ts';

type CareAction = 'scheduleCheckIn' | 'recordCheckIn' | 'addMeasure' | 'endMeasure';

export const careActions: Handlers<CareAction> = {
  scheduleCheckIn({ state, action, at, today }) {
    if (action.dueOn < today) return refusal('CHECK_IN_IN_PAST', { dueOn: action.dueOn });
    if (action.with === 'respondent' && !respondentKnows(state)) return refusal('RESPONDENT_NOT_NOTIFIED');
    const checkIn = { id: `check-in-${state.checkIns.length + 1}`, with: action.with, topic: action.topic, dueOn: action.dueOn, scheduledAt: at, held: null };
    return { state: { ...state, checkIns: [...state.checkIns, checkIn] }, events: [deliver(action.with, 'checkInScheduled')] };
  },

  recordCheckIn({ state, action, at }) {
    const checkIn = state.checkIns.find((candidate) => candidate.id === action.checkInId);
    if (!checkIn) return refusal('CHECK_IN_UNKNOWN', { checkInId: action.checkInId });
    if (checkIn.held) return refusal('CHECK_IN_ALREADY_HELD', { checkInId: checkIn.id });
    const held = { at, noteRef: action.noteRef, concernRaised: action.concernRaised };
    return {
      state: { ...state, checkIns: state.checkIns.map((candidate) => (candidate.id === checkIn.id ? { ...candidate, held } : candidate)) },
      events: action.concernRaised ? [{ type: 'alertStaff', about: 'checkInConcern' }] : [],
    };
  },

  addMeasure({ state, action, at }) {
    const measure = { id: `measure-${state.measures.length + 1}`, for: action.for, kind: action.kind, descriptionRef: action.descriptionRef, at, endedAt: null };
    return { state: { ...state, measures: [...state.measures, measure] }, events: [deliver(action.for, 'measure')] };
  },

  endMeasure({ state, action, at }) {
    const measure = state.measures.find((candidate) => candidate.id === action.measureId);
    if (!measure) return refusal('MEASURE_UNKNOWN', { measureId: action.measureId });
    if (measure.endedAt) return refusal('MEASURE_ALREADY_ENDED', { measureId: measure.id });
    return {
      state: { ...state, measures: state.measures.map((candidate) => (candidate.id === measure.id ? { ...candidate, endedAt: at } : candidate)) },
      events: [deliver(measure.for, 'measureEnded')],
    };
  },
};
