/**
 * A case as the procedure engine sees it: its definition and state. A case arrives from intake
 * without a state; the first time it is handled, it starts on the procedure of the path the
 * reporter chose (a report withdrawn before anyone handled it starts closed as withdrawn).
 * Free text an action carries is sealed here as documents, and the engine is given `doc:<id>`.
 */
import crypto from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { DOCUMENT_MAX_CHARS, documentRef, handlingColumns, isTextField, pathKindOfReportPath } from '../../core/cases/handling.ts';
import { currentProcedures, procedureForNewCase } from '../../storage/procedureStore.ts';
import { isReportPath } from '../../core/intake/caseModel.ts';
import { newRespondentKey, openRespondentKey, sealDocument, sealRespondentKey, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { actionSchema, sameProcedure, startCase, type CaseAction, type CaseState, type ProcedureDefinition, type ProcedureRef } from '../../core/procedures/index.ts';
import { refusal, type Refusal } from '../../core/procedures/refusals.ts';
import { insertDocument, procedureDefinition, saveHandling, type CaseRow } from '../../storage/caseHandlingStore.ts';
import type { Queryable, Tx } from '../../storage/database.ts';
import { cases } from '../../storage/schema/index.ts';
import { eq } from 'drizzle-orm';
import { queuePartyNews } from './caseMail.ts';

/** The receiving organisation's procedure for the reporter's path (an adapted one, or the template). */
async function startingProcedure(db: Queryable, orgId: string | null, path: string): Promise<ProcedureDefinition> {
  const definition = await procedureForNewCase(db, orgId, pathKindOfReportPath[isReportPath(path) ? path : 'not_sure']);
  if (!definition) throw new AppError('INTERNAL');
  return definition;
}

export type HandledCase = { definition: ProcedureDefinition; state: CaseState; started: boolean };

export async function handledCase(db: Queryable, row: CaseRow): Promise<HandledCase> {
  if (row.state && row.procedureId && row.procedureVersion) {
    const definition = await procedureDefinition(db, row.procedureId, row.procedureVersion);
    if (!definition) throw new AppError('INTERNAL');
    return { definition, state: row.state as CaseState, started: false };
  }
  const definition = await startingProcedure(db, row.orgId, row.path);
  const receivedAt = row.submittedAt ?? row.createdAt;
  let state = startCase(definition, { receivedAt });
  if (row.status === 'withdrawn') state = { ...state, closure: { at: row.updatedAt.toISOString(), kind: 'withdrawn' } };
  return { definition, state, started: true };
}

/**
 * A sent report starts on the procedure of the reporter's path at once, with the staff named
 * in it recorded as conflicted (their keys are never wrapped; lists and counts leave it out).
 */
export async function beginHandling(tx: Tx, input: { caseId: string; orgId: string | null; path: string; receivedAt: Date; namedStaff: readonly string[]; now: Date }): Promise<void> {
  const definition = await startingProcedure(tx, input.orgId, input.path);
  const state = startCase(definition, { receivedAt: input.receivedAt, namedStaff: input.namedStaff });
  await saveHandling(tx, input.caseId, state, handlingColumns(definition, state, input.now), input.now);
  await queuePartyNews(tx, input.caseId, 'newReport', input.now);
}

/**
 * Where a case may move (a change of path, or the formal path an informal resolution resumes):
 * the receiving organisation's current procedure for each path, and any procedure the case
 * followed before (a resumed path continues on the version it stopped on).
 */
export async function procedureTargets(db: Queryable, row: Pick<CaseRow, 'orgId'>, state: CaseState): Promise<ProcedureDefinition[]> {
  const targets = await currentProcedures(db, row.orgId);
  for (const { procedure } of state.paths) {
    if (targets.some((target) => sameProcedure(target, procedure))) continue;
    const earlier = await procedureDefinition(db, procedure.id, procedure.version);
    if (earlier) targets.push(earlier);
  }
  return targets;
}

/** The procedure a change of path or a resumption moves the case to; undefined for any other action, or one the engine will refuse as malformed. */
function moveTarget(action: unknown): ProcedureRef | undefined {
  const parsed = actionSchema.safeParse(action);
  if (!parsed.success) return undefined;
  if (parsed.data.type === 'changePath') return parsed.data.to;
  return parsed.data.type === 'withdrawConsent' ? parsed.data.resume : undefined;
}

/**
 * A change of path or a resumption to a procedure that is not among the case's targets is
 * refused before the engine sees it (an unknown one would leave the case on a definition nobody
 * can load). Other actions cost nothing here.
 */
export async function moveProblem(db: Queryable, row: Pick<CaseRow, 'orgId'>, state: CaseState, action: unknown): Promise<Refusal | null> {
  const ref = moveTarget(action);
  if (!ref) return null;
  const targets = await procedureTargets(db, row, state);
  return targets.some((target) => sameProcedure(target, ref) && target.path === ref.path) ? null : refusal('PATH_NOT_ALLOWED', { path: ref.path });
}

/** Stores the state with its columns, on whatever procedure the state now follows. */
export async function storeHandling(tx: Tx, row: CaseRow, state: CaseState, now: Date): Promise<ProcedureDefinition> {
  const definition = await procedureDefinition(tx, state.procedure.id, state.procedure.version);
  if (!definition) throw new AppError('INTERNAL');
  await saveHandling(tx, row.id, state, handlingColumns(definition, state, now), now);
  return definition;
}

/**
 * Documents the respondent may read: what is sent to them, and what they wrote themselves.
 * These are sealed with the respondent key (staff and the reporter's side reach it through the
 * case key); everything else with the case key alone.
 */
export function readableByRespondent(action: CaseAction, field: string): boolean {
  switch (action.type) {
    case 'notifyRespondent':
      return field === 'noticeRef';
    case 'submitInvestigationReport':
      return field === 'reportRef';
    case 'issueOutcome':
      return field === 'letterRef';
    case 'decideAppeal':
      return field === 'reasonsRef';
    case 'recordAgreement':
      return field === 'agreementRef';
    case 'recordResponse':
      return field === 'statementRef';
    case 'addMeasure':
      return action.for === 'respondent' && field === 'descriptionRef';
    case 'addEvidence':
      return action.from === 'respondent' && field === 'evidenceRef';
    case 'fileAppeal':
      return action.by === 'respondent' && field === 'statementRef';
    case 'nameAdviser':
      return action.party === 'respondent' && field === 'adviserRef';
    default:
      return false;
  }
}

export type PendingDocument = { id: string; kind: string; text: string; respondent: boolean };

/**
 * Replaces every free-text field of a submitted action with a reference to a document to be
 * sealed, checking each text first (a reason needs a few words; nothing longer than a long
 * report). Values already referring to something stored (`doc:` or `att:`) are kept as given,
 * and are checked to belong to this case by `checkReferences`.
 */
export function withDocumentRefs(input: unknown): { ok: true; action: unknown; documents: PendingDocument[] } | { ok: false; refusal: Refusal } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, refusal: refusal('ACTION_INVALID', { detail: 'action' }) };
  const documents: PendingDocument[] = [];
  const action: Record<string, unknown> = {};
  const type = (input as Record<string, unknown>).type;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!isTextField(key)) {
      action[key] = value;
      continue;
    }
    const one = (text: unknown): string | Refusal | undefined => {
      if (typeof text !== 'string') return text === undefined ? undefined : refusal('ACTION_INVALID', { detail: key });
      const trimmed = text.trim();
      if (/^(doc|att):[0-9a-f-]{36}$/.test(trimmed)) return trimmed;
      if (trimmed === '') return undefined;
      if (key === 'reason' && trimmed.length < 3) return refusal('ACTION_INVALID', { detail: `${key}: a reason of a few words is required` });
      if (trimmed.length > DOCUMENT_MAX_CHARS) return refusal('ACTION_INVALID', { detail: `${key}: at most ${DOCUMENT_MAX_CHARS} characters` });
      const id = crypto.randomUUID();
      documents.push({ id, kind: `${String(type)}.${key}`, text: trimmed, respondent: false });
      return documentRef(id);
    };
    if (Array.isArray(value)) {
      const refs: string[] = [];
      for (const item of value.slice(0, 21)) {
        const made = one(item);
        if (made && typeof made === 'object') return { ok: false, refusal: made };
        if (typeof made === 'string') refs.push(made);
      }
      action[key] = refs;
    } else {
      const made = one(value);
      if (made && typeof made === 'object') return { ok: false, refusal: made };
      if (made !== undefined) action[key] = made;
    }
  }
  return { ok: true, action, documents };
}

