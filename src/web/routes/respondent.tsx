/**
 * The respondent's portal, under /respond: the invitation link (/respond/<token>) asks for the
 * access code given separately, then a portal session (a browser-session cookie limited to
 * /respond) shows the case at /respond/case, in the invitation's language unless the person
 * picks another. Every write is a plain form POST answered by a redirect, so it works without
 * JavaScript and reloading never sends anything twice; a refused step shows the page again with
 * the reason, having changed nothing. Registered as its own scope: strict form bodies, evidence
 * uploads, and errors in the portal's frame. Logs never see the link token (web/logging.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type ErrorCode } from '../../core/errors.ts';
import type { AnswerProblem } from '../../core/intake/answers.ts';
import type { EvidenceProblem } from '../../core/intake/evidence.ts';
import { isEvidenceProblem } from '../../core/intake/evidence.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { appealGrounds } from '../../core/procedures/vocabulary.ts';
import { codePolicy } from '../../core/respondent/codeThrottle.ts';
import { isLanguage, translator, type Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { actAsRespondent, type RespondentStep } from '../../usecases/respondent/actAsRespondent.ts';
import { addRespondentEvidence } from '../../usecases/respondent/addRespondentEvidence.ts';
import { downloadRespondentFile, type RespondentFile } from '../../usecases/respondent/downloadRespondentFile.ts';
import { endRespondentSession, loadRespondentSession, type RespondentSession } from '../../usecases/respondent/respondentSessions.ts';
import { sendRespondentMessage } from '../../usecases/respondent/sendRespondentMessage.ts';
import { endedError, respondentInvitation, signInAsRespondent } from '../../usecases/respondent/signInAsRespondent.ts';
import { viewRespondentCase } from '../../usecases/respondent/viewRespondentCase.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import type { PageContext } from '../components/Layout.tsx';
import { parseForm } from '../forms.ts';
import { evidenceProblemMessage } from '../pages/ReportFormFields.tsx';
import { RespondentCodePage } from '../pages/RespondentCodePage.tsx';
import { RespondentEndedPage } from '../pages/RespondentEndedPage.tsx';
import { textProblemMessage } from '../pages/RespondentLayout.tsx';
import { PORTAL_PATH, RespondentPortalPage, type PortalForm, type RespondentPortalProps } from '../pages/RespondentPortalPage.tsx';
import { sendPage } from '../render.tsx';
import { REPORT_BODY_LIMIT, splitUploads, evidenceFolder, useEvidenceUploads, useStrictFormBodies } from './reporterChannel.tsx';

export const RESPONDENT_COOKIE = 'redress_respondent';
const COOKIE_PATH = '/respond';

/** Refusals said in the respondent's words rather than the engine's (which speak to staff). */
const ownRefusals: ReadonlySet<string> = new Set(['NOT_ALLOWED', 'CASE_CLOSED', 'RESPONDENT_NOT_NOTIFIED']);
const notices = ['respond', 'evidence', 'adviser', 'appeal', 'consent', 'withdrawConsent', 'message', 'repeated'] as const;
const endedCodes: ReadonlySet<ErrorCode> = new Set(['RESPONDENT_ACCESS_EXPIRED', 'RESPONDENT_ACCESS_REVOKED', 'RESPONDENT_ACCESS_LOCKED', 'RESPONDENT_LINK_INVALID']);

const text = z.string().optional().default('');
const grounds = z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(z.enum(appealGrounds)).min(1));
const evidenceSchema = z.object({ kind: z.enum(['document', 'witness']), statement: text });

type ParsedStep = { ok: true; step: RespondentStep } | { ok: false; field: string };

/** One zod schema per step form, and the step it asks the engine for. */
function stepForm<S extends z.ZodType>(schema: S, build: (data: z.infer<S>) => RespondentStep): (fields: unknown) => ParsedStep {
  return (fields) => {
    const parsed = parseForm(schema, fields);
    return parsed.ok ? { ok: true, step: build(parsed.data) } : { ok: false, field: Object.keys(parsed.fields)[0] ?? 'statement' };
  };
}

