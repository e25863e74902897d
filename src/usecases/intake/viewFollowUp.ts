/**
 * What a reporter sees on the follow-up page: the status, the timeline, the conversation with
 * the handlers (decrypted with the case key the session holds), case handling as it concerns
 * them (reporterHandling.ts), and — for a saved draft — the answers so far, ready to be
 * finished. Reading is audited like any read of case data.
 */
import { AppError } from '../../core/errors.ts';
import { answersToFields } from '../../core/intake/answers.ts';
import { openAnswers, openAttachmentMetadata, openIdentity, openMessage } from '../../core/intake/caseCrypto.ts';
import { attachmentsOfCase } from '../../storage/attachmentFiles.ts';
import type { IdentityMode, ReportPath } from '../../core/intake/caseModel.ts';
import { isIdentityMode, isReportPath } from '../../core/intake/caseModel.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseById, caseTimeline, reporterThread, statusOf, type CaseEvent } from '../../storage/caseQueries.ts';
import { channelFor, networkChannel, supportResources, type Channel, type SupportResources } from '../../storage/channelQueries.ts';
import { questionnaireById, type QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import type { CaseStatus } from '../../core/intake/caseModel.ts';
import type { Context } from '../context.ts';
import { evidenceForReview, reporterRespondentKey, type EvidenceForReview } from '../cases/sharedEvidence.ts';
import { reporterHandling, type ReporterHandling } from './reporterHandling.ts';
import { signFollowUpForm } from './reporterCase.ts';
import { sessionCaseKey, type ReporterSession } from './reporterSessions.ts';

/** The reporter sees the names of the files they sent (with a message, or with the report: messageId null). */
export type ReporterFile = { id: string; name: string; messageId: string | null };

export type ThreadMessage = { id: string; author: 'reporter' | 'staff'; kind: 'message' | 'information'; text: string; at: Date; files: ReporterFile[] };

export type FollowUpView = {
  status: CaseStatus;
  path: ReportPath;
  identityMode: IdentityMode;
  createdAt: Date;
  submittedAt: Date | null;
  /** The channel the report came through, and who receives it. */
  channel: Channel;
  receiver: Channel;
  networkName: string;
  timeline: CaseEvent[];
  messages: ThreadMessage[];
  /** Files sent with the report itself. */
  reportFiles: ReporterFile[];
  draft?: { questionnaire: QuestionnaireVersion; fields: Record<string, string | string[]> };
  /** A sent report: consents, appeal, adviser, documents sent to the reporter, their dates. */
  handling?: ReporterHandling;
  /** Evidence shared for the review (the window's dates and the shared items), once there is any. */
  evidenceForReview?: EvidenceForReview | null;
  support: SupportResources;
  formToken: string;
};

export async function viewFollowUp(context: Context, session: ReporterSession): Promise<FollowUpView> {
  const now = context.clock();
  const caseKey = await sessionCaseKey(context.db, session);
  const found = await caseById(context.db, session.caseId);
  if (!caseKey || !found) throw new AppError('FOLLOW_UP_ENDED');
  const [channel, receiver] = await Promise.all([channelFor(context.db, found.channelOrgId), channelFor(context.db, found.orgId)]);
  if (!channel || !receiver) throw new AppError('NOT_FOUND');
  const status = statusOf(found);

  return context.db.transaction(async (tx) => {
    const rows = await reporterThread(tx, found.id);
    const files: ReporterFile[] = (await attachmentsOfCase(tx, found.id)).map((row) => ({
      id: row.id,
      name: openAttachmentMetadata(caseKey, found.id, row.id, row.sealedMetadata).name,
      messageId: row.messageId,
    }));
    const messages: ThreadMessage[] = rows.map((row) => ({
      files: files.filter((file) => file.messageId === row.id),
      id: row.id,
      author: row.authorKind === 'staff' ? 'staff' : 'reporter',
      kind: row.kind === 'information' ? 'information' : 'message',
      text: openMessage(caseKey, found.id, row.id, row.sealedBody),
      at: row.createdAt,
    }));
    let draft: FollowUpView['draft'];
    if (status === 'draft') {
      const questionnaire = await questionnaireById(tx, found.questionnaireId);
      if (!questionnaire) throw new AppError('INTERNAL');
      const identity = found.sealedIdentity ? openIdentity(caseKey, found.id, found.sealedIdentity) : { name: '', contact: '' };
      const fields = {
        ...answersToFields(questionnaire.definition, openAnswers(caseKey, found.id, found.sealedAnswers)),
        recipient: found.orgId === null && found.channelOrgId !== null ? 'network' : 'organisation',
        path: found.path,
        identity: found.identityMode,
        name: identity.name,
        contact: identity.contact,
      };
      draft = { questionnaire, fields };
    }
    await recordAudit(tx, { actorId: null, action: 'case.reporter-viewed', subjectType: 'case', subjectId: found.id, orgId: status === 'draft' ? null : found.orgId }, now);
    return {
      status,
      path: isReportPath(found.path) ? found.path : 'not_sure',
      identityMode: isIdentityMode(found.identityMode) ? found.identityMode : 'anonymous',
      createdAt: found.createdAt,
      submittedAt: found.submittedAt,
      channel,
      receiver,
      networkName: (await networkChannel(tx))?.name ?? receiver.name,
      timeline: await caseTimeline(tx, found.id),
      messages,
      reportFiles: files.filter((file) => file.messageId === null),
      draft,
      handling: status === 'draft' ? undefined : await reporterHandling(tx, found, caseKey, now),
      evidenceForReview: status === 'draft' ? null : await evidenceForReview(tx, found, reporterRespondentKey(found, caseKey), now),
      support: await supportResources(tx, found.channelOrgId),
      formToken: await signFollowUpForm(tx, session, now),
    };
  });
}
