/**
 * A staff member opens a case. The first time, before anything is decrypted, they must declare
 * that they have no conflict of interest (SPEC: every handler declares no conflict on first
 * opening a case): until then only the case's unsealed facts are returned — when it arrived,
 * through which channel, its status — for the declaration page, and that view is audited.
 * Once declared: the answers, the reporter's identity when they gave one, the conversation,
 * the evidence files' metadata and the procedure with its documents, decrypted with the case
 * key; the read is audited in the same transaction. The case page also asks for the case work
 * around the procedure (notes, labels, links, referrals, evidence log, break-glass) and the
 * respondent's side, read in the same transaction; the API and others leave them out.
 */
import { AppError } from '../../core/errors.ts';
import { openAnswers, openAttachmentMetadata, openIdentity, openMessage, type AttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import { attachmentsOfCase } from '../../storage/attachmentFiles.ts';
import type { Answers } from '../../core/intake/answers.ts';
import { isIdentityMode, isReportPath, type CaseStatus, type IdentityMode, type ReportPath } from '../../core/intake/caseModel.ts';
import type { ReporterIdentity } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseTimeline, reporterThread, statusOf, type CaseEvent } from '../../storage/caseQueries.ts';
import { channelsFor, type Channel } from '../../storage/channelQueries.ts';
import { questionnaireById, type QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import type { Context } from '../context.ts';
import { readRespondentPanel, type RespondentPanel } from '../respondent/readRespondentPanel.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';
import { readCaseWork, type CaseWork } from './caseWork.ts';
import { readEvidenceReview, type EvidenceReviewPanel } from './shareEvidenceForReview.ts';
import { caseProcedureView, type CaseProcedure } from './caseProcedureView.ts';
import { handledCase } from './handledCase.ts';

export type CaseMessage = { id: string; author: 'reporter' | 'staff'; authorName: string | null; kind: 'message' | 'information'; text: string; at: Date };

/** An evidence file as the handler sees it listed: metadata only; the content comes by the audited download. */
export type CaseAttachment = AttachmentMetadata & { id: string; storedSize: number; at: Date; messageId: string | null };

/** What a case shows before the no-conflict declaration: nothing anyone wrote. */
export type CaseCover = {
  id: string;
  status: CaseStatus;
  path: ReportPath;
  identityMode: IdentityMode;
  receivedAt: Date | null;
  channel: Channel;
  receiver: Channel;
  /** History entries so far: the declaration form's `seen`. */
  seen: number;
  /** The signed-in member, whom the declaration forms are about. */
  staffId: string;
};

export type CaseFile = CaseCover & {
  questionnaire: QuestionnaireVersion;
  answers: Answers;
  identity: ReporterIdentity | undefined;
  messages: CaseMessage[];
  attachments: CaseAttachment[];
  timeline: CaseEvent[];
  procedure: CaseProcedure;
  /** Asked for with `{ work: true }`. */
  work: CaseWork | null;
  /** Asked for with `{ respondent: true }`. */
  respondent: RespondentPanel | null;
  /** Sharing evidence for the review (with the case work); null when the procedure has no evidence review. */
  evidenceReview: EvidenceReviewPanel | null;
};

/** The parts of the case page beyond the case itself. */
export type CaseParts = { work?: boolean; respondent?: boolean };

export type CaseOpening = { declared: false; cover: CaseCover } | { declared: true; file: CaseFile };

export async function openCase(context: Context, member: StaffMember, caseId: string, parts: CaseParts = {}): Promise<CaseOpening> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openCaseKey(tx, member, caseId, 'case.open', now);
    const { found, caseKey } = access;
    // One connection answers one statement at a time: the reads go in sequence (pg deprecates queueing on a busy client).
    const [channel, receiver] = await channelsFor(tx, [found.channelOrgId, found.orgId]);
    const handled = await handledCase(tx, found);
    if (!channel || !receiver) throw new AppError('INTERNAL');
    const cover: CaseCover = {
      id: found.id,
      status: statusOf(found),
      path: isReportPath(found.path) ? found.path : 'not_sure',
      identityMode: isIdentityMode(found.identityMode) ? found.identityMode : 'anonymous',
      receivedAt: found.submittedAt,
      channel,
      receiver,
      seen: handled.state.history.length,
      staffId: member.staffId,
    };
    const audit = { actorId: member.staffId, subjectType: 'case', subjectId: found.id, orgId: found.orgId };
    if (!handled.state.noConflictDeclared.includes(member.staffId)) {
      await recordAudit(tx, { ...audit, action: 'case.conflict-declaration-shown' }, now);
      return { declared: false, cover };
    }
    const questionnaire = await questionnaireById(tx, found.questionnaireId);
    const thread = await reporterThread(tx, found.id);
    const attachments = await attachmentsOfCase(tx, found.id);
    const timeline = await caseTimeline(tx, found.id);
    const procedure = await caseProcedureView(tx, { member, row: found, caseKey, definition: handled.definition, state: handled.state, now });
    await recordAudit(tx, { ...audit, action: 'case.viewed' }, now);
    if (!questionnaire) throw new AppError('INTERNAL');
    const file: CaseFile = {
      ...cover,
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
      attachments: attachments.map((row) => ({
        ...openAttachmentMetadata(caseKey, found.id, row.id, row.sealedMetadata),
        id: row.id,
        storedSize: row.sizeBytes,
        at: row.createdAt,
        messageId: row.messageId,
      })),
      timeline,
      procedure,
      // After the read's audit entry, as their own entries follow it.
      work: parts.work ? await readCaseWork(tx, access, member, now) : null,
      respondent: parts.respondent ? await readRespondentPanel(tx, access, member, now) : null,
      evidenceReview: parts.work ? await readEvidenceReview(tx, access, member, handled, now) : null,
    };
    return { declared: true, file };
  });
}
