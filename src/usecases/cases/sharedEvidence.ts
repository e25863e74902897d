/**
 * The evidence shared for the review, as both parties read it: every shared item is sealed with
 * the respondent key (a copy of a case-key item, or the respondent's own), so the respondent
 * opens it with the key their session holds and the reporter with the respondent key their case
 * key opens. Only items recorded as shared are listed or downloadable — an unshared statement
 * or file never reaches either side through here. The reporter's downloads are audited.
 */
import { AppError } from '../../core/errors.ts';
import { openAttachment, openAttachmentMetadata, openDocument, openRespondentKey, type AttachmentMetadata, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { respondentTimeline, type RespondentTimeline } from '../../core/respondent/portalView.ts';
import { readSealedFile } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseById, isCaseId, type CaseRow } from '../../storage/caseQueries.ts';
import { inSequence, type Queryable } from '../../storage/database.ts';
import { sharesOfCase } from '../../storage/evidenceShareStore.ts';
import { respondentAttachments, respondentDocuments } from '../../storage/respondentStore.ts';
import type { Context } from '../context.ts';
import { sessionCaseKey, type ReporterSession } from '../intake/reporterSessions.ts';
import { handledCase } from './handledCase.ts';

/** A shared item as the parties see it: `id` is the respondent-sealed file or document. */
export type SharedItem =
  | { kind: 'file'; id: string; name: string; size: number; fromRespondent: boolean; at: Date }
  | { kind: 'document'; id: string; text: string; fromRespondent: boolean; at: Date };

export type EvidenceForReview = { review: RespondentTimeline['evidenceReview']; items: SharedItem[] };

/** The shared items, in the order they were shared, opened with the respondent key. */
export async function sharedEvidence(db: Queryable, caseId: string, respondentKey: Uint8Array): Promise<SharedItem[]> {
  const [shares, files, documents] = await inSequence([() => sharesOfCase(db, caseId), () => respondentAttachments(db, caseId), () => respondentDocuments(db, caseId)]);
  return shares.flatMap((share): SharedItem[] => {
    const id = share.copyId ?? share.sourceId;
    const fromRespondent = share.copyId === null;
    if (share.sourceKind === 'file') {
      const file = files.find((candidate) => candidate.id === id);
      if (!file) return [];
      const { name } = openAttachmentMetadata(respondentKey, caseId, file.id, file.sealedMetadata);
      return [{ kind: 'file', id, name, size: file.sizeBytes, fromRespondent, at: share.sharedAt }];
    }
    const document = documents.find((candidate) => candidate.id === id);
    if (!document) return [];
    return [{ kind: 'document', id, text: openDocument(respondentKey, caseId, id, document.sealedBody).text, fromRespondent, at: share.sharedAt }];
  });
}

/** The evidence-review section of either party's page; null before anything was shared or the review opened. */
export async function evidenceForReview(db: Queryable, row: CaseRow, respondentKey: Uint8Array | null, now: Date): Promise<EvidenceForReview | null> {
  const { definition, state } = await handledCase(db, row);
  const review = respondentTimeline(definition, state, now).evidenceReview;
  const items = respondentKey ? await sharedEvidence(db, row.id, respondentKey) : [];
  return review === null && items.length === 0 ? null : { review, items };
}

/** The reporter's side: the respondent key through the case key the reporter's session holds. */
export function reporterRespondentKey(row: CaseRow, caseKey: CaseKey): Uint8Array | null {
  return row.sealedRespondentKey ? openRespondentKey(caseKey, row.id, row.sealedRespondentKey) : null;
}

export type SharedFile = { metadata: AttachmentMetadata; bytes: Uint8Array };

/** The reporter downloads a shared file; anything not shared for the review is not found. */
export async function downloadSharedEvidence(context: Context, session: ReporterSession, attachmentId: unknown, folder: string): Promise<SharedFile> {
  const now = context.clock();
  const caseKey = await sessionCaseKey(context.db, session);
  if (!caseKey) throw new AppError('FOLLOW_UP_ENDED');
  return context.db.transaction(async (tx) => {
    const row = await caseById(tx, session.caseId);
    if (!row) throw new AppError('FOLLOW_UP_ENDED');
    const respondentKey = reporterRespondentKey(row, caseKey);
    const shared = respondentKey && isCaseId(attachmentId) ? (await sharedEvidence(tx, row.id, respondentKey)).find((item) => item.kind === 'file' && item.id === attachmentId) : undefined;
    const file = shared ? (await respondentAttachments(tx, row.id)).find((candidate) => candidate.id === shared.id) : undefined;
    if (!respondentKey || !file) throw new AppError('NOT_FOUND');
    const sealed = await readSealedFile(folder, file.storageName);
    if (!sealed) throw new AppError('ATTACHMENT_MISSING');
    const metadata = openAttachmentMetadata(respondentKey, row.id, file.id, file.sealedMetadata);
    const bytes = openAttachment(respondentKey, row.id, file.id, sealed);
    await recordAudit(
      tx,
      { actorId: null, action: 'case.reporter-evidence-downloaded', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { attachment: file.id, sha256: metadata.receivedSha256 } },
      now,
    );
    return { metadata, bytes };
  });
}
