/**
 * What the reporter sees of case handling on the follow-up page, pure. Documents: exactly those
 * sent to the reporter (feedback, the investigation report, the written outcome, appeal
 * decisions, the agreement, measures for them) and the two they wrote and may read back (the
 * adviser they named, their appeal). A document is found only through the accepted action that
 * refers to it, at the field that carries it — so internal notes, reasons, decisions' reasons,
 * redactions and anything the respondent wrote can never be listed, whatever their rows say.
 * The rest: where the respondent-contact gate stands, their consent to informal resolution,
 * the appeal window, and check-in dates.
 */
import { appealWindowLastDay } from '../procedures/guards.ts';
import { informalConsentOf, respondentKnows, type CaseState } from '../procedures/caseState.ts';
import type { CaseAction, ProcedureDefinition, ProcedureRef } from '../procedures/index.ts';
import { documentIdOf } from './handling.ts';

export const reporterDocumentKinds = ['feedback', 'investigationReport', 'outcome', 'appealDecision', 'agreement', 'measure', 'yourAdviser', 'yourAppeal'] as const;
export type ReporterDocumentKind = (typeof reporterDocumentKinds)[number];

/** Whether the reporter reads the document at `field` of `action`, and as what. */
export function reporterReads(action: CaseAction, field: string): ReporterDocumentKind | null {
  switch (action.type) {
    case 'giveFeedback':
      return field === 'summaryRef' ? 'feedback' : null;
    case 'submitInvestigationReport':
      return field === 'reportRef' ? 'investigationReport' : null;
    case 'issueOutcome':
      return field === 'letterRef' ? 'outcome' : null;
    case 'decideAppeal':
      return field === 'reasonsRef' ? 'appealDecision' : null;
    case 'recordAgreement':
      return field === 'agreementRef' ? 'agreement' : null;
    case 'addMeasure':
      return action.for === 'reporter' && field === 'descriptionRef' ? 'measure' : null;
    case 'nameAdviser':
      return action.party === 'reporter' && field === 'adviserRef' ? 'yourAdviser' : null;
    case 'fileAppeal':
      return action.by === 'reporter' && field === 'statementRef' ? 'yourAppeal' : null;
    default:
      return null;
  }
}

/** A document the reporter reads: the row's id and the kind its row must have (`<action>.<field>`). */
export type ReporterDocumentRef = { documentId: string; rowKind: string; what: ReporterDocumentKind; at: string };

export function documentsForReporter(state: CaseState): ReporterDocumentRef[] {
  const found: ReporterDocumentRef[] = [];
  for (const entry of state.history) {
    for (const [field, value] of Object.entries(entry.action)) {
      if (typeof value !== 'string') continue;
      const documentId = documentIdOf(value);
      const what = documentId ? reporterReads(entry.action, field) : null;
      if (documentId && what) found.push({ documentId, rowKind: `${entry.action.type}.${field}`, what, at: entry.at });
    }
  }
  return found;
}

export type ReporterSituation = {
  /** The respondent has been told of the case (notice or a proposal of informal resolution). */
  respondentKnows: boolean;
  /** When the reporter agreed to the respondent being contacted, or null. */
  contactConsentAt: string | null;
  /** On the informal path: when the reporter's consent was given, or null. */
  informal: { consentAt: string | null } | null;
  /** After the written outcome of a procedure with appeals: the last day to appeal. */
  appealUntil: string | null;
  ownAppeal: { filedAt: string; grounds: string[]; decided: boolean } | null;
  checkIns: { dueOn: string; topic: string; held: boolean }[];
};

export function reporterSituation(definition: ProcedureDefinition, state: CaseState): ReporterSituation {
  const ownAppeal = state.appeals.find((appeal) => appeal.by === 'reporter');
  return {
    respondentKnows: respondentKnows(state),
    contactConsentAt: state.respondentContactConsent?.at ?? null,
    informal: definition.path === 'informal' ? { consentAt: informalConsentOf(state, 'reporter')?.at ?? null } : null,
    appealUntil: appealWindowLastDay(definition, state),
    ownAppeal: ownAppeal ? { filedAt: ownAppeal.filedAt, grounds: ownAppeal.grounds, decided: ownAppeal.decision !== null } : null,
    checkIns: state.checkIns.filter((checkIn) => checkIn.with === 'reporter').map((checkIn) => ({ dueOn: checkIn.dueOn, topic: checkIn.topic, held: checkIn.held !== null })),
  };
}

/** The formal procedure a withdrawn informal resolution resumes: the one the case last followed, if any. */
export function formalProcedureToResume(state: CaseState): ProcedureRef | null {
  return [...state.paths].reverse().find((segment) => segment.procedure.path === 'formal')?.procedure ?? null;
}
