/**
 * Redacted versions of a report (SPEC: for sharing with an investigator or the respondent), pure.
 * A redaction may leave answers out and black out parts of a text answer, and nothing else: the
 * edited text must come from the original by replacing runs of it with a redaction mark ("█" or
 * "[redacted]"). Invariant: every piece of an accepted text between two marks is a piece of the
 * original, in the original's order, and every removal shows as a mark — so a redaction can hide
 * what was said but never put words in the reporter's mouth, whether by adding text, by gluing
 * the halves of two words together, or by silently cutting "It is not true that" off a sentence.
 *
 * Who reads which version: staff whose only part in the case is investigating, deciding or
 * reviewing an appeal read the investigator's version when there is one, and never the
 * reporter's identity unless that version includes it. The case file export (PDF) follows the
 * same rules for its three versions.
 */
import type { Answers } from '../intake/answers.ts';
import { actionSchema } from '../procedures/actions.ts';
import type { ReporterIdentity } from '../intake/reportForm.ts';

export const redactionAudiences = ['investigator', 'respondent'] as const;
export type RedactionAudience = (typeof redactionAudiences)[number];

export function isRedactionAudience(value: unknown): value is RedactionAudience {
  return typeof value === 'string' && (redactionAudiences as readonly string[]).includes(value);
}

/** The two ways to mark a removed part; anything else typed into a redacted text is new text. */
export const redactionMarks = ['█', '[redacted]'] as const;
const MARKS = /█|\[redacted\]/;

/** A stored redaction: the answers kept (text answers as redacted) and the identity if included. */
export type RedactedReport = { title: string; answers: Answers; identity: ReporterIdentity | null };

export type RedactionProblem =
  /** A piece of the edited text is not in the original (at that place): new or moved text. */
  | { code: 'notInOriginal'; piece: string }
  /** Text was removed from the beginning or the end without a mark in its place. */
  | { code: 'unmarkedCut'; piece: string };

export type RedactionCheck = { ok: true; text: string } | { ok: false; problem: RedactionProblem };

/** Line breaks as a textarea sends them vary; the comparison is on normalised text. */
export function normaliseRedactionText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/** The pieces of text between (and around) the marks, empty ones included. */
export function piecesBetweenMarks(text: string): string[] {
  return text.split(new RegExp(MARKS.source, 'g'));
}

/** Checks an edited answer against its original; on success gives the text to store. */
export function checkRedaction(original: string, edited: string): RedactionCheck {
  const source = normaliseRedactionText(original);
  const text = normaliseRedactionText(edited);
  const pieces = piecesBetweenMarks(text);
  let cursor = 0;
  for (const [index, piece] of pieces.entries()) {
    if (piece === '') continue;
    const at = source.indexOf(piece, cursor);
    if (at === -1) return { ok: false, problem: { code: 'notInOriginal', piece: shorten(piece) } };
    // With no mark before the first piece or after the last, nothing may be missing there.
    const first = index === 0;
    const last = index === pieces.length - 1;
    const endAt = source.length - piece.length;
    const cut = (first && at !== 0) || (last && (!source.endsWith(piece) || endAt < cursor || (first && endAt !== 0)));
    if (cut) return { ok: false, problem: { code: 'unmarkedCut', piece: shorten(piece) } };
    // The earliest place is the best choice: it leaves the most of the original for the pieces after.
    cursor = at + piece.length;
  }
  return { ok: true, text };
}

function shorten(piece: string): string {
  const trimmed = piece.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
}

/** What staff chose for one answer: keep it or not, and for a text answer the edited text. */
export type AnswerChoice = { include: boolean; text?: string | undefined };

export type RedactAnswers = { ok: true; answers: Answers } | { ok: false; problems: Record<string, RedactionProblem> };

/**
 * Applies the choices to the full answers: answers left out (or not mentioned) are dropped; a
 * kept text answer takes its edited text, checked against the original (emptied: left out);
 * other answers (choices, date ranges, files) are kept or left out whole.
 */
export function redactAnswers(full: Answers, editable: ReadonlySet<string>, choices: Readonly<Record<string, AnswerChoice>>): RedactAnswers {
  const answers: Answers = {};
  const problems: Record<string, RedactionProblem> = {};
  for (const [key, original] of Object.entries(full)) {
    const choice = Object.hasOwn(choices, key) ? choices[key] : undefined;
    if (!choice?.include) continue;
    if (!editable.has(key) || typeof original !== 'string' || choice.text === undefined) {
      answers[key] = original;
      continue;
    }
    const checked = checkRedaction(original, choice.text);
    if (!checked.ok) problems[key] = checked.problem;
    else if (checked.text !== '') answers[key] = checked.text;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, answers };
}

