/**
 * What an accepted action asks the rest of Redress to do: deliver a written message to one or
 * both parties, alert the case's staff, or note that a step, path or the case itself changed.
 * A delivery to both parties is one event, so "the outcome goes to both at the same time" is a
 * fact of the data, not a promise of the caller. Every delivery that names the respondent has
 * passed the respondent-contact gate.
 */
import type { ProcedureRef } from './definition.ts';
import type { Party } from './vocabulary.ts';

export type Delivery =
  | 'acknowledgement'
  | 'feedback'
  | 'notice'
  | 'evidenceForReview'
  | 'investigationReport'
  | 'outcome'
  | 'appealFiled'
  | 'appealDecision'
  | 'informalProposal'
  | 'informalEnded'
  | 'agreement'
  | 'escrowMatch'
  | 'closure'
  | 'checkInScheduled'
  | 'measure'
  | 'measureEnded';

export type StaffAlert =
  | 'safetyExceptionRequested'
  | 'conflictRecorded'
  | 'appealFiled'
  | 'informalConsentWithdrawn'
  | 'checkInConcern'
  | 'pathChanged'
  | 'reportWithdrawn';

export type CaseEvent =
  | { type: 'stepCompleted'; step: string }
  | { type: 'stepSkipped'; step: string; reason: string }
  | { type: 'deliver'; to: Party[]; what: Delivery }
  | { type: 'alertStaff'; about: StaffAlert }
  | { type: 'pathChanged'; from: ProcedureRef; to: ProcedureRef }
  | { type: 'closed'; kind: 'completed' | 'withdrawn' };

export function deliver(to: Party | Party[], what: Delivery): CaseEvent {
  return { type: 'deliver', to: Array.isArray(to) ? to : [to], what };
}

export function reachesRespondent(event: CaseEvent): boolean {
  return event.type === 'deliver' && event.to.includes('respondent');
}
