/**
 * What the parties bring: the respondent's response, evidence and witnesses from either side,
 * and each party's adviser. Equal opportunity: once the respondent has been told, both parties
 * may add evidence on the same terms until the evidence review closes; the respondent may
 * answer until the decision.
 */
import type { Handlers } from './actionContext.ts';
import { completedStep, respondentKnows } from './caseState.ts';
import { refusal } from './refusals.ts';

export const partyActions: Handlers<'recordResponse' | 'addEvidence' | 'nameAdviser'> = {
  recordResponse({ definition, state, action, at }) {
    if (!respondentKnows(state)) return refusal('RESPONDENT_NOT_NOTIFIED');
    if (completedStep(definition, state, 'decide')) return refusal('EVIDENCE_CLOSED');
    return { state: { ...state, responses: [...state.responses, { at, statementRef: action.statementRef }] }, events: [] };
  },

  addEvidence({ definition, state, action, at }) {
    if (action.from === 'respondent' && !respondentKnows(state)) return refusal('RESPONDENT_NOT_NOTIFIED');
    if (completedStep(definition, state, 'closeEvidenceReview')) return refusal('EVIDENCE_CLOSED');
    const evidence = { id: `evidence-${state.evidence.length + 1}`, from: action.from, kind: action.kind, evidenceRef: action.evidenceRef, at };
    return { state: { ...state, evidence: [...state.evidence, evidence] }, events: [] };
  },

  nameAdviser({ state, action, at }) {
    if (action.party === 'respondent' && !respondentKnows(state)) return refusal('RESPONDENT_NOT_NOTIFIED');
    return { state: { ...state, advisers: [...state.advisers, { party: action.party, adviserRef: action.adviserRef, at }] }, events: [] };
  },
};
