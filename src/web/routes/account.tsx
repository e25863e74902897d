/** A staff member's own account: TOTP enrolment, password, language. */
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { totpUri } from '../../core/totp.ts';
import { isLanguage } from '../../i18n/index.ts';
import { changeLanguage } from '../../usecases/staff/changeLanguage.ts';
import { changePassword } from '../../usecases/staff/changePassword.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../usecases/staff/enrolTotp.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { needsEnrolment, requireStaff } from '../guards.ts';
import { parseForm, password } from '../forms.ts';
import { sendPage } from '../render.tsx';
import { AccountPage } from '../pages/AccountPage.tsx';
import { RecoverySecretsPage } from '../pages/RecoverySecretsPage.tsx';
import { TotpEnrolmentPage } from '../pages/TotpEnrolmentPage.tsx';

const totpForm = z.object({ code: z.string().trim().min(1).max(20) });
const passwordForm = z
  .object({ currentPassword: password, newPassword: password, newPasswordAgain: password })
  .refine((form) => form.newPassword === form.newPasswordAgain, {
    path: ['newPasswordAgain'],
    params: { messageKey: 'validation.passwordsDiffer' },
  });
const languageForm = z.object({ language: z.string().refine(isLanguage) });

export async function accountRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  async function enrolmentPage(request: FastifyRequest, error?: string) {
    const signedIn = request.signedIn;
    if (!signedIn || !needsEnrolment(signedIn)) throw new AppError('NOT_FOUND');
    const secret = await beginTotpEnrolment(context, signedIn);
    const qrSvg = await QRCode.toString(totpUri(secret, signedIn.email, 'Redress'), { type: 'svg', margin: 2 });
    return TotpEnrolmentPage({ context: pageContext(request), secret, qrSvg, error });
  }

  app.get('/account/totp', async (request, reply) => {
    if (!request.signedIn) throw new AppError('SIGN_IN_REQUIRED');
    if (!needsEnrolment(request.signedIn)) return reply.redirect('/account', 303);
    return sendPage(reply, await enrolmentPage(request));
  });

  app.post('/account/totp', async (request, reply) => {
    const signedIn = request.signedIn;
    if (!signedIn) throw new AppError('SIGN_IN_REQUIRED');
    if (!needsEnrolment(signedIn)) throw new AppError('NOT_FOUND');
    const form = parseForm(totpForm, request.body);
    if (!form.ok) return sendPage(reply, await enrolmentPage(request, 'errors.TOTP_INVALID'), 400);
    try {
      const secrets = await confirmTotpEnrolment(context, signedIn, form.data.code);
      return sendPage(reply, RecoverySecretsPage({ context: { ...pageContext(request), nav: undefined }, ...secrets }));
    } catch (error) {
      if (isAppError(error) && error.code === 'TOTP_INVALID') return sendPage(reply, await enrolmentPage(request, error.messageKey), 400);
      throw error;
    }
  });

  app.get('/account', async (request, reply) => {
    const member = requireStaff(request);
    const changed = (request.query as Record<string, unknown>).changed === 'password';
    return sendPage(reply, AccountPage({ context: pageContext(request), email: member.email, language: request.language, passwordChanged: changed }));
  });

  app.post('/account/password', async (request, reply) => {
    const member = requireStaff(request);
    const form = parseForm(passwordForm, request.body);
    const show = (errors: Record<string, string>) =>
      sendPage(reply, AccountPage({ context: pageContext(request), email: member.email, language: request.language, errors }), 400);
    if (!form.ok) return show(form.fields);
    try {
      await changePassword(context, member, form.data);
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return show(error.fields);
      throw error;
    }
    return reply.redirect('/account?changed=password', 303);
  });

  app.post('/account/language', async (request, reply) => {
    const member = requireStaff(request);
    const form = parseForm(languageForm, request.body);
    if (!form.ok) throw new AppError('BAD_INPUT', { detail: 'language' });
    await changeLanguage(context, member.staffId, form.data.language);
    return reply.redirect('/account', 303);
  });
}
