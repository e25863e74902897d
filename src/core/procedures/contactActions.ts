/**
 * The respondent-contact gate (SPEC: nothing reaches the accused without the reporter's consent
 * or a recorded safety exception). The reporter gives or revokes consent; a safety exception
 * needs a reason from one staff member and the approval of a second, because it overrides the
 * reporter's wish. Consent can be revoked only until the respondent has been told: after that
 * the reporter steers through the path (informal, record only, withdrawal), since cutting the
 * respondent off mid-process would deny them due process.
 */
import type { Handlers } from './actionContext.ts';
import { respondentKnows } from './caseState.ts';
import { refusal } from './refusals.ts';

type ContactAction = 'allowRespondentContact' | 'revokeRespondentContact' | 'requestSafetyException' | 'approveSafetyException';

export const contactActions: Handlers<ContactAction> = {
  allowRespondentContact({ state, action, at }) {
    if (state.respondentContactConsent) return refusal('ALREADY_RECORDED');
    return { state: { ...state, respondentContactConsent: { at, statementRef: action.statementRef ?? null } }, events: [] };
  },

  revokeRespondentContact({ state }) {
    if (!state.respondentContactConsent) return refusal('NOTHING_TO_WITHDRAW');
    if (respondentKnows(state)) return refusal('CONSENT_ALREADY_ACTED_ON');
    return { state: { ...state, respondentContactConsent: null }, events: [] };
  },

  requestSafetyException({ state, action, by, at }) {
    if (by.kind !== 'staff') return refusal('NOT_ALLOWED');
    if (state.safetyException) return refusal('ALREADY_RECORDED');
    return {
      state: {
        ...state,
        safetyException: { reason: action.reason, requestedBy: by.staffId, requestedAt: at, approvedBy: null, approvedAt: null },
      },
      events: [{ type: 'alertStaff', about: 'safetyExceptionRequested' }],
    };
  },

  approveSafetyException({ state, by, at }) {
    const exception = state.safetyException;
    if (by.kind !== 'staff') return refusal('NOT_ALLOWED');
    if (!exception) return refusal('SAFETY_EXCEPTION_MISSING');
    if (exception.approvedAt) return refusal('ALREADY_RECORDED');
    if (exception.requestedBy === by.staffId) return refusal('SAFETY_EXCEPTION_SAME_PERSON');
    return { state: { ...state, safetyException: { ...exception, approvedBy: by.staffId, approvedAt: at } }, events: [] };
  },
};
