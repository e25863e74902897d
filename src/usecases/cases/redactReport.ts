/**
 * Redacted versions of a report, for an investigator or for the respondent (SPEC: Case
 * handling). A handler chooses, answer by answer, what is kept and blacks out parts of text
 * answers; the rules are core/cases/redaction.ts (only marks replace text, nothing is added).
 * Each save is a new version — a `case_documents` row of kind `redaction.<audience>`, newest
 * wins — sealed with the case key for the investigator's version and with the respondent key
 * for the respondent's, so the respondent's portal can open it. The reporter's identity goes in
 * only if the reporter agreed to be named to the respondent. Every read and save is audited.
 *
 * For the case page: `reportForViewer` gives a staff member the report as they may read it
 * (the investigator's version for those who only investigate, decide or review an appeal).
 */
import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import {
  answersFor,
  readsRedactedReport,
  redactAnswers,
  type AnswerChoice,
  type RedactedReport,
  type RedactionAudience,
  type RedactionProblem,
  type ReportView,
} from '../../core/cases/redaction.ts';
import type { Answer, Answers } from '../../core/intake/answers.ts';
import { openAnswers, openDocument, openIdentity, openRespondentKey, sealDocument, type CaseKey } from '../../core/intake/caseCrypto.ts';
import type { Question } from '../../core/intake/questionnaire.ts';
import type { ReporterIdentity } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { documentsOfCase, insertDocument, lockCase, type CaseRow } from '../../storage/caseHandlingStore.ts';
import type { Queryable } from '../../storage/database.ts';
import { questionnaireById } from '../../storage/questionnaireStore.ts';
import { caseTeam, staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';
import { respondentKeyOf } from './handledCase.ts';

export const REDACTION_TITLE_MAX = 200;

/** A stored version, as listed: who made it and when. */
export type RedactionVersion = { id: string; version: number; title: string; at: Date; authorName: string | null; answers: number; identity: boolean };

export type StoredRedaction = RedactedReport & { id: string; version: number; at: Date };

export type RedactionQuestion = { question: Question; answer: Answer; editable: boolean };

export type RedactionEditor = {
  caseId: string;
  ref: number;
  audience: RedactionAudience;
  /** The answered questions in the questionnaire's order, with the full answers. */
  questions: RedactionQuestion[];
  identity: ReporterIdentity | undefined;
  /** The reporter agreed to be named to the respondent; otherwise the identity cannot go in. */
  identityAllowed: boolean;
  latest: StoredRedaction | null;
  versions: RedactionVersion[];
};

/** The case roles a staff member holds on a case now (the team as the engine last stored it). */
export async function caseRolesOf(db: Queryable, caseId: string, staffId: string): Promise<string[]> {
  const rows = await db.select({ role: caseTeam.role }).from(caseTeam).where(and(eq(caseTeam.caseId, caseId), eq(caseTeam.staffId, staffId)));
  return rows.map((row) => row.role);
}

/** Text answers can be edited; choices, date ranges and files are kept or left out whole. */
function isEditable(question: Question, answer: Answer): boolean {
  return typeof answer === 'string' && (question.type === 'text' || question.type === 'long_text' || question.type === 'date');
}

async function fullReport(db: Queryable, row: CaseRow, caseKey: CaseKey): Promise<{ questions: RedactionQuestion[]; answers: Answers; identity: ReporterIdentity | undefined }> {
  const questionnaire = await questionnaireById(db, row.questionnaireId);
  if (!questionnaire) throw new AppError('INTERNAL');
  const answers = openAnswers(caseKey, row.id, row.sealedAnswers);
  const questions = questionnaire.definition.questions.flatMap((question) => {
    const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    return answer === undefined ? [] : [{ question, answer, editable: isEditable(question, answer) }];
  });
  const identity = row.sealedIdentity ? openIdentity(caseKey, row.id, row.sealedIdentity) : undefined;
  return { questions, answers, identity };
}

function keyFor(row: CaseRow, caseKey: CaseKey, sealedWith: string): Uint8Array | undefined {
  if (sealedWith === 'case') return caseKey;
  return sealedWith === 'respondent' && row.sealedRespondentKey ? openRespondentKey(caseKey, row.id, row.sealedRespondentKey) : undefined;
}

type RedactionData = { version?: unknown; answers?: unknown; identity?: unknown };

function readRedaction(row: CaseRow, caseKey: CaseKey, document: { id: string; sealedWith: string; sealedBody: Uint8Array; createdAt: Date }): StoredRedaction | null {
  const key = keyFor(row, caseKey, document.sealedWith);
  if (!key) return null;
  const body = openDocument(key, row.id, document.id, document.sealedBody);
  const data = (body.data ?? {}) as RedactionData;
  const answers: Answers = {};
  for (const entry of Array.isArray(data.answers) ? (data.answers as { key?: unknown; answer?: unknown }[]) : []) {
    if (typeof entry.key === 'string' && entry.answer !== undefined) answers[entry.key] = entry.answer as Answer;
  }
  const named = (data.identity ?? null) as { name?: unknown; contact?: unknown } | null;
  const identity = named && typeof named === 'object' ? { name: typeof named.name === 'string' ? named.name : '', contact: typeof named.contact === 'string' ? named.contact : '' } : null;
  return { id: document.id, version: typeof data.version === 'number' ? data.version : 0, title: body.text, answers, identity, at: document.createdAt };
}

/** Every stored version for an audience, oldest first. */
async function redactionsOf(db: Queryable, row: CaseRow, caseKey: CaseKey, audience: RedactionAudience): Promise<(StoredRedaction & { authorStaffId: string | null })[]> {
  const documents = (await documentsOfCase(db, row.id)).filter((document) => document.kind === `redaction.${audience}`);
  return documents
    .flatMap((document) => {
      const read = readRedaction(row, caseKey, document);
      return read ? [{ ...read, authorStaffId: document.authorStaffId }] : [];
    })
    .sort((a, b) => a.version - b.version || a.at.getTime() - b.at.getTime());
}

/** The newest redacted version for an audience, or null. */
export async function latestRedaction(db: Queryable, row: CaseRow, caseKey: CaseKey, audience: RedactionAudience): Promise<StoredRedaction | null> {
  const all = await redactionsOf(db, row, caseKey, audience);
  const newest = all.at(-1);
  if (!newest) return null;
  const { authorStaffId: _author, ...redaction } = newest;
  return redaction;
}

/** Only someone who may read the full report may make a redacted one. */
async function requireFullReader(db: Queryable, row: CaseRow, member: StaffMember): Promise<void> {
  if (readsRedactedReport(await caseRolesOf(db, row.id, member.staffId))) throw new AppError('CASE_REPORT_REDACTED');
}

/** The redaction form: the full answers, and the versions made so far. */
export async function openRedactionEditor(context: Context, member: StaffMember, caseId: string, audience: RedactionAudience): Promise<RedactionEditor> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.act', now);
    await requireFullReader(tx, found, member);
    const report = await fullReport(tx, found, caseKey);
    const stored = await redactionsOf(tx, found, caseKey, audience);
    const authors = [...new Set(stored.flatMap((version) => (version.authorStaffId ? [version.authorStaffId] : [])))];
    const names = new Map(authors.length === 0 ? [] : (await tx.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, authors))).map((person) => [person.id, person.name]));
    await recordAudit(tx, { actorId: member.staffId, action: 'case.redaction-opened', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { audience } }, now);
    return {
      caseId: found.id,
      ref: found.ref,
      audience,
      questions: report.questions,
      identity: report.identity,
      identityAllowed: identityAllowed(found, report.identity),
      latest: stored.at(-1) ?? null,
      versions: stored
        .map((version) => ({
          id: version.id,
          version: version.version,
          title: version.title,
          at: version.at,
          authorName: version.authorStaffId ? (names.get(version.authorStaffId) ?? null) : null,
          answers: Object.keys(version.answers).length,
          identity: version.identity !== null,
        }))
        .reverse(),
    };
  });
}

