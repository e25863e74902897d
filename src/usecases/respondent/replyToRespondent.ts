/**
 * A handler or investigator on the case writes to the respondent on the respondent's thread,
 * sealed with the respondent key. A message reaches the respondent, so it passes the same gate
 * as an invitation (core/respondent/invitations.ts): the reporter's consent or an approved
 * safety exception, and the respondent already told. Nothing goes to the reporter's timeline
 * or thread.
 */
import crypto from 'node:crypto';
import type { AnswerProblem } from '../../core/intake/answers.ts';
import { sealMessage } from '../../core/intake/caseCrypto.ts';
import { contactProblem, type InvitationProblem } from '../../core/respondent/invitations.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseMessages } from '../../storage/schema/index.ts';
import { openCaseKey, type StaffMember } from '../cases/caseAccess.ts';
import { handledCase, respondentKeyOf } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { messageText } from './sendRespondentMessage.ts';

export type RespondentReplyOutcome = { ok: true } | { ok: false; problem: AnswerProblem } | { ok: false; contact: InvitationProblem };

export async function replyToRespondent(context: Context, member: StaffMember, caseId: string, text: unknown): Promise<RespondentReplyOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    // Access first: a refused case answers NOT_FOUND before anything about the text is said.
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.reply', now);
    const { state } = await handledCase(tx, found);
    const contact = contactProblem(state, member.staffId);
    if (contact) return { ok: false, contact };
    const cleaned = messageText(text);
    if (!cleaned.ok) return cleaned;
    const messageId = crypto.randomUUID();
    await tx.insert(caseMessages).values({
      id: messageId,
      caseId: found.id,
      thread: 'respondent',
      kind: 'message',
      authorKind: 'staff',
      authorStaffId: member.staffId,
      sealedBody: sealMessage(await respondentKeyOf(tx, found, caseKey), found.id, messageId, cleaned.text),
      createdAt: now,
    });
    await recordAudit(tx, { actorId: member.staffId, action: 'case.message-sent', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { thread: 'respondent' } }, now);
    return { ok: true };
  });
}
