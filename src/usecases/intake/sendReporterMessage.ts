/**
 * The reporter writes to the handlers, or adds information to the report (kept apart from the
 * conversation, and marked on the timeline). Either is sealed with the case key.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { sealMessage } from '../../core/intake/caseCrypto.ts';
import { reporterMay } from '../../core/intake/caseModel.ts';
import { MAX_ANSWER_LENGTH } from '../../core/intake/questionnaire.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent, statusOf } from '../../storage/caseQueries.ts';
import { caseMessages, cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import type { ReporterSession } from './reporterSessions.ts';

export type ReporterWriting = { kind: 'message' | 'information'; formToken: unknown; text: unknown };

export type WritingOutcome = { ok: true } | { ok: false; problem: AnswerProblem };

export async function sendReporterMessage(context: Context, session: ReporterSession, input: ReporterWriting): Promise<WritingOutcome> {
  const cleaned = cleanText(typeof input.text === 'string' ? input.text : '', MAX_ANSWER_LENGTH);
  if (!cleaned.ok) return { ok: false, problem: cleaned.problem };
  if (cleaned.text === '') return { ok: false, problem: { code: 'required' } };
  const action = input.kind === 'message' ? 'message' : 'add-information';
  await withReporterCase(context, session, input.formToken, async (tx, found, caseKey, now) => {
    if (!reporterMay(action, statusOf(found))) throw new AppError('REPORT_ACTION_UNAVAILABLE', { status: found.status });
    const messageId = crypto.randomUUID();
    await tx.insert(caseMessages).values({
      id: messageId,
      caseId: found.id,
      thread: 'reporter',
      kind: input.kind,
      authorKind: 'reporter',
      sealedBody: sealMessage(caseKey, found.id, messageId, cleaned.text),
      createdAt: now,
    });
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, found.id));
    await addCaseEvent(tx, { caseId: found.id, kind: input.kind === 'message' ? 'reporter-message' : 'information-added', actorKind: 'reporter', at: now });
    await recordAudit(
      tx,
      { actorId: null, action: input.kind === 'message' ? 'case.reporter-message-sent' : 'case.information-added', subjectType: 'case', subjectId: found.id, orgId: found.orgId },
      now,
    );
  });
  return { ok: true };
}
