/**
 * The case work around the procedure, as staff read it on the case page: internal notes,
 * labels and category, linked cases, referrals to outside services, the evidence log with its
 * chain of custody, and the break-glass grants on the case. Everything sealed is opened with the
 * case key the caller's `CaseAccess` holds; nothing here is ever shown to a party.
 *
 * `readCaseWork` runs inside the caller's transaction, after the caller's no-conflict gate, and
 * the caller audits the read (`case.viewed`); a read made through break-glass access is audited
 * here as a use of it. The verbs open the case with `openForCaseWork`, the same gate.
 */
import crypto from 'node:crypto';
import { AppError, isAppError } from '../../core/errors.ts';
import { caseCategories } from '../../core/cases/caseWorkInput.ts';
import { documentIdOf } from '../../core/cases/handling.ts';
import { openAttachmentMetadata, openDocument, openRespondentKey, sealDocument, type AttachmentMetadata, type CaseDocumentBody } from '../../core/intake/caseCrypto.ts';
import type { CaseStatus } from '../../core/intake/caseModel.ts';
import type { CaseState, Evidence } from '../../core/procedures/caseState.ts';
import type { Party } from '../../core/procedures/vocabulary.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { insertDocument } from '../../storage/caseHandlingStore.ts';
import { statusOf, type CaseRow } from '../../storage/caseQueries.ts';
import {
  attachmentsWithCustody,
  breakGlassOfCase,
  documentsByIds,
  documentsOfKinds,
  linkedCasesOf,
  staffAddedAttachments,
  staffNames,
  type AuthoredDocumentRow,
} from '../../storage/caseWorkQueries.ts';
import type { Tx } from '../../storage/database.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type CaseAccess, type StaffMember } from './caseAccess.ts';
import { handledCase } from './handledCase.ts';

/** Document kinds this work writes (sealed with the case key, never readable by a party). */
export const caseWorkDocumentKinds = { note: 'note', referral: 'referral', breakGlassReason: 'breakGlassReason' } as const;

export type CaseNote = { id: string; text: string; authorName: string | null; at: Date };

export type LinkedCase = { id: string; ref: number; status: CaseStatus };

export type CaseReferral = {
  id: string;
  service: string;
  referredOn: string;
  party: Party;
  consent: 'yes' | 'no';
  what: string;
  authorName: string | null;
  at: Date;
};

/** Who a file or a record came from. */
export type EvidenceSource = 'reporter' | 'respondent' | 'staff' | 'investigation';

/** A file on the case, with what was recorded when it arrived (SHA-256, size, type) and who brought it. */
export type EvidenceFileEntry = AttachmentMetadata & {
  entry: 'file';
  id: string;
  at: Date;
  storedSize: number;
  from: EvidenceSource;
  /** The staff member who attached it, when staff did. */
  byName: string | null;
};

/** A piece of evidence recorded in the procedure: a document or a witness, from either party or the investigation. */
export type EvidenceRecordEntry = {
  entry: 'record';
  id: string;
  at: Date;
  from: Evidence['from'];
  kind: Evidence['kind'];
  /** The recorded description or statement, when the reference is a document of the case. */
  text: string | null;
  /** The evidence file it refers to, when it refers to one. */
  attachment: { id: string; name: string } | null;
  /** Who recorded it: a staff member's name, or the party itself. */
  recordedBy: { kind: 'staff'; name: string | null } | { kind: 'reporter' | 'respondent' | 'system' };
};

export type EvidenceLogEntry = EvidenceFileEntry | EvidenceRecordEntry;

export type BreakGlassEntry = {
  id: string;
  staffName: string | null;
  mine: boolean;
  startedAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  live: boolean;
  reason: string | null;
};

export type CaseWork = {
  caseId: string;
  ref: number;
  notes: CaseNote[];
  labels: string[];
  category: string | null;
  /** The vocabulary the category is chosen from. */
  categories: readonly string[];
  links: LinkedCase[];
  referrals: CaseReferral[];
  evidence: EvidenceLogEntry[];
  breakGlass: BreakGlassEntry[];
  /** The reader's own live break-glass access, when that is how they opened the case. */
  viewerBreakGlass: { expiresAt: Date } | null;
};

