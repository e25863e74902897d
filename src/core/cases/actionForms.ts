/**
 * The case page's action forms, one zod schema each: what a browser posts (strings, repeated
 * fields for checkboxes) parsed into the engine's action object, with the free text still as
 * typed (the use-case seals it as documents and gives the engine `doc:<id>`). Every form also
 * carries `seen`, the number of history entries the page showed, so that the same form sent
 * twice can be recognised. Parsing never throws: anything else is a list of field problems.
 */
import { z } from 'zod';
import type { ActionType, CaseAction } from '../procedures/actions.ts';
import { isDay } from '../procedures/calendar.ts';
import type { ProcedureDefinition, ProcedureRef } from '../procedures/definition.ts';
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
} from '../procedures/vocabulary.ts';
import { DOCUMENT_MAX_CHARS } from './handling.ts';

/** A reason is a few words to a paragraph; documents (notices, reports, letters) can be long. */
export const REASON_MAX_CHARS = 2_000;
/** Sanctions and remedies: one per line, each a sentence or two. */
export const LIST_ITEM_MAX_CHARS = 2_000;
export const LIST_MAX_ITEMS = 20;

const document = z.string().trim().min(1).max(DOCUMENT_MAX_CHARS);
const reason = z.string().trim().min(3).max(REASON_MAX_CHARS);
const staffId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const itemId = z.string().trim().min(1).max(100);
/** One of a fixed set (radio buttons, selects): a missing choice reads as "required", a forged one as "invalid". */
function choice<T extends readonly [string, ...string[]]>(values: T) {
  return z.string().pipe(z.enum(values));
}

const party = choice(parties);
const seen = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** A group of checkboxes: absent when none is ticked, a string for one, a list for several. */
function ticked<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])],
    z.array(z.enum(values)).refine((list) => list.length > 0, { params: { messageKey: 'validation.required' } }),
  );
}

const yesNo = choice(['yes', 'no']).transform((value) => value === 'yes');
/** A single checkbox: sent as "yes" when ticked, absent otherwise. */
const checkbox = z
  .literal('yes')
  .optional()
  .transform((value) => value === 'yes');

/** A textarea with one entry per line (sanctions, remedies); empty lines are ignored. */
const lines = z
  .string()
  .max(LIST_MAX_ITEMS * (LIST_ITEM_MAX_CHARS + 2))
  .optional()
  .transform((text) =>
    (text ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  )
  .pipe(z.array(z.string().max(LIST_ITEM_MAX_CHARS)).max(LIST_MAX_ITEMS));

const days = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.int().min(1).max(365));

const day = z.string().refine(isDay);

/**
 * A procedure a case can move to, as a form names it: `path/id@version` (the shipped templates
 * and an organisation's adapted versions alike). Whether the case may move to it is the
 * use-case's question (usecases/cases/handledCase.ts `procedureTargets`).
 */
export function procedureChoice(definition: Pick<ProcedureDefinition, 'id' | 'version' | 'path'>): string {
  return `${definition.path}/${definition.id}@${definition.version}`;
}

const choicePattern = /^([a-z-]{1,20})\/([a-z][a-z0-9-]{1,59})@([1-9][0-9]{0,8})$/;

function procedureRefOf(choice: string): ProcedureRef | undefined {
  const [, path, id, version] = choicePattern.exec(choice) ?? [];
  const kind = pathKinds.find((candidate) => candidate === path);
  return kind && id && version ? { id, version: Number(version), path: kind } : undefined;
}

const procedure = z.string().transform((choice, context) => {
  const ref = procedureRefOf(choice);
  if (ref) return ref;
  context.addIssue({ code: 'custom', message: 'unknown procedure' });
  return z.NEVER;
});

/**
 * One form: its own fields (named as the action's) plus `type` and `seen`, parsed into
 * `{ seen, action }`.
 */
function plain<T extends ActionType, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), seen, ...shape }).transform((fields) => {
    // The shape is the action's own fields with the engine's names; the compiler cannot see
    // through the generic shape that the rest is that member of the union.
    const { seen: seenCount, ...action } = fields as { seen: number };
    return { seen: seenCount, action: action as Extract<CaseAction, { type: T }> };
  });
}

export const actionFormSchema = z.discriminatedUnion('type', [
  plain('assign', { staffId, as: choice(caseRoles) }),
  plain('unassign', { staffId, as: choice(caseRoles), reason }),
  plain('declareNoConflict', {}),
  plain('recordConflict', { staffId, basis: choice(['namedInCase', 'relatedToParty']), reason }),
  plain('allowRespondentContact', { statementRef: document }),
  plain('revokeRespondentContact', { statementRef: document }),
  plain('requestSafetyException', { reason }),
  plain('approveSafetyException', {}),
  plain('acknowledge', {}),
  plain('triage', { priority: choice(priorities), retaliationRisk: choice(riskLevels) }),
  plain('recordFollowUp', { summaryRef: document }),
  plain('giveFeedback', { summaryRef: document }),
  plain('notifyRespondent', { noticeRef: document, contents: ticked(noticeContents) }),
  plain('openEvidenceReview', {}),
  plain('closeEvidenceReview', {}),
  plain('submitInvestigationReport', { reportRef: document }),
  plain('decide', {
    outcome: choice(decisionOutcomes),
    standardOfEvidence: choice(standardsOfEvidence),
    reasonsRef: document,
    sanctions: lines,
    remedies: lines,
  }),
  plain('issueOutcome', { letterRef: document }),
  plain('proposeInformal', {}),
  plain('recordAgreement', { agreementRef: document }),
  plain('reviewAgreement', { kept: yesNo, noteRef: document }),
  plain('recordEscrowMatch', { matchRef: document }),
  plain('informReporterOfMatch', {}),
  plain('close', { summaryRef: document }),
  plain('recordResponse', { statementRef: document }),
  plain('addEvidence', { from: choice(['reporter', 'respondent', 'investigation']), kind: choice(['document', 'witness']), evidenceRef: document }),
  plain('nameAdviser', { party, adviserRef: document }),
  plain('fileAppeal', { by: party, grounds: ticked(appealGrounds), statementRef: document }),
  plain('decideAppeal', { appealId: itemId, result: choice(appealResults), reasonsRef: document }),
  plain('recordConsent', { party, statementRef: document }),
  plain('withdrawConsent', { party, statementRef: document, resume: procedure }),
  plain('changePath', { to: procedure, statementRef: document }),
  plain('withdrawReport', { statementRef: document }),
  plain('scheduleCheckIn', { with: party, topic: choice(checkInTopics), dueOn: day }),
  plain('recordCheckIn', { checkInId: itemId, noteRef: document, concernRaised: checkbox }),
  plain('addMeasure', { for: party, kind: choice(measureKinds), descriptionRef: document }),
  plain('endMeasure', { measureId: itemId, reason }),
  plain('skipStep', { step: itemId, reason }),
  plain('pauseDeadline', { deadline: itemId, reason }),
  plain('resumeDeadline', { deadline: itemId }),
  plain('extendDeadline', { deadline: itemId, days, reason }),
  plain('placeLegalHold', { reason }),
  plain('liftLegalHold', { reason }),
]);

export type ActionSubmission = { seen: number; action: CaseAction };

/** The action types that have a form (every one: `actionForms.test.ts` checks). */
export const actionFormTypes: readonly ActionType[] = actionFormSchema.options.map((option) => option.in.shape.type.value);