const stepForms = {
  respond: stepForm(z.object({ statement: text }), (data) => ({ step: 'respond', statement: data.statement })),
  adviser: stepForm(z.object({ adviser: text }), (data) => ({ step: 'nameAdviser', adviser: data.adviser })),
  appeal: stepForm(z.object({ grounds, statement: text }), (data) => ({ step: 'appeal', grounds: data.grounds, statement: data.statement })),
  consent: stepForm(z.object({ statement: text }), (data) => ({ step: 'consent', statement: data.statement })),
  withdrawConsent: stepForm(z.object({ statement: text }), (data) => ({ step: 'withdrawConsent', statement: data.statement })),
} as const;

type StepForm = keyof typeof stepForms;

function statusOf(error: unknown): number {
  if (isAppError(error)) return error.status;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** A decrypted file as a download that the browser never renders in the page. */
export function sendFile(reply: FastifyReply, file: RespondentFile): FastifyReply {
  const { metadata, bytes } = file;
  return reply
    .header('content-type', metadata.type)
    .header('content-disposition', `attachment; filename="${metadata.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(metadata.name)}`)
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function readCookie(request: FastifyRequest): string | undefined {
  return request.cookies[RESPONDENT_COOKIE];
}

/** The page context in the portal's language: the one asked for in the address, else the invitation's. */
function portalContext(request: FastifyRequest, language: Language, path: string): PageContext {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  const chosen = isLanguage(asked) ? asked : language;
  return { ...pageContext(request), t: translator(chosen), language: chosen, path, nav: undefined, signedInName: undefined };
}

function typedValues(form: PortalForm, fields: Record<string, unknown>): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const values = [value].flat().filter((item): item is string => typeof item === 'string');
    if (name !== 'formToken' && name !== '_csrf' && values.length > 0) typed[`${form}.${name}`] = values.join(',').slice(0, 200_000);
  }
  return typed;
}