export async function readCaseWork(tx: Tx, access: CaseAccess, member: StaffMember, now: Date): Promise<CaseWork> {
  const { found } = access;
  const documents = await documentsOfKinds(tx, found.id, Object.values(caseWorkDocumentKinds));
  const open = documentOpener(access);
  const glass = await breakGlassOfCase(tx, found.id);
  const reasons = new Map(documents.filter((row) => row.kind === caseWorkDocumentKinds.breakGlassReason).map((row) => [row.id, open(row).text]));
  const breakGlass = glass.map((row) => ({
    id: row.id,
    staffName: row.staffName,
    mine: row.staffId === member.staffId,
    startedAt: row.createdAt,
    expiresAt: row.expiresAt,
    endedAt: row.endedAt,
    live: row.endedAt === null && row.expiresAt > now,
    reason: row.reasonDocumentId ? (reasons.get(row.reasonDocumentId) ?? null) : null,
  }));
  const viewer = breakGlass.find((entry) => entry.mine && entry.live);
  if (access.breakGlass) await auditCaseWork(tx, { member, row: found, action: 'case.break-glass-used', details: { read: 'case work' }, now });
  return {
    caseId: found.id,
    ref: found.ref,
    notes: documents.filter((row) => row.kind === caseWorkDocumentKinds.note).map((row) => ({ id: row.id, text: open(row).text, authorName: row.authorName, at: row.createdAt })),
    labels: found.labels,
    category: found.category,
    categories: caseCategories,
    links: await visibleLinks(tx, member, found.id, now),
    referrals: documents.filter((row) => row.kind === caseWorkDocumentKinds.referral).flatMap((row) => referralOf(row, open(row))),
    evidence: await evidenceLog(tx, access),
    breakGlass,
    viewerBreakGlass: viewer ? { expiresAt: viewer.expiresAt } : null,
  };
}

/**
 * The case opened for case work, as the case page opens it: only once the member has declared
 * that they have no conflict of interest (SPEC: every handler declares on first opening a case).
 */
export async function openForCaseWork(tx: Tx, member: StaffMember, caseId: string, action: 'case.open' | 'case.act', now: Date): Promise<CaseAccess> {
  const access = await openCaseKey(tx, member, caseId, action, now);
  if (!(await hasDeclared(tx, access, member))) throw new AppError('CASE_CONFLICT_UNDECLARED');
  return access;
}

export async function hasDeclared(tx: Tx, access: CaseAccess, member: StaffMember): Promise<boolean> {
  const { state } = await handledCase(tx, access.found);
  return state.noConflictDeclared.includes(member.staffId);
}

/**
 * The case work on a page of its own (shown again with a form's problem): the case opened for
 * reading and the read audited, in one transaction.
 */
export async function openCaseWork(context: Context, member: StaffMember, caseId: string): Promise<CaseWork> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.open', now);
    await auditCaseWork(tx, { member, row: access.found, action: 'case.viewed', breakGlass: access.breakGlass, now });
    return readCaseWork(tx, access, member, now);
  });
}

/** Opens a document with the case key, or with the respondent key (which the case key opens) when it was sealed for the respondent. */
function documentOpener(access: CaseAccess): (row: Pick<AuthoredDocumentRow, 'id' | 'sealedWith' | 'sealedBody'>) => { text: string; data?: unknown } {
  const { found, caseKey } = access;
  let respondentKey: Uint8Array | undefined;
  return (row) => {
    if (row.sealedWith !== 'respondent') return openDocument(caseKey, found.id, row.id, row.sealedBody);
    if (!found.sealedRespondentKey) throw new AppError('INTERNAL');
    respondentKey ??= openRespondentKey(caseKey, found.id, found.sealedRespondentKey);
    return openDocument(respondentKey, found.id, row.id, row.sealedBody);
  };
}

function referralOf(row: AuthoredDocumentRow, body: { text: string; data?: unknown }): CaseReferral[] {
  const data = (body.data ?? {}) as Record<string, unknown>;
  const party = data.party === 'respondent' ? 'respondent' : data.party === 'reporter' ? 'reporter' : undefined;
  if (typeof data.service !== 'string' || typeof data.referredOn !== 'string' || !party) return [];
  return [
    {
      id: row.id,
      service: data.service,
      referredOn: data.referredOn,
      party,
      consent: data.consent === 'yes' ? 'yes' : 'no',
      what: body.text,
      authorName: row.authorName,
      at: row.createdAt,
    },
  ];
}

/**
 * Linked cases the reader may open themselves. A link to a case they may not open is left out
 * entirely (not even counted): its number and status would tell them something about it.
 */
async function visibleLinks(tx: Tx, member: StaffMember, caseId: string, now: Date): Promise<LinkedCase[]> {
  const visible: LinkedCase[] = [];
  for (const row of await linkedCasesOf(tx, caseId)) {
    if (await openCaseKeyIfAllowed(tx, member, row.id, 'case.open', now)) visible.push({ id: row.id, ref: row.ref, status: statusOf(row) });
  }
  return visible;
}

/**
 * The case opened for the member, or undefined where `openCaseKey` answers NOT_FOUND (unknown,
 * forbidden, conflicted alike): the policy stays in one place.
 */
