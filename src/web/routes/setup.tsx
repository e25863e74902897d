/** The one-time setup link: create the network and its first administrator. */
import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { isLanguage, languages } from '../../i18n/index.ts';
import { checkSetupLink, completeSetup } from '../../usecases/setup/completeSetup.ts';
import { startSession } from '../../usecases/session/sessions.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { email, parseForm, password, text } from '../forms.ts';
import { sendPage } from '../render.tsx';
import { SetupPage } from '../pages/SetupPage.tsx';
import { setSessionCookie } from '../session.ts';

const setupForm = z
  .object({
    networkName: text(200),
    defaultLanguage: z.string().refine(isLanguage),
    adminName: text(200),
    adminEmail: email,
    password,
    passwordAgain: password,
  })
  .refine((form) => form.password === form.passwordAgain, {
    path: ['passwordAgain'],
    params: { messageKey: 'validation.passwordsDiffer' },
  });

const params = z.object({ token: z.string().max(100) });

export async function setupRoutes(app: App): Promise<void> {
  const { context, sessionLimits } = app.redress;

  app.get('/setup/:token', async (request, reply) => {
    const { token } = params.parse(request.params);
    await checkSetupLink(context.db, token, context.clock());
    return sendPage(reply, SetupPage({ context: pageContext(request), token, values: { defaultLanguage: request.language }, languages: [...languages] }));
  });

  app.post('/setup/:token', async (request, reply) => {
    const { token } = params.parse(request.params);
    await checkSetupLink(context.db, token, context.clock());
    const form = parseForm(setupForm, request.body);
    const show = (values: Record<string, string>, errors: Record<string, string>) =>
      sendPage(reply, SetupPage({ context: pageContext(request), token, values, errors, languages: [...languages] }), 400);
    if (!form.ok) return show(form.values, form.fields);
    try {
      const admin = await completeSetup(context, { token, ...form.data });
      const session = await startSession(context.db, { staffId: admin.staffId, keyPair: admin.keyPair, now: context.clock(), limits: sessionLimits });
      setSessionCookie(app, request, reply, session.token);
      return reply.redirect('/account/totp', 303);
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return show({ ...form.data, password: '', passwordAgain: '' }, error.fields);
      throw error;
    }
  });
}
