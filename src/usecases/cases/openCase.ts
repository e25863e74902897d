/**
 * A handler opens a case: the answers, the reporter's identity when they gave one, and the
 * conversation, decrypted with the case key, and the list of evidence files (their sealed
 * metadata opened: name, type, SHA-256 as received); the read is audited in the same transaction.
 */
import { AppError } from '../../core/errors.ts';
import { openAnswers, openAttachmentMetadata, openIdentity, openMessage, type AttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import { attachmentsOfCase } from '../../storage/attachmentFiles.ts';
import type { Answers } from '../../core/intake/answers.ts';
import { isIdentityMode, isReportPath, type CaseStatus, type IdentityMode, type ReportPath } from '../../core/intake/caseModel.ts';
import type { ReporterIdentity } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseTimeline, reporterThread, statusOf, type CaseEvent } from '../../storage/caseQueries.ts';
import { channelFor, type Channel } from '../../storage/channelQueries.ts';
import { questionnaireById, type QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

export type CaseMessage = { id: string; author: 'reporter' | 'staff'; authorName: string | null; kind: 'message' | 'information'; text: string; at: Date };

/** An evidence file as the handler sees it listed: metadata only; the content comes by the audited download. */
export type CaseAttachment = AttachmentMetadata & { id: string; storedSize: number; at: Date; messageId: string | null };

export type CaseFile = {
  id: string;
  status: CaseStatus;
  path: ReportPath;
  identityMode: IdentityMode;
  receivedAt: Date | null;
  channel: Channel;
  receiver: Channel;
  questionnaire: QuestionnaireVersion;
  answers: Answers;
  identity: ReporterIdentity | undefined;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
  timeline: CaseEvent[];
};

export async function openCase(context: Context, member: StaffMember, caseId: string): Promise<CaseFile> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.open');
    const [channel, receiver, questionnaire] = await Promise.all([channelFor(tx, found.channelOrgId), channelFor(tx, found.orgId), questionnaireById(tx, found.questionnaireId)]);
    if (!channel || !receiver || !questionnaire) throw new AppError('INTERNAL');
    const thread = await reporterThread(tx, found.id);
    await recordAudit(tx, { actorId: member.staffId, action: 'case.viewed', subjectType: 'case', subjectId: found.id, orgId: found.orgId }, now);
    return {
      id: found.id,
      status: statusOf(found),
      path: isReportPath(found.path) ? found.path : 'not_sure',
      identityMode: isIdentityMode(found.identityMode) ? found.identityMode : 'anonymous',
      receivedAt: found.submittedAt,
      channel,
      receiver,
      questionnaire,
      answers: openAnswers(caseKey, found.id, found.sealedAnswers),
      identity: found.sealedIdentity ? openIdentity(caseKey, found.id, found.sealedIdentity) : undefined,
      messages: thread.map((row) => ({
        id: row.id,
        author: row.authorKind === 'staff' ? 'staff' : 'reporter',
        authorName: row.authorName,
        kind: row.kind === 'information' ? 'information' : 'message',
        text: openMessage(caseKey, found.id, row.id, row.sealedBody),
        at: row.createdAt,
      })),
      attachments: (await attachmentsOfCase(tx, found.id)).map((row) => ({
        ...openAttachmentMetadata(caseKey, found.id, row.id, row.sealedMetadata),
        id: row.id,
        storedSize: row.sizeBytes,
        at: row.createdAt,
        messageId: row.messageId,
      })),
      timeline: await caseTimeline(tx, found.id),
    };
  });
}
