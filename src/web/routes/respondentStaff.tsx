/**
 * The respondent's side of a case for staff: its own page (/cases/:id/respondent), making an
 * invitation (the link and the access code are shown once, on the answer to the form),
 * revoking one, writing on the respondent's thread, and downloading the respondent's files. A
 * case the staff member may not open answers 404 like an unknown one; a form with bad input
 * comes back with its problems (400) and nothing written.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { INVITATION_MAX_DAYS, invitationKinds, type InvitationProblem } from '../../core/respondent/invitations.ts';
import { languages } from '../../i18n/index.ts';
import { attachmentsFolder } from '../../storage/attachmentFiles.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import type { StaffMember } from '../../usecases/cases/caseAccess.ts';
import { downloadRespondentFileAsStaff } from '../../usecases/respondent/downloadRespondentFile.ts';
import { inviteRespondent } from '../../usecases/respondent/inviteRespondent.ts';
import { showRespondentPanel } from '../../usecases/respondent/readRespondentPanel.ts';
import { replyToRespondent } from '../../usecases/respondent/replyToRespondent.ts';
import { revokeRespondentAccess } from '../../usecases/respondent/revokeRespondentAccess.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseForm } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { RespondentInvitationCreatedPage } from '../pages/RespondentInvitationCreatedPage.tsx';
import { textProblemMessage } from '../pages/RespondentLayout.tsx';
import { RespondentStaffPage } from '../pages/RespondentStaffPage.tsx';
import type { RespondentThreadProps } from '../pages/RespondentThread.tsx';
import { sendPage } from '../render.tsx';
import { useStrictFormBodies } from './reporterChannel.tsx';
import { sendFile } from './respondent.tsx';

const invitationForm = z.object({
  kind: z.enum(invitationKinds),
  language: z.enum(languages),
  days: z.coerce.number().int().min(1).max(INVITATION_MAX_DAYS),
});

const staffNotices = ['sent', 'revoked'] as const;

function caseIdOf(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).id;
  if (!isCaseId(id)) throw new AppError('NOT_FOUND');
  return id;
}

function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Back to where the form was: the case page (which embeds the panel) or the panel's own page. */
function backTo(caseId: string, body: unknown, notice: (typeof staffNotices)[number]): string {
  return field(body, 'returnTo') === 'case' ? `/cases/${caseId}?respondent=${notice}#respondent` : `/cases/${caseId}/respondent?done=${notice}`;
}

export async function respondentStaffRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 1024 * 1024);

    async function showPanel(request: FastifyRequest, reply: FastifyReply, member: StaffMember, caseId: string, extra: Partial<RespondentThreadProps> = {}, status = 200) {
      const panel = await showRespondentPanel(context, member, caseId);
      // Forms answered with this page keep the panel's own address for the language links.
      const page = { ...pageContext(request), path: `/cases/${panel.caseId}/respondent` };
      return sendPage(reply, RespondentStaffPage({ context: page, panel, caseNumber: panel.caseNumber, ...extra }), status);
    }

    const problemText = (request: FastifyRequest, problem: InvitationProblem) => request.t(`respondent.staff.problems.${problem}`);

    scope.get('/cases/:id/respondent', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const asked = (request.query as Record<string, unknown>).done;
      const notice = staffNotices.find((candidate) => candidate === asked);
      const doneText = notice === 'sent' ? request.t('respondent.staff.replySent') : notice === 'revoked' ? request.t('respondent.staff.revoked') : undefined;
      return showPanel(request, reply, member, caseIdOf(request), { done: doneText });
    });

    scope.post('/cases/:id/respondent-invitations', async (request, reply) => {
      const member = requireStaff(request);
      const caseId = caseIdOf(request);
      const form = parseForm(invitationForm, request.body);
      if (!form.ok) {
        const errors: RespondentThreadProps['errors'] = {};
        for (const name of Object.keys(form.fields)) {
          if (name === 'days') errors.days = 'respondent.staff.daysInvalid';
          else if (name === 'kind' || name === 'language') errors[name] = 'respondent.problems.choice';
        }
        return showPanel(request, reply, member, caseId, { errors, values: form.values }, 400);
      }
      const outcome = await inviteRespondent(context, member, caseId, form.data);
      if (!outcome.ok) {
        const reason = request.t('respondent.staff.cannotInvite', { reason: problemText(request, outcome.problem) });
        return showPanel(request, reply, member, caseId, { problems: { invite: reason }, values: { kind: form.data.kind, language: form.data.language, days: String(form.data.days) } }, 409);
      }
      const linkBase = app.redress.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return sendPage(reply, RespondentInvitationCreatedPage({ context: pageContext(request), caseId, invitation: outcome.invitation, link: `${linkBase}${outcome.invitation.path}` }));
    });

    scope.post('/cases/:id/respondent-invitations/:accessId/revoke', async (request, reply) => {
      const member = requireStaff(request);
      const caseId = caseIdOf(request);
      await revokeRespondentAccess(context, member, caseId, (request.params as Record<string, unknown>).accessId);
      return reply.redirect(backTo(caseId, request.body, 'revoked'), 303);
    });

    scope.post('/cases/:id/respondent-messages', async (request, reply) => {
      const member = requireStaff(request);
      const caseId = caseIdOf(request);
      const typed = field(request.body, 'text');
      const outcome = await replyToRespondent(context, member, caseId, typed);
      if (outcome.ok) return reply.redirect(backTo(caseId, request.body, 'sent'), 303);
      const problem = 'contact' in outcome ? request.t('respondent.staff.cannotWrite', { reason: problemText(request, outcome.contact) }) : textProblemMessage(pageContext(request), outcome.problem);
      return showPanel(request, reply, member, caseId, { problems: { reply: problem }, values: { reply: typed?.slice(0, 20_000) } }, 'contact' in outcome ? 409 : 400);
    });

    scope.get('/cases/:id/respondent-files/:attachmentId', async (request, reply) => {
      const member = requireStaff(request);
      const file = await downloadRespondentFileAsStaff(context, member, {
        caseId: caseIdOf(request),
        attachmentId: (request.params as Record<string, unknown>).attachmentId,
        folder: attachmentsFolder(app.redress.config.dataDir),
      });
      return sendFile(reply, file);
    });
  });
}
