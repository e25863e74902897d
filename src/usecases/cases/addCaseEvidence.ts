/**
 * A handler attaches evidence to a case (a document received by post, a recording made at a
 * meeting): the same checks, cleaning and sealing as a reporter's files, recorded in one
 * transaction with its audit entry; a refused upload stores nothing.
 */
import { AppError } from '../../core/errors.ts';
import type { EvidenceProblem } from '../../core/intake/evidence.ts';
import { storedBytesOfCase } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Context } from '../context.ts';
import { prepareEvidence, recordEvidence, sealEvidence, withEvidenceFiles, type Upload } from '../intake/evidenceUploads.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

export type EvidenceOutcome = { ok: true; count: number } | { ok: false; problem: EvidenceProblem | { code: 'noFile' } };

export async function addCaseEvidence(context: Context, member: StaffMember, input: { caseId: string; uploads: readonly Upload[]; folder: string }): Promise<EvidenceOutcome> {
  // Access first: a refused case answers NOT_FOUND before anything about the files is said.
  const { found, caseKey } = await openCaseKey(context.db, member, input.caseId, 'case.reply');
  const prepared = await prepareEvidence(input.uploads, await storedBytesOfCase(context.db, found.id));
  if (!prepared.ok) return { ok: false, problem: prepared.problem };
  if (prepared.files.length === 0) return { ok: false, problem: { code: 'noFile' } };
  const sealed = sealEvidence(caseKey, found.id, prepared.files);
  const now = context.clock();
  await withEvidenceFiles(input.folder, sealed, () =>
    context.db.transaction(async (tx) => {
      // The policy is asked again inside the transaction: a role removed meanwhile stops the write.
      const again = await openCaseKey(tx, member, found.id, 'case.reply');
      if (again.found.id !== found.id) throw new AppError('NOT_FOUND');
      await recordEvidence(tx, { caseId: found.id, files: sealed, messageId: null, now });
      await recordAudit(
        tx,
        {
          actorId: member.staffId,
          action: 'case.attachment-added',
          subjectType: 'case',
          subjectId: found.id,
          orgId: found.orgId,
          details: { attachments: prepared.files.map((file) => file.id).join(','), sha256: prepared.files.map((file) => file.metadata.receivedSha256).join(',') },
        },
        now,
      );
    }),
  );
  return { ok: true, count: sealed.length };
}