/** Case roles whose holders read the investigator's version of the report when there is one. */
const redactedReaderRoles: ReadonlySet<string> = new Set(['investigator', 'decision_maker', 'appeal_reviewer']);

/**
 * Whether someone with these case roles reads the redacted report: they take part only as
 * investigator, decision-maker or appeal reviewer. Handlers (and staff not on the team, whom the
 * policy let open the case) read the full report.
 */
export function readsRedactedReport(caseRoles: readonly string[]): boolean {
  return caseRoles.length > 0 && caseRoles.every((role) => redactedReaderRoles.has(role));
}

export type ReportView = { answers: Answers; identity: ReporterIdentity | undefined; redacted: boolean };

/**
 * The report as this viewer reads it. A redacted reader sees the investigator's version if one
 * exists, with the identity only if that version includes it; without one, the answers in full
 * but never the identity (SPEC: a confidential reporter is known only to the handlers).
 */
export function answersFor(
  viewerCaseRoles: readonly string[],
  full: { answers: Answers; identity: ReporterIdentity | undefined },
  redaction: RedactedReport | null,
): ReportView {
  if (!readsRedactedReport(viewerCaseRoles)) return { answers: full.answers, identity: full.identity, redacted: false };
  if (!redaction) return { answers: full.answers, identity: undefined, redacted: false };
  return { answers: redaction.answers, identity: redaction.identity ?? undefined, redacted: true };
}

/** The versions of the case file (PDF). */
export const caseFileVersions = ['full', 'investigator', 'respondent'] as const;
export type CaseFileVersion = (typeof caseFileVersions)[number];

export function isCaseFileVersion(value: unknown): value is CaseFileVersion {
  return typeof value === 'string' && (caseFileVersions as readonly string[]).includes(value);
}

/** Every action type of the engine: the documents of the procedure are `<action type>.<field>`. */
const actionTypes: ReadonlySet<string> = new Set(actionSchema.options.map((option) => option.shape.type.value));

/**
 * Which case documents a version of the case file carries. Internal notes never; redactions are
 * the answers section, not documents; reasons appear beside their action in the history of the
 * full version only. The full version carries the rest (case work such as referrals included);
 * the investigator's only the procedure's own documents (notices, statements, reports, letters…);
 * the respondent's only what the respondent may read (sealed for them).
 */
export function documentInCaseFile(version: CaseFileVersion, document: { kind: string; sealedWith: string }): boolean {
  const { kind } = document;
  if (kind === 'note' || kind.startsWith('note.') || kind.startsWith('redaction.') || kind.endsWith('.reason')) return false;
  if (version === 'full') return true;
  const [type = '', field] = kind.split('.');
  const procedural = field !== undefined && actionTypes.has(type);
  return procedural && (version === 'investigator' || document.sealedWith === 'respondent');
}

/** Reasons given for actions (skips, pauses, conflicts…) are written out in the full version only. */
export function reasonsInCaseFile(version: CaseFileVersion): boolean {
  return version === 'full';
}

/** Actions on the reporter's care and private choices, which the respondent's version leaves out. */
const reporterSideActions: ReadonlySet<string> = new Set(['allowRespondentContact', 'revokeRespondentContact', 'requestSafetyException', 'approveSafetyException', 'recordConflict']);

type HistoryAction = { type: string; for?: unknown; with?: unknown; party?: unknown; checkInId?: unknown; measureId?: unknown };
type CareRecords = { checkIns: readonly { id: string; with: string }[]; measures: readonly { id: string; for: string }[] };

/**
 * Which history entries a version of the case file lists. The full and investigator versions
 * list every accepted action. The respondent's leaves out what concerns only the reporter's
 * side: their consent to contact (and the safety exception that stands in for it), conflicts
 * recorded among staff, the reporter's adviser, and measures and check-ins for the reporter.
 */
export function historyEntryInCaseFile(version: CaseFileVersion, action: HistoryAction, care: CareRecords): boolean {
  if (version !== 'respondent') return true;
  if (reporterSideActions.has(action.type)) return false;
  const party = action.for ?? action.with ?? action.party;
  if (party === 'reporter' && ['addMeasure', 'scheduleCheckIn', 'nameAdviser'].includes(action.type)) return false;
  if (action.type === 'recordCheckIn') return care.checkIns.find((checkIn) => checkIn.id === action.checkInId)?.with === 'respondent';
  if (action.type === 'endMeasure') return care.measures.find((measure) => measure.id === action.measureId)?.for === 'respondent';
  return true;
}

/** Check-ins with the reporter are no deadline of the respondent's version. */
export function deadlineInCaseFile(version: CaseFileVersion, deadline: { kind: string; id: string }, care: CareRecords): boolean {
  if (version !== 'respondent' || deadline.kind !== 'checkIn') return true;
  return care.checkIns.find((checkIn) => checkIn.id === deadline.id)?.with === 'respondent';
}
