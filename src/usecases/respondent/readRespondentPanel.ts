/**
 * The respondent's side of a case as staff see it, apart from the reporter's: the invitations
 * (who, in which language, until when, used, revoked, locked), whether a new one can be made
 * and why not, the respondent's thread (with who wrote each message: the case team, the
 * respondent or their adviser) and the respondent's files. Everything sealed with the
 * respondent key is opened through the case key the staff member holds; the read is audited.
 *
 * `readRespondentPanel` runs inside the caller's transaction after the caller opened the case
 * (so the case page can show the panel with its own read); `showRespondentPanel` is the whole
 * use-case for the panel's own page.
 */
import { openAttachmentMetadata, openMessage } from '../../core/intake/caseCrypto.ts';
import { accessStatus, contactProblem, INVITATION_DEFAULT_DAYS, INVITATION_MAX_DAYS, invitationProblem, type AccessStatus, type InvitationKind, type InvitationProblem } from '../../core/respondent/invitations.ts';
import { attemptsLeft } from '../../core/respondent/codeThrottle.ts';
import { isLanguage, type Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { accessesOfCase, respondentAttachments, respondentThread } from '../../storage/respondentStore.ts';
import { openCaseKey, type CaseAccess, type StaffMember } from '../cases/caseAccess.ts';
import { handledCase, respondentKeyOf } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { ADVISER_MESSAGE } from './sendRespondentMessage.ts';

export type PanelInvitation = {
  id: string;
  kind: InvitationKind;
  language: Language;
  status: AccessStatus;
  createdAt: Date;
  expiresAt: Date;
  firstUsedAt: Date | null;
  revokedAt: Date | null;
  attemptsLeft: number;
};

export type PanelMessage = { id: string; author: 'staff' | 'respondent' | 'adviser'; authorName: string | null; text: string; at: Date };
export type PanelFile = { id: string; name: string; type: string; size: number; at: Date; addedBy: 'respondent' | 'staff' | null };

export type RespondentPanel = {
  caseId: string;
  invitations: PanelInvitation[];
  /** Why an invitation of each kind cannot be made now, or null when it can. */
  invite: Record<InvitationKind, InvitationProblem | null>;
  /** Why this staff member cannot write to the respondent now, or null. */
  write: InvitationProblem | null;
  messages: PanelMessage[];
  files: PanelFile[];
  days: { default: number; max: number };
};

export async function readRespondentPanel(tx: Tx, access: CaseAccess, member: StaffMember, now: Date): Promise<RespondentPanel> {
  const { found, caseKey } = access;
  const { state } = await handledCase(tx, found);
  const invitations = (await accessesOfCase(tx, found.id)).map(
    (row): PanelInvitation => ({
      id: row.id,
      kind: row.kind === 'adviser' ? 'adviser' : 'respondent',
      language: isLanguage(row.language) ? row.language : 'en',
      status: accessStatus(row, now),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      firstUsedAt: row.firstUsedAt,
      revokedAt: row.revokedAt,
      attemptsLeft: attemptsLeft(row.failedAttempts),
    }),
  );
  let messages: PanelMessage[] = [];
  let files: PanelFile[] = [];
  // Nothing was ever sealed for the respondent without their key; the key is not made by a read.
  if (found.sealedRespondentKey) {
    const respondentKey = await respondentKeyOf(tx, found, caseKey);
    messages = (await respondentThread(tx, found.id)).map((row) => ({
      id: row.id,
      author: row.authorKind === 'staff' ? 'staff' : row.kind === ADVISER_MESSAGE ? 'adviser' : 'respondent',
      authorName: row.authorName,
      text: openMessage(respondentKey, found.id, row.id, row.sealedBody),
      at: row.createdAt,
    }));
    files = (await respondentAttachments(tx, found.id)).map((row) => {
      const metadata = openAttachmentMetadata(respondentKey, found.id, row.id, row.sealedMetadata);
      return { id: row.id, name: metadata.name, type: metadata.type, size: row.sizeBytes, at: row.createdAt, addedBy: row.addedBy === 'respondent' || row.addedBy === 'staff' ? row.addedBy : null };
    });
    await recordAudit(tx, { actorId: member.staffId, action: 'case.respondent-thread-viewed', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { messages: messages.length, files: files.length } }, now);
  }
  return {
    caseId: found.id,
    invitations,
    invite: { respondent: invitationProblem(state, 'respondent', member.staffId), adviser: invitationProblem(state, 'adviser', member.staffId) },
    write: contactProblem(state, member.staffId),
    messages,
    files,
    days: { default: INVITATION_DEFAULT_DAYS, max: INVITATION_MAX_DAYS },
  };
}

export async function showRespondentPanel(context: Context, member: StaffMember, caseId: string): Promise<RespondentPanel & { caseNumber: number }> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openCaseKey(tx, member, caseId, 'case.open', now);
    return { ...(await readRespondentPanel(tx, access, member, now)), caseNumber: access.found.ref };
  });
}