/** SPEC: only a reporter who agreed to be named to the respondent may be named in a redacted version. */
function identityAllowed(row: CaseRow, identity: ReporterIdentity | undefined): boolean {
  return row.identityMode === 'named' && identity !== undefined && (identity.name !== '' || identity.contact !== '');
}

export type RedactionInput = { title: unknown; includeIdentity: boolean; choices: Record<string, AnswerChoice> };

export type RedactionProblems = { answers: Record<string, RedactionProblem>; title?: 'required' | 'tooLong'; identity?: 'notAllowed' };

export type RedactOutcome = { ok: true; documentId: string; version: number } | { ok: false; problems: RedactionProblems };

export async function redactReport(context: Context, member: StaffMember, caseId: string, audience: RedactionAudience, input: RedactionInput): Promise<RedactOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx): Promise<RedactOutcome> => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.act', now);
    // The lock orders two saves (their version numbers) and the making of the respondent key.
    const row = await lockCase(tx, found.id);
    if (!row) throw new AppError('NOT_FOUND');
    await requireFullReader(tx, row, member);
    const report = await fullReport(tx, row, caseKey);
    const problems: RedactionProblems = { answers: {} };
    const title = typeof input.title === 'string' ? input.title.trim() : '';
    if (title === '') problems.title = 'required';
    else if (title.length > REDACTION_TITLE_MAX) problems.title = 'tooLong';
    if (input.includeIdentity && !identityAllowed(row, report.identity)) problems.identity = 'notAllowed';
    const editable = new Set(report.questions.filter((entry) => entry.editable).map((entry) => entry.question.id));
    const redacted = redactAnswers(report.answers, editable, input.choices);
    if (!redacted.ok) problems.answers = redacted.problems;
    if (!redacted.ok || problems.title || problems.identity) return { ok: false, problems };

    const previous = await redactionsOf(tx, row, caseKey, audience);
    const version = (previous.at(-1)?.version ?? 0) + 1;
    const order = report.questions.map((entry) => entry.question.id).filter((id) => Object.hasOwn(redacted.answers, id));
    const data = {
      version,
      answers: order.map((key) => ({ key, answer: redacted.answers[key] })),
      identity: input.includeIdentity ? (report.identity ?? null) : null,
    };
    const key = audience === 'respondent' ? await respondentKeyOf(tx, row, caseKey) : caseKey;
    const documentId = crypto.randomUUID();
    await insertDocument(tx, {
      id: documentId,
      caseId: row.id,
      kind: `redaction.${audience}`,
      sealedWith: audience === 'respondent' ? 'respondent' : 'case',
      sealedBody: sealDocument(key, row.id, documentId, { text: title, data }),
      authorKind: 'staff',
      authorStaffId: member.staffId,
      createdAt: now,
    });
    await recordAudit(
      tx,
      {
        actorId: member.staffId,
        action: 'case.redaction-saved',
        subjectType: 'case',
        subjectId: row.id,
        orgId: row.orgId,
        details: { audience, documentId, version, answers: order.length, of: report.questions.length, identity: input.includeIdentity },
      },
      now,
    );
    return { ok: true, documentId, version };
  });
}

/**
 * The report as this staff member may read it, for the case page (call inside the transaction
 * that opened the case key): full for handlers; the investigator's version, if one exists, for
 * those whose only part is investigating, deciding or reviewing an appeal.
 */
export async function reportForViewer(db: Queryable, input: { row: CaseRow; caseKey: CaseKey; staffId: string }): Promise<ReportView & { redactionId: string | null }> {
  const { row, caseKey, staffId } = input;
  const roles = await caseRolesOf(db, row.id, staffId);
  const answers = openAnswers(caseKey, row.id, row.sealedAnswers);
  const identity = row.sealedIdentity ? openIdentity(caseKey, row.id, row.sealedIdentity) : undefined;
  const redaction = readsRedactedReport(roles) ? await latestRedaction(db, row, caseKey, 'investigator') : null;
  return { ...answersFor(roles, { answers, identity }, redaction), redactionId: redaction?.id ?? null };
}
