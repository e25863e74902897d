/** Staff sign-in and sign-out. */
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { endSession } from '../../usecases/session/sessions.ts';
import { signIn } from '../../usecases/staff/signIn.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseForm } from '../forms.ts';
import { sendPage } from '../render.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { clearSessionCookie, setSessionCookie } from '../session.ts';

const signInForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  code: z.string().trim().max(40).optional().default(''),
});

export async function signInRoutes(app: App): Promise<void> {
  const { context, sessionLimits } = app.redress;

  app.get('/sign-in', async (request, reply) => {
    if (request.signedIn) return reply.redirect('/staff', 303);
    return sendPage(reply, SignInPage({ context: pageContext(request), values: {} }));
  });

  app.post('/sign-in', async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    if (!form.ok) return sendPage(reply, SignInPage({ context: pageContext(request), values: form.values, errors: form.fields }), 400);
    try {
      const result = await signIn(context, form.data, sessionLimits);
      setSessionCookie(app, request, reply, result.token);
      return reply.redirect('/staff', 303);
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'SIGN_IN_FAILED' && error.code !== 'SIGN_IN_THROTTLED')) throw error;
      const message = request.t(error.messageKey, error.params);
      return sendPage(reply, SignInPage({ context: pageContext(request), values: { email: form.data.email }, failure: message }), error.status);
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const signedIn = request.signedIn;
    if (!signedIn) throw new AppError('SIGN_IN_REQUIRED');
    await context.db.transaction(async (tx) => {
      await endSession(tx, signedIn.sessionId);
      await recordAudit(tx, { actorId: signedIn.staffId, action: 'staff.signed-out', subjectType: 'staff', subjectId: signedIn.staffId }, context.clock());
    });
    clearSessionCookie(reply);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
}
