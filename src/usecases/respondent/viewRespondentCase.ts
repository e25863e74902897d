/**
 * The portal page: everything the respondent (or their adviser) may read, opened with the
 * respondent key the session holds — the documents sealed for them (the notice, evidence shared
 * for review, the investigation report, the outcome letter, appeal decisions, measures that
 * concern them, redacted versions meant for them) and what they sent themselves, their files,
 * their thread with the case team — with the days that concern them and the steps the engine
 * would accept from them now. Only what is sealed with the respondent key is ever selected;
 * the reporter's account, identity and thread are sealed with the case key, which the
 * respondent never holds. The read is audited.
 */
import { EVIDENCE_FOR_REVIEW } from '../../core/cases/evidenceReview.ts';
import { openAttachmentMetadata, openDocument, openMessage } from '../../core/intake/caseCrypto.ts';
import { appealGrounds } from '../../core/procedures/vocabulary.ts';
import { documentLabel, respondentActions, respondentTimeline, type DocumentLabel, type RespondentActionType, type RespondentTimeline } from '../../core/respondent/portalView.ts';
import type { InvitationKind } from '../../core/respondent/invitations.ts';
import type { Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { organisationName, respondentAttachments, respondentDocuments, respondentThread } from '../../storage/respondentStore.ts';
import { handledCase } from '../cases/handledCase.ts';
import { evidenceForReview, type EvidenceForReview } from '../cases/sharedEvidence.ts';
import type { Context } from '../context.ts';
import { readRespondentCase, signRespondentForm } from './respondentCase.ts';
import type { RespondentSession } from './respondentSessions.ts';
import { ADVISER_MESSAGE } from './sendRespondentMessage.ts';

export type PortalDocument = { id: string; label: DocumentLabel; fromRespondent: boolean; text: string; at: Date };
export type PortalFile = { id: string; name: string; type: string; size: number; at: Date; fromRespondent: boolean };
export type PortalMessage = { id: string; author: 'staff' | 'respondent' | 'adviser'; text: string; at: Date };

export type RespondentView = {
  kind: InvitationKind;
  language: Language;
  organisationName: string;
  caseNumber: number;
  /** The written notice (the latest, if more than one was sent). */
  notice: PortalDocument | undefined;
  /** Everything else sent to them, oldest first. */
  delivered: PortalDocument[];
  /** What they (or staff recording it for them) wrote: responses, evidence, appeals, adviser. */
  own: PortalDocument[];
  files: PortalFile[];
  /** Evidence shared for the review (the window's dates and the shared items), once there is any. */
  evidenceForReview: EvidenceForReview | null;
  messages: PortalMessage[];
  timeline: RespondentTimeline;
  /** Steps the engine would accept from the respondent now (none for an adviser's session). */
  actions: RespondentActionType[];
  appealGrounds: readonly string[];
  formToken: string;
};

export async function viewRespondentCase(context: Context, session: RespondentSession): Promise<RespondentView> {
  return readRespondentCase(context, session, async (tx, row, respondentKey, now) => {
    const { definition, state } = await handledCase(tx, row);
    const documents = (await respondentDocuments(tx, row.id)).filter((document) => document.kind !== EVIDENCE_FOR_REVIEW).map(
      (document): PortalDocument => ({
        id: document.id,
        label: documentLabel(document.kind),
        fromRespondent: document.authorKind === 'respondent',
        text: openDocument(respondentKey, row.id, document.id, document.sealedBody).text,
        at: document.createdAt,
      }),
    );
    const notices = documents.filter((document) => document.label === 'notice' && !document.fromRespondent);
    const notice = notices.at(-1);
    const files = (await respondentAttachments(tx, row.id)).map((file): PortalFile => {
      const metadata = openAttachmentMetadata(respondentKey, row.id, file.id, file.sealedMetadata);
      return { id: file.id, name: metadata.name, type: metadata.type, size: file.sizeBytes, at: file.createdAt, fromRespondent: file.addedBy === 'respondent' };
    });
    const messages = (await respondentThread(tx, row.id)).map(
      (message): PortalMessage => ({
        id: message.id,
        author: message.authorKind === 'staff' ? 'staff' : message.kind === ADVISER_MESSAGE ? 'adviser' : 'respondent',
        text: openMessage(respondentKey, row.id, message.id, message.sealedBody),
        at: message.createdAt,
      }),
    );
    await recordAudit(tx, { actorId: null, action: 'case.respondent-viewed', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { access: session.accessId, kind: session.kind } }, now);
    return {
      kind: session.kind,
      language: session.language,
      organisationName: await organisationName(tx, row.orgId),
      caseNumber: row.ref,
      notice,
      delivered: documents.filter((document) => !document.fromRespondent && document !== notice),
      own: documents.filter((document) => document.fromRespondent),
      files,
      evidenceForReview: await evidenceForReview(tx, row, respondentKey, now),
      messages,
      timeline: respondentTimeline(definition, state, now),
      actions: session.kind === 'respondent' ? respondentActions(definition, state, now) : [],
      appealGrounds,
      formToken: await signRespondentForm(tx, session, now),
    };
  });
}