export async function respondentRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  await app.register(async (scope) => {
    useStrictFormBodies(scope, REPORT_BODY_LIMIT);
    await useEvidenceUploads(scope);
    scope.setErrorHandler(async (error, request, reply) => portalError(error, request, reply));

    const sessionOf = (request: FastifyRequest) => loadRespondentSession(context.db, readCookie(request), context.clock());

    async function requireSession(request: FastifyRequest): Promise<RespondentSession> {
      const session = await sessionOf(request);
      if (!session) throw new AppError('RESPONDENT_SESSION_ENDED');
      return session;
    }

    async function portalError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const safeStatus = statusOf(error);
      if (safeStatus >= 500) request.log.error({ err: error }, 'request failed');
      let language: Language = isLanguage((request as { language?: unknown }).language) ? request.language : 'en';
      try {
        language = (await sessionOf(request))?.language ?? language;
      } catch {
        // The error page must render even when the database is what failed.
      }
      const page = portalContext(request, language, PORTAL_PATH);
      const code = isAppError(error) ? error.code : safeStatus === 413 ? 'BAD_INPUT' : safeStatus >= 500 ? 'INTERNAL' : 'BAD_INPUT';
      const message = page.t(`errors.${code}`, isAppError(error) ? error.params : {});
      const session = code === 'RESPONDENT_SESSION_ENDED';
      const title = session ? page.t('respondent.ended.sessionTitle') : endedCodes.has(code) ? page.t('respondent.ended.title') : page.t('error.title');
      if (session) clearCookie(reply);
      return sendPage(reply, RespondentEndedPage({ context: page, title, message, nothingChanged: safeStatus < 500 }), safeStatus);
    }

    function setCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
      const setting = app.redress.config.cookieSecure;
      void reply.setCookie(RESPONDENT_COOKIE, token, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: setting === 'true' || (setting === 'auto' && request.protocol === 'https'),
      });
    }

    function clearCookie(reply: FastifyReply): void {
      void reply.clearCookie(RESPONDENT_COOKIE, { path: COOKIE_PATH });
    }

    async function showPortal(
      request: FastifyRequest,
      reply: FastifyReply,
      session: RespondentSession,
      options: Omit<RespondentPortalProps, 'context' | 'view'> & { status?: number } = {},
    ): Promise<FastifyReply> {
      const view = await viewRespondentCase(context, session);
      const { status, ...rest } = options;
      return sendPage(reply, RespondentPortalPage({ context: portalContext(request, session.language, PORTAL_PATH), view, ...rest }), status ?? 200);
    }

    const t = (request: FastifyRequest, session: RespondentSession) => portalContext(request, session.language, PORTAL_PATH).t;

    function refusedPage(request: FastifyRequest, reply: FastifyReply, session: RespondentSession, refusal: Refusal, form: PortalForm, fields: Record<string, unknown>) {
      const translate = t(request, session);
      const reason = ownRefusals.has(refusal.code) ? translate(`respondent.refusals.${refusal.code}`) : translate(refusal.messageKey, refusal.params);
      // A malformed request is bad input; anything else is the procedure saying "not now".
      const status = refusal.code === 'ACTION_INVALID' ? 400 : 409;
      return showPortal(request, reply, session, { status, notice: { kind: 'error', text: translate('respondent.refused', { reason }) }, typed: typedValues(form, fields) });
    }

    function problemPage(request: FastifyRequest, reply: FastifyReply, session: RespondentSession, form: PortalForm, field: string, problem: AnswerProblem | EvidenceProblem, fields: Record<string, unknown>) {
      const page = portalContext(request, session.language, PORTAL_PATH);
      const evidence = isEvidenceProblem(problem);
      const message = evidence ? evidenceProblemMessage(page, problem) : textProblemMessage(page, problem);
      return showPortal(request, reply, session, { status: 400, problems: { [`${form}.${evidence ? 'files' : field}`]: message }, typed: typedValues(form, fields) });
    }

    const done = (notice: (typeof notices)[number]) => `${PORTAL_PATH}?done=${notice}`;

    /** An adviser who sends a step's form gets the portal back with the reason, not an error page. */
    async function unlessAdviser(request: FastifyRequest, reply: FastifyReply, session: RespondentSession, work: () => Promise<FastifyReply>): Promise<FastifyReply> {
      try {
        return await work();
      } catch (error) {
        if (!isAppError(error) || error.code !== 'RESPONDENT_ADVISER_CANNOT_ACT') throw error;
        return showPortal(request, reply, session, { status: error.status, notice: { kind: 'error', text: t(request, session)(error.messageKey) } });
      }
    }

    // The invitation link.
    scope.get('/respond/:token', async (request, reply) => {
      const token = (request.params as Record<string, unknown>).token;
      const invitation = await respondentInvitation(context, token);
      const page = portalContext(request, invitation.language, `/respond/${String(token)}`);
      const ended = endedError(invitation.status);
      if (ended) {
        return sendPage(reply, RespondentEndedPage({ context: page, title: page.t('respondent.ended.title'), message: page.t(ended.messageKey), nothingChanged: true }), ended.status);
      }
      return sendPage(reply, RespondentCodePage({ context: page, action: `/respond/${String(token)}`, adviser: invitation.kind === 'adviser', lockAfter: codePolicy.lockAfter }));
    });

    scope.post('/respond/:token', async (request, reply) => {
      const token = (request.params as Record<string, unknown>).token;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const outcome = await signInAsRespondent(context, { token, code: body.code });
      if (outcome.kind === 'signed-in') {
        setCookie(request, reply, outcome.token);
        return reply.redirect(PORTAL_PATH, 303);
      }
      const page = portalContext(request, outcome.invitation.language, `/respond/${String(token)}`);
      const error = new AppError(outcome.code, outcome.params);
      if (endedCodes.has(outcome.code)) {
        return sendPage(reply, RespondentEndedPage({ context: page, title: page.t('respondent.ended.title'), message: page.t(error.messageKey, error.params), nothingChanged: true }), error.status);
      }
      const codePage = RespondentCodePage({
        context: page,
        action: `/respond/${String(token)}`,
        adviser: outcome.invitation.kind === 'adviser',
        lockAfter: codePolicy.lockAfter,
        problem: page.t(error.messageKey, error.params),
      });
      return sendPage(reply, codePage, error.status);
    });

    // The portal.
    scope.get(PORTAL_PATH, async (request, reply) => {
      const session = await requireSession(request);
      const asked = (request.query as Record<string, unknown>).done;
      const known = notices.find((notice) => notice === asked);
      return showPortal(request, reply, session, { notice: known ? { kind: 'success', text: t(request, session)(`respondent.done.${known}`) } : undefined });
    });

    for (const form of Object.keys(stepForms) as StepForm[]) {
      scope.post(`${PORTAL_PATH}/${form}`, async (request, reply) => {
        const session = await requireSession(request);
        const { fields } = splitUploads(request.body);
        const parsed = stepForms[form](fields);
        if (!parsed.ok) {
          const message = t(request, session)(parsed.field === 'grounds' ? 'respondent.problems.grounds' : 'respondent.problems.choice');
          return showPortal(request, reply, session, { status: 400, problems: { [`${form}.${parsed.field}`]: message }, typed: typedValues(form, fields) });
        }
        return unlessAdviser(request, reply, session, async () => {
          const outcome = await actAsRespondent(context, session, fields.formToken, parsed.step);
          if (outcome.ok) return reply.redirect(done(outcome.repeated ? 'repeated' : form), 303);
          if ('refusal' in outcome) return refusedPage(request, reply, session, outcome.refusal, form, fields);
          return problemPage(request, reply, session, form, form === 'adviser' ? 'adviser' : 'statement', outcome.problem, fields);
        });
      });
    }

    scope.post(`${PORTAL_PATH}/evidence`, async (request, reply) => {
      const session = await requireSession(request);
      const { fields, uploads } = splitUploads(request.body);
      const parsed = parseForm(evidenceSchema, fields);
      if (!parsed.ok) {
        const field = Object.keys(parsed.fields)[0] ?? 'kind';
        return showPortal(request, reply, session, { status: 400, problems: { [`evidence.${field}`]: t(request, session)('respondent.problems.choice') }, typed: typedValues('evidence', fields) });
      }
      return unlessAdviser(request, reply, session, async () => {
        const outcome = await addRespondentEvidence(context, session, fields.formToken, {
          kind: parsed.data.kind,
          statement: parsed.data.statement,
          uploads: uploads.files ?? [],
          folder: evidenceFolder(app),
        });
        if (outcome.ok) return reply.redirect(done(outcome.repeated ? 'repeated' : 'evidence'), 303);
        if ('refusal' in outcome) return refusedPage(request, reply, session, outcome.refusal, 'evidence', fields);
        return problemPage(request, reply, session, 'evidence', 'statement', outcome.problem, fields);
      });
    });

    scope.post(`${PORTAL_PATH}/message`, async (request, reply) => {
      const session = await requireSession(request);
      const { fields } = splitUploads(request.body);
      const outcome = await sendRespondentMessage(context, session, fields.formToken, fields.text);
      if (outcome.ok) return reply.redirect(done('message'), 303);
      return problemPage(request, reply, session, 'message', 'text', outcome.problem, fields);
    });

    scope.get(`${PORTAL_PATH}/files/:id`, async (request, reply) => {
      const session = await requireSession(request);
      return sendFile(reply, await downloadRespondentFile(context, session, (request.params as Record<string, unknown>).id, evidenceFolder(app)));
    });

    scope.post(`${PORTAL_PATH}/sign-out`, async (request, reply) => {
      const session = await sessionOf(request);
      const language = session?.language ?? request.language;
      if (session) {
        await context.db.transaction(async (tx) => {
          await endRespondentSession(tx, session);
          await recordAudit(tx, { actorId: null, action: 'case.respondent-signed-out', subjectType: 'case', subjectId: session.caseId, details: { access: session.accessId } }, context.clock());
        });
      }
      clearCookie(reply);
      const page = portalContext(request, language, PORTAL_PATH);
      return sendPage(reply, RespondentEndedPage({ context: page, title: page.t('respondent.ended.sessionTitle'), message: page.t('respondent.done.signedOut'), kind: 'success' }));
    });
  });
}
