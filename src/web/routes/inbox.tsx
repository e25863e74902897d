/**
 * The staff side of a case: the no-conflict declaration on first opening, then the case opened
 * and decrypted with its procedure and the forms to work it (POST /cases/:id/actions, in
 * caseActions.tsx), a reply to the reporter, evidence files (audited download, upload) and
 * sharing the case key with a colleague. A case the staff member may not open answers 404
 * exactly like an unknown address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../core/errors.ts';
import { attachmentsFolder } from '../../storage/attachmentFiles.ts';
import { addCaseEvidence } from '../../usecases/cases/addCaseEvidence.ts';
import type { StaffMember } from '../../usecases/cases/caseAccess.ts';
import { downloadAttachment } from '../../usecases/cases/downloadAttachment.ts';
import { colleaguesForCase, shareCaseAccess } from '../../usecases/cases/shareCaseAccess.ts';
import { evidenceProblemMessage } from '../pages/ReportFormFields.tsx';
import { isCaseId } from '../../storage/caseQueries.ts';
import { openCase } from '../../usecases/cases/openCase.ts';
import { replyToReporter } from '../../usecases/cases/replyToReporter.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { actionFormTypes } from '../../core/cases/actionForms.ts';
import { CasePage, type CasePageProps } from '../pages/CasePage.tsx';
import { CaseProcedureGate } from '../pages/CaseProcedureGate.tsx';
import { caseActionRoutes } from './caseActions.tsx';
import { sendPage } from '../render.tsx';
import { splitUploads, useEvidenceUploads, useStrictFormBodies } from './reporterChannel.tsx';

const caseNotices = ['evidence', 'shared'] as const;

/** The longest action form, a decision (reasons, sanctions, remedies at their limits), in any script, percent-encoded. */
const ACTION_BODY_LIMIT = 2 * 1024 * 1024;

/** The notice after a redirect: `?done=evidence|shared`, or the action just taken. */
function doneNotice(request: FastifyRequest): string | undefined {
  const done = (request.query as Record<string, unknown>).done;
  const notice = caseNotices.find((candidate) => candidate === done);
  if (notice) return request.t(`caseFile.done.${notice}`);
  const action = actionFormTypes.find((type) => type === done);
  return action ? request.t('caseHandling.notices.done', { action: request.t(`caseHandling.actions.${action}.done`) }) : undefined;
}

function caseIdOf(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).id;
  // A malformed id is answered like an unknown one.
  if (!isCaseId(id)) throw new AppError('NOT_FOUND');
  return id;
}

export async function inboxRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 1024 * 1024);

    async function showCase(request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, extra: Partial<CasePageProps> = {}, status = 200) {
      const opening = await openCase(context, member, id, { work: true, respondent: true });
      // Before the no-conflict declaration only the declaration page is shown, whatever was asked.
      if (!opening.declared) return sendPage(reply, CaseProcedureGate({ context: pageContext(request), cover: opening.cover, feedback: extra.action }), status);
      const colleagues = await colleaguesForCase(context, member, id);
      return sendPage(reply, CasePage({ context: pageContext(request), file: opening.file, colleagues, ...extra }), status);
    }

    scope.get('/cases/:id', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const query = request.query as Record<string, unknown>;
      const respondentDone = query.respondent === 'sent' ? request.t('respondent.staff.replySent') : query.respondent === 'revoked' ? request.t('respondent.staff.revoked') : undefined;
      return showCase(request, reply, member, caseIdOf(request), { sent: query.sent === '1', done: doneNotice(request), respondentDone });
    });

    await scope.register(async (actions) => {
      useStrictFormBodies(actions, ACTION_BODY_LIMIT);
      await caseActionRoutes(actions, caseIdOf, (request, reply, member, id, action, status) => showCase(request, reply, member, id, { action }, status));
    });

    scope.get('/cases/:id/attachments/:attachmentId', async (request, reply) => {
      const member = requireStaff(request);
      const attachmentId = (request.params as Record<string, unknown>).attachmentId;
      if (!isCaseId(attachmentId)) throw new AppError('NOT_FOUND');
      const { metadata, bytes } = await downloadAttachment(context, member, { caseId: caseIdOf(request), attachmentId, folder: attachmentsFolder(app.redress.config.dataDir) });
      return reply
        .header('content-type', metadata.type)
        .header('content-disposition', `attachment; filename="${metadata.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(metadata.name)}`)
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });

    scope.post('/cases/:id/share', async (request, reply) => {
      const member = requireStaff(request);
      const id = caseIdOf(request);
      try {
        await shareCaseAccess(context, member, { caseId: id, colleagueId: (request.body as Record<string, unknown> | undefined)?.colleague });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'CASE_SHARE_REFUSED') throw error;
        return showCase(request, reply, member, id, { shareProblem: request.t(error.messageKey) }, error.status);
      }
      return reply.redirect(`/cases/${id}?done=shared`, 303);
    });

    await scope.register(async (uploads) => {
      // Multipart bodies are read only for the evidence form; the shell checks `_csrf` on them as usual.
      await useEvidenceUploads(uploads);
      uploads.post('/cases/:id/attachments', async (request, reply) => {
        const member = requireStaff(request);
        const id = caseIdOf(request);
        const { uploads: files } = splitUploads(request.body);
        const outcome = await addCaseEvidence(context, member, { caseId: id, uploads: files.files ?? [], folder: attachmentsFolder(app.redress.config.dataDir) });
        if (outcome.ok) return reply.redirect(`/cases/${id}?done=evidence`, 303);
        const problem = outcome.problem.code === 'noFile' ? request.t('caseEvidence.noFile') : evidenceProblemMessage(pageContext(request), outcome.problem);
        return showCase(request, reply, member, id, { evidenceProblem: problem }, 400);
      });
    });

    scope.post('/cases/:id/messages', async (request, reply) => {
      const member = requireStaff(request);
      const id = caseIdOf(request);
      const text = (request.body as Record<string, unknown> | undefined)?.text;
      const outcome = await replyToReporter(context, member, id, text);
      if (outcome.ok) return reply.redirect(`/cases/${id}?sent=1`, 303);
      return showCase(request, reply, member, id, { problem: outcome.problem, typed: typeof text === 'string' ? text : undefined }, 400);
    });
  });
}
