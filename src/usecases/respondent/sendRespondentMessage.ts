/**
 * The respondent, or their adviser, writes to the case team on the respondent's thread, sealed
 * with the respondent key. Nothing is added to the case timeline: that timeline is the
 * reporter's, and the two sides never cross. The adviser's messages are marked as theirs.
 */
import crypto from 'node:crypto';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { sealMessage } from '../../core/intake/caseCrypto.ts';
import { MAX_ANSWER_LENGTH } from '../../core/intake/questionnaire.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { queuePartyNews } from '../cases/caseMail.ts';
import { caseMessages } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { withRespondentCase } from './respondentCase.ts';
import type { RespondentSession } from './respondentSessions.ts';

/** `case_messages.kind` on the respondent's thread: 'message', or 'adviser' when their adviser wrote it. */
export const ADVISER_MESSAGE = 'adviser';

export type MessageOutcome = { ok: true } | { ok: false; problem: AnswerProblem };

/** A message on the respondent's thread, from either side: trimmed, readable, not empty, not too long. */
export function messageText(text: unknown): { ok: true; text: string } | { ok: false; problem: AnswerProblem } {
  const cleaned = cleanText(typeof text === 'string' ? text : '', MAX_ANSWER_LENGTH);
  if (cleaned.ok && cleaned.text === '') return { ok: false, problem: { code: 'required' } };
  return cleaned;
}

export async function sendRespondentMessage(context: Context, session: RespondentSession, formToken: unknown, text: unknown): Promise<MessageOutcome> {
  const cleaned = messageText(text);
  if (!cleaned.ok) return cleaned;
  await withRespondentCase(context, session, formToken, async (tx, row, respondentKey, now) => {
    const messageId = crypto.randomUUID();
    await tx.insert(caseMessages).values({
      id: messageId,
      caseId: row.id,
      thread: 'respondent',
      kind: session.kind === 'adviser' ? ADVISER_MESSAGE : 'message',
      authorKind: 'respondent',
      sealedBody: sealMessage(respondentKey, row.id, messageId, cleaned.text),
      createdAt: now,
    });
    await queuePartyNews(tx, row.id, 'respondentMessage', now);
    await recordAudit(
      tx,
      { actorId: null, action: 'case.respondent-message-sent', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { thread: 'respondent', by: session.kind } },
      now,
    );
  });
  return { ok: true };
}
