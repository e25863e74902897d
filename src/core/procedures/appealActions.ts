/**
 * Appeals on equal terms: after the written outcome, either party may appeal within the same
 * window on the same grounds, once each; the other party is told. Each appeal is decided once,
 * by an appeal reviewer who took no other part in the case (separation of duties), and the
 * appeal decision goes to both parties at the same time.
 */
import type { Handlers } from './actionContext.ts';
import { deliver } from './events.ts';
import { appealWindowLastDay } from './guards.ts';
import { refusal } from './refusals.ts';
import { otherParty } from './vocabulary.ts';

export const appealActions: Handlers<'fileAppeal' | 'decideAppeal'> = {
  fileAppeal({ definition, state, action, at, today }) {
    if (!definition.appeals) return refusal('NO_APPEALS');
    const lastDay = appealWindowLastDay(definition, state);
    if (lastDay === null) return refusal('APPEAL_WINDOW_NOT_OPEN');
    if (today > lastDay) return refusal('APPEAL_WINDOW_CLOSED', { until: lastDay });
    if (state.appeals.some((appeal) => appeal.by === action.by)) return refusal('APPEAL_ALREADY_FILED', { party: action.by });
    const appeal = { id: `appeal-${state.appeals.length + 1}`, by: action.by, grounds: action.grounds, filedAt: at, decision: null };
    return {
      state: { ...state, appeals: [...state.appeals, appeal] },
      events: [deliver(otherParty(action.by), 'appealFiled'), { type: 'alertStaff', about: 'appealFiled' }],
    };
  },

  decideAppeal({ state, action, by, at }) {
    const appeal = state.appeals.find((candidate) => candidate.id === action.appealId);
    if (!appeal) return refusal('APPEAL_UNKNOWN', { appealId: action.appealId });
    if (appeal.decision) return refusal('APPEAL_ALREADY_DECIDED', { appealId: appeal.id });
    if (by.kind !== 'staff') return refusal('NOT_ALLOWED');
    const decision = { result: action.result, reasonsRef: action.reasonsRef, at, by: by.staffId };
    return {
      state: { ...state, appeals: state.appeals.map((candidate) => (candidate.id === appeal.id ? { ...candidate, decision } : candidate)) },
      events: [deliver(['reporter', 'respondent'], 'appealDecision')],
    };
  },
};
