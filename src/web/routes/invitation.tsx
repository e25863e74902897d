/**
 * The one-time invitation link: the invited person chooses a password and becomes staff, then
 * sets up two-step sign-in (roles that can read cases) or keeps their recovery key (others).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { requiresTotp } from '../../core/roles.ts';
import { acceptInvitation, showInvitation } from '../../usecases/staff/acceptInvitation.ts';
import { loadSession, startSession } from '../../usecases/session/sessions.ts';
import { issueRecoveryKey } from '../../usecases/staff/enrolTotp.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm, password, text } from '../forms.ts';
import { sendPage } from '../render.tsx';
import { InvitationPage } from '../pages/InvitationPage.tsx';
import { RecoverySecretsPage } from '../pages/RecoverySecretsPage.tsx';
import { setSessionCookie } from '../session.ts';

const acceptForm = z
  .object({ name: text(200), password, passwordAgain: password })
  .refine((form) => form.password === form.passwordAgain, { path: ['passwordAgain'], params: { messageKey: 'validation.passwordsDiffer' } });

const params = z.object({ token: z.string().max(100) });

function tokenFrom(request: FastifyRequest): string {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new AppError('LINK_INVALID');
  return parsed.data.token;
}

export async function invitationRoutes(app: App): Promise<void> {
  const { context, sessionLimits } = app.redress;

  app.get('/invite/:token', async (request, reply) => {
    const token = tokenFrom(request);
    const invitation = await showInvitation(context.db, token, context.clock());
    return sendPage(reply, InvitationPage({ context: pageContext(request), token, invitation, values: { name: invitation.name } }));
  });

  app.post('/invite/:token', async (request, reply) => {
    const token = tokenFrom(request);
    const invitation = await showInvitation(context.db, token, context.clock());
    const show = (values: Record<string, string>, errors: Record<string, string>, status: number) =>
      sendPage(reply, InvitationPage({ context: pageContext(request), token, invitation, values, errors }), status);
    const form = parseForm(acceptForm, request.body);
    if (!form.ok) return show(form.values, form.fields, 400);
    let accepted;
    try {
      accepted = await acceptInvitation(context, { token, name: form.data.name, password: form.data.password });
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return show(formValues(request.body), error.fields, error.status);
      throw error;
    }
    const now = context.clock();
    const session = await startSession(context.db, { staffId: accepted.staffId, keyPair: accepted.keyPair, now, limits: sessionLimits });
    setSessionCookie(app, request, reply, session.token);
    if (requiresTotp(accepted.grants)) return reply.redirect('/account/totp', 303);
    const signedIn = await loadSession(context.db, session.token, now, sessionLimits);
    if (!signedIn) throw new AppError('SIGN_IN_REQUIRED');
    const recoveryKey = await issueRecoveryKey(context, signedIn);
    return sendPage(reply, RecoverySecretsPage({ context: pageContext(request), recoveryKey }));
  });
}
