/**
 * A file sealed with the respondent key, downloaded by the respondent (or their adviser) from
 * the portal, or by staff from the case's respondent panel (staff reach the respondent key
 * through the case key). The box is bound to its case and file id, so a swapped file fails to
 * open; every download is audited before a byte leaves the server.
 */
import { AppError } from '../../core/errors.ts';
import { openAttachment, openAttachmentMetadata, type AttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import { readSealedFile } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { CaseRow } from '../../storage/caseQueries.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { respondentAttachment } from '../../storage/respondentStore.ts';
import { openCaseKey, type StaffMember } from '../cases/caseAccess.ts';
import { respondentKeyOf } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { readRespondentCase } from './respondentCase.ts';
import type { RespondentSession } from './respondentSessions.ts';

export type RespondentFile = { metadata: AttachmentMetadata; bytes: Uint8Array };

async function openFile(tx: Tx, row: CaseRow, respondentKey: Uint8Array, attachmentId: unknown, folder: string): Promise<RespondentFile & { id: string }> {
  const file = isCaseId(attachmentId) ? await respondentAttachment(tx, row.id, attachmentId) : undefined;
  if (!file) throw new AppError('NOT_FOUND');
  const sealed = await readSealedFile(folder, file.storageName);
  if (!sealed) throw new AppError('ATTACHMENT_MISSING');
  return {
    id: file.id,
    metadata: openAttachmentMetadata(respondentKey, row.id, file.id, file.sealedMetadata),
    bytes: openAttachment(respondentKey, row.id, file.id, sealed),
  };
}

export async function downloadRespondentFile(context: Context, session: RespondentSession, attachmentId: unknown, folder: string): Promise<RespondentFile> {
  return readRespondentCase(context, session, async (tx, row, respondentKey, now) => {
    const file = await openFile(tx, row, respondentKey, attachmentId, folder);
    await recordAudit(
      tx,
      { actorId: null, action: 'case.respondent-file-downloaded', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { attachment: file.id, by: session.kind, sha256: file.metadata.receivedSha256 } },
      now,
    );
    return { metadata: file.metadata, bytes: file.bytes };
  });
}

export async function downloadRespondentFileAsStaff(context: Context, member: StaffMember, input: { caseId: string; attachmentId: unknown; folder: string }): Promise<RespondentFile> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, input.caseId, 'case.open', now);
    if (!found.sealedRespondentKey) throw new AppError('NOT_FOUND');
    const file = await openFile(tx, found, await respondentKeyOf(tx, found, caseKey), input.attachmentId, input.folder);
    await recordAudit(
      tx,
      { actorId: member.staffId, action: 'case.attachment-downloaded', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { attachment: file.id, sha256: file.metadata.receivedSha256, sealedWith: 'respondent' } },
      now,
    );
    return { metadata: file.metadata, bytes: file.bytes };
  });
}