export async function openCaseKeyIfAllowed(tx: Tx, member: StaffMember, caseId: string, action: 'case.open' | 'case.act', now: Date): Promise<CaseAccess | undefined> {
  try {
    return await openCaseKey(tx, member, caseId, action, now);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Every piece of evidence on the case, oldest first: the files (with the metadata sealed at
 * receipt and who brought each: the reporter at intake or with a message, the respondent, or the
 * staff member the audit log names) and the evidence recorded in the procedure.
 */
async function evidenceLog(tx: Tx, access: CaseAccess): Promise<EvidenceLogEntry[]> {
  const { found, caseKey } = access;
  const rows = await attachmentsWithCustody(tx, found.id);
  const addedByStaff = await staffAddedAttachments(tx, found.id);
  const files: EvidenceFileEntry[] = rows.map((row) => {
    const staffAdded = addedByStaff.get(row.id);
    const from: EvidenceSource = staffAdded ? 'staff' : row.messageAuthorKind === 'respondent' ? 'respondent' : row.messageAuthorKind === 'staff' ? 'staff' : 'reporter';
    return {
      ...openAttachmentMetadata(caseKey, found.id, row.id, row.sealedMetadata),
      entry: 'file',
      id: row.id,
      at: row.createdAt,
      storedSize: row.sizeBytes,
      from,
      byName: staffAdded?.name ?? null,
    };
  });
  const records = await evidenceRecords(tx, access, files);
  return [...files, ...records].sort((a, b) => a.at.getTime() - b.at.getTime());
}

async function evidenceRecords(tx: Tx, access: CaseAccess, files: readonly EvidenceFileEntry[]): Promise<EvidenceRecordEntry[]> {
  const state = stateOf(access.found);
  if (!state || state.evidence.length === 0) return [];
  const documentIds = state.evidence.flatMap((item) => {
    const id = documentIdOf(item.evidenceRef);
    return id ? [id] : [];
  });
  const open = documentOpener(access);
  const texts = new Map((await documentsByIds(tx, access.found.id, documentIds)).map((row) => [row.id, open(row).text]));
  const recorders = state.history.flatMap((entry) => (entry.action.type === 'addEvidence' ? [{ at: entry.at, ref: entry.action.evidenceRef, by: entry.by }] : []));
  const names = await staffNames(
    tx,
    recorders.flatMap((recorder) => (recorder.by.kind === 'staff' ? [recorder.by.staffId] : [])),
  );
  return state.evidence.map((item) => {
    const documentId = documentIdOf(item.evidenceRef);
    const attachmentId = item.evidenceRef.startsWith('att:') ? item.evidenceRef.slice(4) : null;
    const attachment = attachmentId ? files.find((file) => file.id === attachmentId) : undefined;
    const by = recorders.find((recorder) => recorder.ref === item.evidenceRef && recorder.at === item.at)?.by;
    return {
      entry: 'record',
      id: item.id,
      at: new Date(item.at),
      from: item.from,
      kind: item.kind,
      text: documentId ? (texts.get(documentId) ?? null) : null,
      attachment: attachment ? { id: attachment.id, name: attachment.name } : null,
      recordedBy: !by ? { kind: 'system' } : by.kind === 'staff' ? { kind: 'staff', name: names.get(by.staffId) ?? null } : { kind: by.kind },
    };
  });
}

function stateOf(row: CaseRow): CaseState | null {
  return row.state && typeof row.state === 'object' ? (row.state as CaseState) : null;
}

/** What a case-work verb answers: done, or the form field at fault with a message key (nothing written). */
export type CaseWorkOutcome = { ok: true } | { ok: false; field: string; messageKey: string };

/** Seals a text written by staff (with optional structured data) as a document of the case, under the case key. */
export async function storeStaffDocument(
  tx: Tx,
  input: { access: CaseAccess; member: StaffMember; kind: string; body: CaseDocumentBody; now: Date },
): Promise<string> {
  const { found, caseKey } = input.access;
  const id = crypto.randomUUID();
  await insertDocument(tx, {
    id,
    caseId: found.id,
    kind: input.kind,
    sealedWith: 'case',
    sealedBody: sealDocument(caseKey, found.id, id, input.body),
    authorKind: 'staff',
    authorStaffId: input.member.staffId,
    createdAt: input.now,
  });
  return id;
}

/** The audit entry of a case-work write, marked when it was made through break-glass access. */
export async function auditCaseWork(
  tx: Tx,
  input: { member: StaffMember; row: Pick<CaseRow, 'id' | 'orgId'>; action: string; details?: Record<string, unknown>; breakGlass?: boolean; now: Date },
): Promise<void> {
  await recordAudit(
    tx,
    {
      actorId: input.member.staffId,
      action: input.action,
      subjectType: 'case',
      subjectId: input.row.id,
      orgId: input.row.orgId,
      details: { ...input.details, ...(input.breakGlass ? { breakGlass: true } : {}) },
    },
    input.now,
  );
}
