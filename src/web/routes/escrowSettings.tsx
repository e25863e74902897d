/** The network administrator's escrow settings page: parse the form, call one use-case, render. */
import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { allowed } from '../../core/policy.ts';
import { changeEscrowSettings, escrowSettingsFor } from '../../usecases/escrow/changeEscrowSettings.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseForm } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { EscrowSettingsPage } from '../pages/EscrowSettingsPage.tsx';
import { sendPage } from '../render.tsx';

const settingsForm = z.object({
  threshold: z.coerce.number().int().min(2).max(16),
  diacritics: z.enum(['strip', 'keep']),
  membershipDomains: z.string().max(4000).optional().default(''),
});

export async function escrowSettingsRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/escrow/settings', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const member = requireStaff(request);
    const settings = await escrowSettingsFor(context, member.actor);
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return sendPage(
      reply,
      EscrowSettingsPage({
        context: pageContext(request),
        settings,
        counsel: allowed(member.actor, 'escrow.counsel', { kind: 'network' }),
        notice: saved ? { kind: 'success', text: request.t('escrow.settings.saved') } : undefined,
      }),
    );
  });

  app.post('/escrow/settings', async (request, reply) => {
    const member = requireStaff(request);
    const settings = await escrowSettingsFor(context, member.actor);
    const counsel = allowed(member.actor, 'escrow.counsel', { kind: 'network' });
    const parsed = parseForm(settingsForm, request.body);
    if (!parsed.ok) return sendPage(reply, EscrowSettingsPage({ context: pageContext(request), settings, counsel, values: parsed.values, errors: parsed.fields }), 400);
    try {
      await changeEscrowSettings(context, member.actor, parsed.data);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500 || error.code === 'NOT_FOUND') throw error;
      const values = { threshold: String(parsed.data.threshold), diacritics: parsed.data.diacritics, membershipDomains: parsed.data.membershipDomains };
      const errors = Object.keys(error.fields).length > 0 ? error.fields : undefined;
      const notice = errors ? undefined : { kind: 'error' as const, text: request.t(error.messageKey, error.params) };
      return sendPage(reply, EscrowSettingsPage({ context: pageContext(request), settings, counsel, values, errors, notice }), error.status);
    }
    return reply.redirect('/escrow/settings?saved=1', 303);
  });
}