/** The respondent key of a case, made (and sealed under the case key) the first time it is needed. */
export async function respondentKeyOf(tx: Tx, row: CaseRow, caseKey: CaseKey): Promise<Uint8Array> {
  if (row.sealedRespondentKey) return openRespondentKey(caseKey, row.id, row.sealedRespondentKey);
  const key = newRespondentKey();
  const sealed = sealRespondentKey(caseKey, row.id, key);
  await tx.update(cases).set({ sealedRespondentKey: sealed }).where(eq(cases.id, row.id));
  row.sealedRespondentKey = sealed;
  return key;
}

/**
 * The keys a document can be sealed with: staff and the reporter hold the case key (and reach the
 * respondent key through it); the respondent holds only the respondent key.
 */
export type SealingKeys = { caseKey: CaseKey } | { respondentKey: Uint8Array };

/**
 * Seals and stores the documents an accepted action referred to: with the respondent key when
 * the respondent may read it or wrote it, otherwise with the case key.
 */
export async function storeDocuments(
  tx: Tx,
  input: { row: CaseRow; keys: SealingKeys; action: CaseAction; documents: PendingDocument[]; author: { kind: 'staff'; staffId: string } | { kind: 'reporter' | 'respondent' | 'system' }; now: Date },
): Promise<void> {
  const { row, keys, action, documents, author, now } = input;
  for (const document of documents) {
    const field = document.kind.slice(document.kind.indexOf('.') + 1);
    const respondent = document.respondent || author.kind === 'respondent' || readableByRespondent(action, field);
    const key = !respondent ? caseKeyOf(keys) : 'respondentKey' in keys ? keys.respondentKey : await respondentKeyOf(tx, row, keys.caseKey);
    await insertDocument(tx, {
      id: document.id,
      caseId: row.id,
      kind: document.kind,
      sealedWith: respondent ? 'respondent' : 'case',
      sealedBody: sealDocument(key, row.id, document.id, { text: document.text }),
      authorKind: author.kind,
      authorStaffId: author.kind === 'staff' ? author.staffId : null,
      createdAt: now,
    });
  }
}

function caseKeyOf(keys: SealingKeys): CaseKey {
  // Only the respondent lacks the case key, and everything the respondent writes is sealed for them.
  if (!('caseKey' in keys)) throw new AppError('INTERNAL');
  return keys.caseKey;
}
