/**
 * A handler downloads an evidence file: the file is read from disk, opened with the case key
 * (its box is bound to this case and attachment, so a swapped file fails to open) and the
 * download is audited ('case.attachment-downloaded') before a byte leaves the server.
 */
import { AppError } from '../../core/errors.ts';
import { openAttachment, openAttachmentMetadata, type AttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import { attachmentOfCase, readSealedFile } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

export type DownloadedAttachment = { metadata: AttachmentMetadata; bytes: Uint8Array };

export async function downloadAttachment(context: Context, member: StaffMember, input: { caseId: string; attachmentId: string; folder: string }): Promise<DownloadedAttachment> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, input.caseId, 'case.open');
    const row = await attachmentOfCase(tx, found.id, input.attachmentId);
    if (!row) throw new AppError('NOT_FOUND');
    const sealed = await readSealedFile(input.folder, row.storageName);
    if (!sealed) throw new AppError('ATTACHMENT_MISSING');
    const metadata = openAttachmentMetadata(caseKey, found.id, row.id, row.sealedMetadata);
    const bytes = openAttachment(caseKey, found.id, row.id, sealed);
    await recordAudit(
      tx,
      { actorId: member.staffId, action: 'case.attachment-downloaded', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { attachment: row.id, sha256: metadata.receivedSha256 } },
      now,
    );
    return { metadata, bytes };
  });
}
