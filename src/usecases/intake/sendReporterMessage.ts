/**
 * The reporter writes to the handlers, or adds information to the report (kept apart from the
 * conversation, and marked on the timeline). Either is sealed with the case key. Information
 * may come with evidence files (or be files alone); they are checked, cleaned and sealed
 * before the transaction, and a refused or repeated form keeps none of them.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import { sealMessage } from '../../core/intake/caseCrypto.ts';
import { reporterMay } from '../../core/intake/caseModel.ts';
import { MAX_ANSWER_LENGTH } from '../../core/intake/questionnaire.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { queuePartyNews } from '../cases/caseMail.ts';
import { addCaseEvent, statusOf } from '../../storage/caseQueries.ts';
import { caseMessages, cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { withReporterCase } from './reporterCase.ts';
import { sessionCaseKey, type ReporterSession } from './reporterSessions.ts';
import { prepareEvidence, recordEvidence, sealEvidence, withEvidenceFiles, type Upload } from './evidenceUploads.ts';
import { removeFiles, storedBytesOfCase } from '../../storage/attachmentFiles.ts';
import type { EvidenceProblem } from '../../core/intake/evidence.ts';

export type ReporterWriting = { kind: 'message' | 'information'; formToken: unknown; text: unknown; uploads?: readonly Upload[]; attachmentsFolder: string };

export type WritingOutcome = { ok: true } | { ok: false; problem: AnswerProblem | EvidenceProblem };

export async function sendReporterMessage(context: Context, session: ReporterSession, input: ReporterWriting): Promise<WritingOutcome> {
  const cleaned = cleanText(typeof input.text === 'string' ? input.text : '', MAX_ANSWER_LENGTH);
  if (!cleaned.ok) return { ok: false, problem: cleaned.problem };
  const uploads = input.kind === 'information' ? (input.uploads ?? []) : [];
  const evidence = await prepareEvidence(uploads, await storedBytesOfCase(context.db, session.caseId));
  if (!evidence.ok) return { ok: false, problem: evidence.problem };
  if (cleaned.text === '' && evidence.files.length === 0) return { ok: false, problem: { code: 'required' } };
  const caseKey = await sessionCaseKey(context.db, session);
  if (!caseKey) throw new AppError('FOLLOW_UP_ENDED');
  const sealedFiles = sealEvidence(caseKey, session.caseId, evidence.files);
  const action = input.kind === 'message' ? 'message' : 'add-information';
  const done = await withEvidenceFiles(input.attachmentsFolder, sealedFiles, () => withReporterCase(context, session, input.formToken, async (tx, found, caseKey, now) => {
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
    await recordEvidence(tx, { caseId: found.id, files: sealedFiles, messageId, now });
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, found.id));
    await addCaseEvent(tx, { caseId: found.id, kind: input.kind === 'message' ? 'reporter-message' : 'information-added', actorKind: 'reporter', at: now });
    await queuePartyNews(tx, found.id, 'reporterMessage', now);
    await recordAudit(
      tx,
      {
        actorId: null,
        action: input.kind === 'message' ? 'case.reporter-message-sent' : 'case.information-added',
        subjectType: 'case',
        subjectId: found.id,
        orgId: found.orgId,
        details: sealedFiles.length > 0 ? { attachments: sealedFiles.length } : {},
      },
      now,
    );
    return true;
  }));
  // A form sent twice did its work the first time; the second copy's files are not kept.
  if (!done) await removeFiles(input.attachmentsFolder, sealedFiles.map((file) => file.storageName));
  return { ok: true };
}
