/**
 * Coordinators running rounds: the toolkit home, opening a round, a round's page, inviting by
 * e-mail or printed codes, reminders, sharing with the network, evidence, and closing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { allowed } from '../../core/policy.ts';
import { isLanguage } from '../../i18n/index.ts';
import { organisationNames } from '../../usecases/organisations/listOrganisations.ts';
import { addEvidence, EVIDENCE_MAX_BYTES } from '../../usecases/toolkit/addEvidence.ts';
import { overdueFor } from '../../usecases/toolkit/actionPoints.ts';
import { closeRound } from '../../usecases/toolkit/closeRound.ts';
import { inviteByEmail, printInvitationCodes } from '../../usecases/toolkit/inviteColleagues.ts';
import { openRound } from '../../usecases/toolkit/openRound.ts';
import { roundView, roundsFor } from '../../usecases/toolkit/roundOverview.ts';
import { sendReminders } from '../../usecases/toolkit/sendReminders.ts';
import { shareWithNetwork } from '../../usecases/toolkit/shareWithNetwork.ts';
import { templatesFor } from '../../usecases/toolkit/templates.ts';
import { toolkitScopes } from '../../usecases/toolkit/toolkitScopes.ts';
import { organisations } from '../../storage/schema/index.ts';
import type { App } from '../app.ts';
import { isoDay, paramsOf } from './toolkitParams.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm, text } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { ToolkitHomePage, type ScopeOption } from '../pages/ToolkitHomePage.tsx';
import { ToolkitCodesPage, ToolkitRoundPage } from '../pages/ToolkitRoundPage.tsx';

const NETWORK = 'network';
const roundParams = z.object({ roundId: z.uuid() });
const participantParams = z.object({ roundId: z.uuid(), orgId: z.uuid() });

const openForm = z.object({
  title: text(200),
  scope: z.string().min(1).max(40),
  templateId: z.uuid(),
  form: z.enum(['long', 'short']),
  closesOn: z.union([z.literal(''), isoDay]).optional().default(''),
});
const codesForm = z.object({ count: z.coerce.number().int().min(1).max(500) });
const emailsForm = z.object({ emails: z.string().max(50_000), language: z.string().refine(isLanguage) });

export function linkBase(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export async function toolkitRoundRoutes(app: App): Promise<void> {
  const { context, config } = app.redress;

  async function homePage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: Record<string, string>; values?: Record<string, string> } = {}, status = 200) {
    const member = requireStaff(request);
    if (!allowed(member.actor, 'toolkit.enter', { kind: 'network' })) throw new AppError('NOT_FOUND');
    const scopes = toolkitScopes(member.actor);
    const rounds = scopes.network || scopes.orgIds.length > 0 ? await roundsFor(context, member.actor) : [];
    const allOrgs = scopes.network ? await context.db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(organisations.name) : [];
    const names = new Map(allOrgs.map((org) => [org.id, org.name]));
    for (const [id, name] of await organisationNames(context.db, [...scopes.orgIds, ...rounds.flatMap((round) => (round.orgId ? [round.orgId] : []))])) names.set(id, name);
    const scopeOptions: ScopeOption[] = [
      ...(scopes.network ? [{ value: NETWORK, label: request.t('toolkit.scope.wholeNetwork') }] : []),
      ...(scopes.network ? allOrgs.map((org) => org.id) : scopes.orgIds).map((orgId) => ({ value: orgId, label: names.get(orgId) ?? orgId })),
    ];
    return sendPage(
      reply,
      ToolkitHomePage({
        context: pageContext(request),
        rounds,
        organisationNames: names,
        scopes: scopeOptions,
        progressLinks: scopes.orgIds.map((orgId) => ({ value: orgId, label: names.get(orgId) ?? orgId })),
        templates: await templatesFor(context, member.actor),
        overdue: await overdueFor(context, member.actor),
        mayEditTemplates: allowed(member.actor, 'toolkit.templates', { kind: 'network' }),
        ...extra,
      }),
      status,
    );
  }

  app.get('/toolkit', async (request, reply) => homePage(request, reply));

  app.post('/toolkit/rounds', async (request, reply) => {
    const member = requireStaff(request);
    const form = parseForm(openForm, request.body);
    if (!form.ok) return homePage(request, reply, { errors: form.fields, values: form.values }, 400);
    const orgId = form.data.scope === NETWORK ? null : z.uuid().safeParse(form.data.scope).success ? form.data.scope : undefined;
    if (orgId === undefined) return homePage(request, reply, { errors: { scope: 'validation.invalid' }, values: formValues(request.body) }, 400);
    try {
      const roundId = await openRound(context, member.actor, { title: form.data.title, orgId, templateId: form.data.templateId, form: form.data.form, closesOn: form.data.closesOn || null });
      return reply.redirect(`/toolkit/rounds/${roundId}`, 303);
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return homePage(request, reply, { errors: error.fields, values: formValues(request.body) }, 400);
      throw error;
    }
  });

  async function roundPage(request: FastifyRequest, reply: FastifyReply, roundId: string, extra: { notice?: string; errors?: Record<string, string>; values?: Record<string, string> } = {}, status = 200) {
    const member = requireStaff(request);
    const view = await roundView(context, member.actor, roundId);
    return sendPage(reply, ToolkitRoundPage({ context: pageContext(request), view, emailEnabled: Boolean(config.smtpUrl), ...extra }), status);
  }

  app.get('/toolkit/rounds/:roundId', async (request, reply) => {
    const { roundId } = paramsOf(roundParams, request.params);
    const notice = (request.query as Record<string, unknown>).done;
    const notices: Record<string, string> = { invited: 'toolkit.round.invitedNotice', reminded: 'toolkit.round.remindedNotice', shared: 'toolkit.round.sharedNotice', closed: 'toolkit.round.closedNotice', evidence: 'toolkit.evidence.addedNotice' };
    return roundPage(request, reply, roundId, { notice: typeof notice === 'string' && notices[notice] ? request.t(notices[notice]) : undefined });
  });

  app.post('/toolkit/rounds/:roundId/organisations/:orgId/invite', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId, orgId } = paramsOf(participantParams, request.params);
    const form = parseForm(emailsForm, request.body);
    if (!config.smtpUrl) throw new AppError('NOT_FOUND');
    if (!form.ok) return roundPage(request, reply, roundId, { errors: form.fields, values: form.values }, 400);
    const emails = form.data.emails.split(/[\s,;]+/).filter(Boolean);
    const invalid = emails.filter((address) => !z.email().safeParse(address).success);
    if (invalid.length > 0 || emails.length === 0) return roundPage(request, reply, roundId, { errors: { emails: emails.length === 0 ? 'validation.required' : 'toolkit.invite.emailsInvalid' }, values: formValues(request.body) }, 400);
    try {
      await inviteByEmail(context, member.actor, { roundId, orgId, emails, language: form.data.language, linkBase: linkBase(request, config.publicUrl) });
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return roundPage(request, reply, roundId, { errors: error.fields, values: formValues(request.body) }, 400);
      throw error;
    }
    return reply.redirect(`/toolkit/rounds/${roundId}?done=invited`, 303);
  });

  app.post('/toolkit/rounds/:roundId/organisations/:orgId/codes', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId, orgId } = paramsOf(participantParams, request.params);
    const form = parseForm(codesForm, request.body);
    if (!form.ok) return roundPage(request, reply, roundId, { errors: { count: 'toolkit.invite.codesCount' }, values: form.values }, 400);
    const codes = await printInvitationCodes(context, member.actor, { roundId, orgId, count: form.data.count, language: request.language });
    const view = await roundView(context, member.actor, roundId);
    return sendPage(
      reply,
      ToolkitCodesPage({
        context: pageContext(request),
        roundTitle: view.round.title,
        organisationName: view.participants.find((participant) => participant.orgId === orgId)?.name ?? '',
        codes,
        answerUrl: `${linkBase(request, config.publicUrl)}/toolkit/answer`,
      }),
    );
  });

  app.post('/toolkit/rounds/:roundId/organisations/:orgId/remind', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId, orgId } = paramsOf(participantParams, request.params);
    await sendReminders(context, member.actor, { roundId, orgId, linkBase: linkBase(request, config.publicUrl) });
    return reply.redirect(`/toolkit/rounds/${roundId}?done=reminded`, 303);
  });

  app.post('/toolkit/rounds/:roundId/organisations/:orgId/share', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId, orgId } = paramsOf(participantParams, request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const chosen = [body.domains ?? []].flat().filter((value): value is string => typeof value === 'string' && value.length <= 80);
    await shareWithNetwork(context, member.actor, { roundId, orgId, domains: chosen });
    return reply.redirect(`/toolkit/rounds/${roundId}?done=shared`, 303);
  });

  app.post('/toolkit/rounds/:roundId/close', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId } = paramsOf(roundParams, request.params);
    if (formValues(request.body).confirm !== 'yes') return roundPage(request, reply, roundId, { errors: { confirm: 'toolkit.round.confirmRequired' } }, 400);
    await closeRound(context, member.actor, roundId);
    return reply.redirect(`/toolkit/rounds/${roundId}?done=closed`, 303);
  });

  await app.register(async (scoped) => {
    // Files arrive as multipart forms here only. Fields land on the body as strings, so the
    // shell checks the form token as usual; the file becomes { name, content }.
    await scoped.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 10 },
      onFile: async (part) => {
        (part as unknown as { value: unknown }).value = { name: part.filename, content: await part.toBuffer() };
      },
    });
    scoped.post('/toolkit/rounds/:roundId/organisations/:orgId/evidence', async (request, reply) => {
      const member = requireStaff(request);
      const { roundId, orgId } = paramsOf(participantParams, request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
      const title = field('title');
      if (!title || title.length > 200) return roundPage(request, reply, roundId, { errors: { title: 'validation.required' } }, 400);
      const upload = uploadedFile(body.file);
      try {
        await addEvidence(context, member.actor, {
          roundId,
          orgId,
          domainKey: field('domainKey'),
          kind: field('kind') === 'document' ? 'document' : 'focus_group_notes',
          title,
          notes: field('notes').slice(0, 20_000) || null,
          file: upload ?? null,
        });
      } catch (error) {
        if (isAppError(error) && Object.keys(error.fields).length > 0) return roundPage(request, reply, roundId, { errors: error.fields }, 400);
        throw error;
      }
      return reply.redirect(`/toolkit/rounds/${roundId}?done=evidence`, 303);
    });
  });
}

/** The uploaded file, if one was chosen (a form without one sends an empty, nameless part). */
function uploadedFile(value: unknown): { name: string; content: Uint8Array } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { name, content } = value as { name?: unknown; content?: unknown };
  if (typeof name !== 'string' || !name || !(content instanceof Buffer) || content.length === 0) return undefined;
  return { name, content: new Uint8Array(content) };
}
