/**
 * The reporter's path (SPEC: the reporter chooses record only, escrow, informal/restorative or
 * formal, and can change it). A path change moves the case to another procedure; steps already
 * taken on a procedure are kept, so a resumed formal path continues where it stopped. A path
 * can no longer change once a decision or an agreement exists. Informal resolution needs the
 * written, voluntary consent of both parties; either may withdraw, which ends it and resumes
 * the formal path.
 */
import type { ActionContext, Handlers } from './actionContext.ts';
import { completedStep, informalConsentOf, respondentKnows, type CaseState } from './caseState.ts';
import { sameProcedure, type ProcedureRef } from './definition.ts';
import { deliver, type CaseEvent } from './events.ts';
import { refusal, type Refusal } from './refusals.ts';
import { otherParty } from './vocabulary.ts';

type PathAction = 'recordConsent' | 'withdrawConsent' | 'changePath' | 'withdrawReport';

function tooLateToChange(context: ActionContext): Refusal | null {
  const { definition, state } = context;
  const settled = ['decide', 'issueOutcome', 'recordAgreement'] as const;
  return settled.some((action) => completedStep(definition, state, action)) ? refusal('PATH_CHANGE_TOO_LATE') : null;
}

function movedTo(state: CaseState, to: ProcedureRef, at: string): { state: CaseState; events: CaseEvent[] } {
  return {
    state: { ...state, procedure: to, paths: [...state.paths, { procedure: to, since: at }] },
    events: [
      { type: 'pathChanged', from: state.procedure, to },
      { type: 'alertStaff', about: 'pathChanged' },
    ],
  };
}

export const pathActions: Handlers<PathAction> = {
  recordConsent({ definition, state, action, at }) {
    if (definition.path !== 'informal') return refusal('NOT_INFORMAL');
    if (action.party === 'respondent' && !respondentKnows(state)) return refusal('RESPONDENT_NOT_NOTIFIED');
    if (informalConsentOf(state, action.party)) return refusal('ALREADY_RECORDED');
    const consent = { party: action.party, at, statementRef: action.statementRef ?? null, withdrawnAt: null };
    return { state: { ...state, informalConsents: [...state.informalConsents, consent] }, events: [] };
  },

  withdrawConsent({ definition, state, action, at }) {
    if (definition.path !== 'informal') return refusal('NOT_INFORMAL');
    if (!informalConsentOf(state, action.party)) return refusal('NOTHING_TO_WITHDRAW');
    if (action.resume.path !== 'formal') return refusal('PATH_NOT_ALLOWED', { path: action.resume.path });
    if (sameProcedure(action.resume, definition)) return refusal('PATH_UNCHANGED');
    const informalConsents = state.informalConsents.map((consent) =>
      consent.party === action.party && consent.withdrawnAt === null ? { ...consent, withdrawnAt: at } : consent,
    );
    const moved = movedTo({ ...state, informalConsents }, action.resume, at);
    const told = otherParty(action.party);
    const tellOther = told === 'reporter' || respondentKnows(state) ? [deliver(told, 'informalEnded')] : [];
    return { state: moved.state, events: [...moved.events, ...tellOther, { type: 'alertStaff', about: 'informalConsentWithdrawn' }] };
  },

  changePath(context) {
    const { state, action, at } = context;
    if (sameProcedure(action.to, state.procedure)) return refusal('PATH_UNCHANGED');
    const late = tooLateToChange(context);
    if (late) return late;
    // Escrow keeps an allegation unread until another reporter names the same person; once the
    // respondent has been told, that promise can no longer be kept.
    if (action.to.path === 'escrow' && respondentKnows(state)) return refusal('PATH_NOT_ALLOWED', { path: action.to.path });
    return movedTo(state, action.to, at);
  },

  withdrawReport(context) {
    const late = tooLateToChange(context);
    if (late) return late;
    return {
      state: { ...context.state, closure: { at: context.at, kind: 'withdrawn' } },
      events: [deliver('reporter', 'closure'), { type: 'closed', kind: 'withdrawn' }, { type: 'alertStaff', about: 'reportWithdrawn' }],
    };
  },
};
