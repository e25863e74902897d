/**
 * A handler writes to the reporter on the reporter's thread, sealed with the case key. A reply
 * is not the acknowledgement: that is a step of the case's procedure (with its statutory 7-day
 * deadline), taken on the case page, and the case's status follows the procedure alone.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { sealMessage } from '../../core/intake/caseCrypto.ts';
import { MAX_ANSWER_LENGTH } from '../../core/intake/questionnaire.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent } from '../../storage/caseQueries.ts';
import { caseMessages, cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

export type ReplyOutcome = { ok: true } | { ok: false; problem: AnswerProblem };

export async function replyToReporter(context: Context, member: StaffMember, caseId: string, text: unknown): Promise<ReplyOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    // Access first: a refused case answers NOT_FOUND before anything about the text is said.
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.reply');
    const cleaned = cleanText(typeof text === 'string' ? text : '', MAX_ANSWER_LENGTH);
    if (!cleaned.ok) return { ok: false, problem: cleaned.problem };
    if (cleaned.text === '') return { ok: false, problem: { code: 'required' } };
    const messageId = crypto.randomUUID();
    await tx.insert(caseMessages).values({
      id: messageId,
      caseId: found.id,
      thread: 'reporter',
      kind: 'message',
      authorKind: 'staff',
      authorStaffId: member.staffId,
      sealedBody: sealMessage(caseKey, found.id, messageId, cleaned.text),
      createdAt: now,
    });
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, found.id));
    await addCaseEvent(tx, { caseId: found.id, kind: 'handler-message', actorKind: 'staff', at: now });
    await recordAudit(tx, { actorId: member.staffId, action: 'case.message-sent', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { thread: 'reporter' } }, now);
    return { ok: true };
  });
}
