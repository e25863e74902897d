/**
 * A reporter returns to a saved draft with the receipt and saves it again or sends it. Sending
 * wraps the case key for the recipients, exactly as a report sent in one go. A draft already
 * sent (another tab, a second click) is not sent again. Files attached to a file question
 * when the draft was saved stay attached; files chosen now are added to them.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import { openAnswers, sealAnswers, sealIdentity } from '../../core/intake/caseCrypto.ts';
import { EVIDENCE_FILES_PER_SUBMISSION } from '../../core/intake/evidence.ts';
import { removeFiles, storedBytesOfCase } from '../../storage/attachmentFiles.ts';
import { receivingScope } from '../../core/intake/recipients.ts';
import { readReportForm, type FormProblem } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addCaseEvent, caseById } from '../../storage/caseQueries.ts';
import { questionnaireById } from '../../storage/questionnaireStore.ts';
import { cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { prepareEvidence, recordEvidence, sealEvidence, withEvidenceFiles, type PreparedFile } from './evidenceUploads.ts';
import { beginHandling } from '../cases/handledCase.ts';
import { routeReport, wrapForRecipients } from './recipientKeys.ts';
import { withReporterCase } from './reporterCase.ts';
import { sessionCaseKey, type ReporterSession } from './reporterSessions.ts';
import { dayOf, reportTexts, type ReportUploads } from './submitReport.ts';

export type DraftOutcome = { kind: 'saved' } | { kind: 'sent' } | { kind: 'invalid'; problems: Record<string, FormProblem> };

export async function finishDraft(
  context: Context,
  session: ReporterSession,
  input: { fields: FormFields; uploads?: ReportUploads; attachmentsFolder: string },
): Promise<DraftOutcome> {
  const draft = await caseById(context.db, session.caseId);
  const caseKey = await sessionCaseKey(context.db, session);
  if (!draft || !caseKey) throw new AppError('FOLLOW_UP_ENDED');
  if (draft.status !== 'draft') throw new AppError('DRAFT_ALREADY_SENT');
  const questionnaire = await questionnaireById(context.db, draft.questionnaireId);
  if (!questionnaire) throw new AppError('INTERNAL');
  // File answers are what the draft already holds plus what arrives now, never ids from the form.
  const saved = openAnswers(caseKey, draft.id, draft.sealedAnswers);
  const fields: Record<string, string | readonly string[] | undefined> = { ...input.fields };
  const files: PreparedFile[] = [];
  const fileQuestions = questionnaire.definition.questions.filter((question) => question.type === 'file');
  const arriving = fileQuestions.reduce((total, question) => total + (input.uploads?.[`q_${question.id}`]?.filter((upload) => upload.name !== '' || upload.content.length > 0).length ?? 0), 0);
  const firstFile = fileQuestions[0];
  if (arriving > EVIDENCE_FILES_PER_SUBMISSION && firstFile) return { kind: 'invalid', problems: { [`q_${firstFile.id}`]: { code: 'tooManyUploads', max: EVIDENCE_FILES_PER_SUBMISSION } } };
  let storedBytes = await storedBytesOfCase(context.db, draft.id);
  for (const question of fileQuestions) {
    const name = `q_${question.id}`;
    const prepared = await prepareEvidence(input.uploads?.[name] ?? [], storedBytes);
    if (!prepared.ok) return { kind: 'invalid', problems: { [name]: prepared.problem } };
    storedBytes += prepared.files.reduce((total, file) => total + file.bytes.length, 0);
    files.push(...prepared.files);
    const before = saved[question.id];
    fields[name] = [...(Array.isArray(before) ? before : []), ...prepared.files.map((file) => file.id)];
  }
  const form = readReportForm(questionnaire.definition, fields, { channel: draft.channelOrgId === null ? 'network' : 'organisation', today: dayOf(context.clock()) });
  if (!form.ok) return { kind: 'invalid', problems: form.problems };
  const { submission } = form;
  const sending = submission.intent === 'submit';

  const sealedFiles = sealEvidence(caseKey, draft.id, files);
  const done = await withEvidenceFiles(input.attachmentsFolder, sealedFiles, () => withReporterCase(context, session, fields.formToken, async (tx, found, caseKey, now) => {
    if (found.status !== 'draft') throw new AppError('DRAFT_ALREADY_SENT');
    await recordEvidence(tx, { caseId: found.id, files: sealedFiles, messageId: null, now });
    const chosenOrgId = receivingScope(found.channelOrgId, submission.choices.recipient);
    const route = sending ? await routeReport(tx, { orgId: chosenOrgId, texts: reportTexts(submission) }) : { orgId: chosenOrgId, named: [], toNetwork: false };
    const orgId = route.orgId;
    const hasIdentity = submission.identity.name !== '' || submission.identity.contact !== '';
    await tx
      .update(cases)
      .set({
        orgId,
        status: sending ? 'submitted' : 'draft',
        path: submission.choices.path,
        identityMode: submission.choices.identityMode,
        sealedAnswers: sealAnswers(caseKey, found.id, submission.answers),
        sealedIdentity: hasIdentity ? sealIdentity(caseKey, found.id, submission.identity) : null,
        submittedAt: sending ? now : null,
        updatedAt: now,
      })
      .where(eq(cases.id, found.id));
    const delivery = sending ? await wrapForRecipients(tx, { caseId: found.id, orgId, caseKey, now, exclude: route.named }) : undefined;
    if (sending) await beginHandling(tx, { caseId: found.id, orgId, path: submission.choices.path, receivedAt: now, namedStaff: route.named, now });
    await addCaseEvent(tx, { caseId: found.id, kind: sending ? 'submitted' : 'draft-saved', actorKind: 'reporter', at: now });
    await recordAudit(
      tx,
      {
        actorId: null,
        action: sending ? 'case.submitted' : 'case.draft-saved',
        subjectType: 'case',
        subjectId: found.id,
        orgId: sending ? orgId : null,
        details: delivery ? { channel: found.channelOrgId ?? 'network', recipients: delivery.count, rule: delivery.rule, conflicts: route.named.length, toNetwork: route.toNetwork } : {},
      },
      now,
    );
    return true;
  }));
  // The same form sent twice: the first one did the work, and this one's files are not kept.
  if (!done) await removeFiles(input.attachmentsFolder, sealedFiles.map((file) => file.storageName));
  if (!done && sending) throw new AppError('DRAFT_ALREADY_SENT');
  return { kind: sending ? 'sent' : 'saved' };
}
