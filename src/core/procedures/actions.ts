/**
 * Everything that can be done to a case, as one discriminated union parsed by one zod schema.
 * Actions arrive from forms and the API, so `applyAction` parses them before anything else.
 * Documents (notices, reports, letters, statements) are referred to by `…Ref`: their content
 * is encrypted elsewhere; the engine only needs to know that they exist.
 */
import { z } from 'zod';
import {
  appealGrounds,
  appealResults,
  caseRoles,
  checkInTopics,
  decisionOutcomes,
  measureKinds,
  noticeContents,
  parties,
  pathKinds,
  priorities,
  riskLevels,
  standardsOfEvidence,
} from './vocabulary.ts';
import { isDay } from './calendar.ts';

const ref = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(3, 'a reason of a few words is required').max(2000);
const party = z.enum(parties);
const id = z.string().trim().min(1).max(100);
const day = z.string().refine(isDay, 'a calendar day as YYYY-MM-DD');
/** When staff record a party's choice, the party's written statement must be on file. */
const statementRef = ref.optional();
const procedureRef = z.object({ id: z.string().min(1).max(60), version: z.int().min(1), path: z.enum(pathKinds) });

const act = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape });

export const actionSchema = z.discriminatedUnion('type', [
  // The team and conflicts of interest
  act('assign', { staffId: id, as: z.enum(caseRoles) }),
  act('unassign', { staffId: id, as: z.enum(caseRoles), reason }),
  act('declareNoConflict', {}),
  act('recordConflict', { staffId: id, basis: z.enum(['namedInCase', 'relatedToParty']), reason }),
  // The respondent-contact gate
  act('allowRespondentContact', { statementRef }),
  act('revokeRespondentContact', { statementRef }),
  act('requestSafetyException', { reason }),
  act('approveSafetyException', {}),
  // Steps
  act('acknowledge', {}),
  act('triage', { priority: z.enum(priorities), retaliationRisk: z.enum(riskLevels) }),
  act('recordFollowUp', { summaryRef: ref }),
  act('giveFeedback', { summaryRef: ref }),
  act('notifyRespondent', { noticeRef: ref, contents: z.array(z.enum(noticeContents)).min(1) }),
  act('openEvidenceReview', {}),
  act('closeEvidenceReview', {}),
  act('submitInvestigationReport', { reportRef: ref }),
  act('decide', {
    outcome: z.enum(decisionOutcomes),
    standardOfEvidence: z.enum(standardsOfEvidence),
    reasonsRef: ref,
    sanctions: z.array(ref).max(20),
    remedies: z.array(ref).max(20),
  }),
  act('issueOutcome', { letterRef: ref }),
  act('proposeInformal', {}),
  act('recordAgreement', { agreementRef: ref }),
  act('reviewAgreement', { kept: z.boolean(), noteRef: ref }),
  act('recordEscrowMatch', { matchRef: ref }),
  act('informReporterOfMatch', {}),
  act('close', { summaryRef: ref }),
  // What the parties bring and ask for
  act('recordResponse', { statementRef: ref }),
  act('addEvidence', { from: z.enum(['reporter', 'respondent', 'investigation']), kind: z.enum(['document', 'witness']), evidenceRef: ref }),
  act('nameAdviser', { party, adviserRef: ref }),
  act('fileAppeal', { by: party, grounds: z.array(z.enum(appealGrounds)).min(1), statementRef }),
  act('decideAppeal', { appealId: id, result: z.enum(appealResults), reasonsRef: ref }),
  act('recordConsent', { party, statementRef }),
  act('withdrawConsent', { party, statementRef, resume: procedureRef }),
  act('changePath', { to: procedureRef, statementRef }),
  act('withdrawReport', { statementRef }),
  // Care during and after the case
  act('scheduleCheckIn', { with: party, topic: z.enum(checkInTopics), dueOn: day }),
  act('recordCheckIn', { checkInId: id, noteRef: ref, concernRaised: z.boolean() }),
  act('addMeasure', { for: party, kind: z.enum(measureKinds), descriptionRef: ref }),
  act('endMeasure', { measureId: id, reason }),
  // Exceptions, always with a reason
  act('skipStep', { step: id, reason }),
  act('pauseDeadline', { deadline: id, reason }),
  act('resumeDeadline', { deadline: id }),
  act('extendDeadline', { deadline: id, days: z.int().min(1).max(365), reason }),
  act('placeLegalHold', { reason }),
  act('liftLegalHold', { reason }),
]);

export type CaseAction = z.infer<typeof actionSchema>;
export type ActionType = CaseAction['type'];
export type ActionOf<T extends ActionType> = Extract<CaseAction, { type: T }>;
