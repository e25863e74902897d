/**
 * Sharing evidence for the review (34 CFR 106.45(b)(5)(vi), docs/procedures.md "Equal
 * opportunity"), pure: when evidence may be shared — once the respondent has the written notice
 * and until the evidence review closes (or the case closes) — and who shares it: a handler or an
 * investigator on the case's active team.
 */
import { activeAssignments, completedStep, type CaseState } from '../procedures/caseState.ts';
import type { ProcedureDefinition } from '../procedures/definition.ts';

/** The kind of the document row a shared evidence statement is copied into, sealed with the respondent key. */
export const EVIDENCE_FOR_REVIEW = 'evidenceForReview';

/** The kind of the document rows that hold evidence statements recorded in the procedure. */
export const EVIDENCE_DOCUMENT = 'addEvidence.evidenceRef';

export type SharingWindow = 'beforeNotice' | 'open' | 'closed';

export function sharingWindow(definition: ProcedureDefinition, state: CaseState): SharingWindow {
  if (state.closure !== null || completedStep(definition, state, 'closeEvidenceReview')) return 'closed';
  return completedStep(definition, state, 'notifyRespondent') ? 'open' : 'beforeNotice';
}

export function mayShareEvidence(state: CaseState, staffId: string): boolean {
  return activeAssignments(state, staffId).some((assignment) => assignment.role === 'handler' || assignment.role === 'investigator');
}
