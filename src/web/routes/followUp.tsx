/**
 * Following up a report: the receipt form (single-use challenge, time-lock or proof of work),
 * then the reporter's session — status, timeline, messages, adding information, their choices
 * on the case (contacting the respondent, informal resolution, appeal, adviser), changing the
 * path, withdrawing, finishing a saved draft, signing out. Every write is a plain form POST
 * answered by a redirect, so reloading never sends anything twice; a choice the procedure
 * refuses comes back on the page with the reason, and nothing changed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import type { FormProblem } from '../../core/intake/reportForm.ts';
import { MAX_ANSWER_LENGTH } from '../../core/intake/questionnaire.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { appealGrounds } from '../../core/procedures/vocabulary.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { supportResources } from '../../storage/channelQueries.ts';
import { actOnOwnCase, type ReporterChoice } from '../../usecases/intake/actOnOwnCase.ts';
import { changePath } from '../../usecases/intake/changePath.ts';
import { finishDraft } from '../../usecases/intake/finishDraft.ts';
import { findChannel } from '../../usecases/intake/reportChannel.ts';
import { endReporterSession, loadReporterSession, type ReporterSession } from '../../usecases/intake/reporterSessions.ts';
import { sendReporterMessage } from '../../usecases/intake/sendReporterMessage.ts';
import { followUpChallenge, retryError, signInWithReceipt, type FollowUpChallenge } from '../../usecases/intake/signInWithReceipt.ts';
import { viewFollowUp } from '../../usecases/intake/viewFollowUp.ts';
import { withdrawReport } from '../../usecases/intake/withdrawReport.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { withLanguage } from '../components/ReporterLayout.tsx';
import { FollowUpCasePage, type FollowUpCaseProps } from '../pages/FollowUpCasePage.tsx';
import { reporterChoiceNotices, reporterRefusalText } from '../pages/FollowUpHandling.tsx';
import { formValues, optionalText, parseForm, parseOrThrow, text } from '../forms.ts';
import { FollowUpSignInPage } from '../pages/FollowUpSignInPage.tsx';
import { FollowUpWithdrawPage } from '../pages/FollowUpWithdrawPage.tsx';
import { problemMessage } from '../pages/ReportFormFields.tsx';
import { sendPage } from '../render.tsx';
import { chromeFor, clearReporterCookie, evidenceFolder, prefixOf, splitUploads, readReporterToken, setReporterCookie, slugOf } from './reporterChannel.tsx';

const doneNotices = ['message', 'information', 'path', 'withdrawn', 'saved', 'sent'] as const;

const contactForm = z.object({ intent: z.enum(['allow', 'revoke']) });
const informalForm = z.object({ intent: z.enum(['consent', 'withdraw']) });
const appealForm = z.object({
  grounds: z.preprocess(
    (value) => (value === undefined ? [] : [value].flat()),
    z.array(z.enum(appealGrounds)).refine((grounds) => grounds.length > 0, { params: { messageKey: 'reporterCase.appeal.groundsRequired' } }),
  ),
  statement: optionalText(MAX_ANSWER_LENGTH),
});
const adviserForm = z.object({ adviser: text(2000) });

function field(body: FormFields, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** Field problems (message keys) in words, for the small forms of the follow-up page. */
function fieldProblems(request: FastifyRequest, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, key]) => [name, request.t(key)]));
}

export async function followUpRoutes(scope: App): Promise<void> {
  const { context } = scope.redress;

  const sessionOf = (request: FastifyRequest) => loadReporterSession(context.db, readReporterToken(request), context.clock());

  async function requireReporter(request: FastifyRequest): Promise<ReporterSession> {
    const session = await sessionOf(request);
    if (!session) throw new AppError('FOLLOW_UP_ENDED');
    return session;
  }

  const here = (request: FastifyRequest, path = '') => withLanguage(`${prefixOf(slugOf(request))}/follow-up${path}`, request.language);

  async function showSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { challenge?: FollowUpChallenge; receipt?: string; problem?: string; notice?: string; status?: number } = {},
  ): Promise<FastifyReply> {
    const channel = await findChannel(context.db, slugOf(request));
    const page = FollowUpSignInPage({
      context: pageContext(request),
      chrome: chromeFor(request, channel, await supportResources(context.db, channel.orgId)),
      challenge: options.challenge ?? (await followUpChallenge(context)),
      receipt: options.receipt,
      problem: options.problem,
      notice: options.notice,
    });
    return sendPage(reply, page, options.status ?? 200);
  }

  async function showCase(
    request: FastifyRequest,
    reply: FastifyReply,
    session: ReporterSession,
    options: Omit<FollowUpCaseProps, 'context' | 'chrome' | 'view'> & { status?: number } = {},
  ): Promise<FastifyReply> {
    const view = await viewFollowUp(context, session);
    const { status, ...rest } = options;
    const page = FollowUpCasePage({ context: pageContext(request), chrome: chromeFor(request, view.channel, view.support), view, ...rest });
    return sendPage(reply, page, status ?? 200);
  }

  function doneNotice(request: FastifyRequest): FollowUpCaseProps['notice'] {
    const done = (request.query as Record<string, unknown>).done;
    const known = doneNotices.find((name) => name === done);
    if (known) return { kind: 'success', text: request.t(`intake.followUp.done.${known}`) };
    const chosen = reporterChoiceNotices.find((name) => name === done);
    return chosen ? { kind: 'success', text: request.t(`reporterCase.done.${chosen}`) } : undefined;
  }

  /** The procedure refused: the page again, with the reason, nothing changed. */
  const showRefusal = (request: FastifyRequest, reply: FastifyReply, session: ReporterSession, refused: Refusal) =>
    showCase(request, reply, session, { status: 409, notice: { kind: 'error', text: reporterRefusalText(request.t, refused) } });

  async function choose(request: FastifyRequest, reply: FastifyReply, session: ReporterSession, choice: ReporterChoice, done: (typeof reporterChoiceNotices)[number]) {
    const formToken = ((request.body ?? {}) as FormFields).formToken;
    const outcome = await actOnOwnCase(context, session, { formToken, choice });
    if (outcome.ok) return reply.redirect(here(request, `?done=${done}`), 303);
    return showRefusal(request, reply, session, outcome.refusal);
  }

  const textProblem = (request: FastifyRequest, problem: FormProblem) => problemMessage(pageContext(request), problem, { questions: [] });

  for (const prefix of ['', '/o/:slug']) {
    scope.get(`${prefix}/follow-up`, async (request, reply) => {
      const slug = slugOf(request);
      const session = await sessionOf(request);
      if (session) return showCase(request, reply, session, { notice: doneNotice(request) });
      await findChannel(context.db, slug);
      const signedOut = (request.query as Record<string, unknown>).done === 'signed-out';
      return showSignIn(request, reply, { notice: signedOut ? request.t('intake.followUp.done.signedOut') : undefined });
    });

    scope.post(`${prefix}/follow-up`, async (request, reply) => {
      const body = (request.body ?? {}) as FormFields;
      const outcome = await signInWithReceipt(context, { receipt: body.receipt, challenge: body.challenge, pow: body.pow });
      if (outcome.kind === 'signed-in') {
        setReporterCookie(scope, request, reply, outcome.token);
        return reply.redirect(here(request), 303);
      }
      const error = retryError(outcome);
      const message = request.t(error.messageKey, error.params);
      const onField = outcome.code === 'RECEIPT_MALFORMED' || outcome.code === 'RECEIPT_UNKNOWN';
      const problem = outcome.code === 'RECEIPT_MALFORMED' ? `${message} ${request.t(`intake.receiptProblems.${outcome.problem}`, { digits: outcome.digits })}` : message;
      return showSignIn(request, reply, {
        challenge: outcome.challenge,
        receipt: field(body, 'receipt')?.slice(0, 60),
        problem: onField ? problem : undefined,
        notice: onField ? undefined : message,
        status: error.status,
      });
    });

    for (const kind of ['message', 'information'] as const) {
      scope.post(`${prefix}/follow-up/${kind}`, async (request, reply) => {
        const session = await requireReporter(request);
        const { fields: body, uploads } = splitUploads(request.body);
        const outcome = await sendReporterMessage(context, session, { kind, formToken: body.formToken, text: body.text, uploads: uploads.files ?? [], attachmentsFolder: evidenceFolder(scope) });
        if (outcome.ok) return reply.redirect(here(request, `?done=${kind}`), 303);
        return showCase(request, reply, session, { status: 400, problems: { [kind]: textProblem(request, outcome.problem) }, typed: { [kind]: field(body, 'text') } });
      });
    }

    scope.post(`${prefix}/follow-up/path`, async (request, reply) => {
      const session = await requireReporter(request);
      const body = (request.body ?? {}) as FormFields;
      const outcome = await changePath(context, session, { formToken: body.formToken, path: body.path });
      if (outcome.ok) return reply.redirect(here(request, '?done=path'), 303);
      if ('refusal' in outcome) return showRefusal(request, reply, session, outcome.refusal);
      return showCase(request, reply, session, { status: 400, problems: { path: textProblem(request, outcome.problem) } });
    });

    scope.post(`${prefix}/follow-up/withdraw`, async (request, reply) => {
      const session = await requireReporter(request);
      const body = (request.body ?? {}) as FormFields;
      if (field(body, 'confirm') !== 'yes') {
        const view = await viewFollowUp(context, session);
        return sendPage(reply, FollowUpWithdrawPage({ context: pageContext(request), chrome: chromeFor(request, view.channel, view.support), formToken: field(body, 'formToken') ?? '' }));
      }
      const outcome = await withdrawReport(context, session, { formToken: body.formToken });
      if (!outcome.ok) return showRefusal(request, reply, session, outcome.refusal);
      return reply.redirect(here(request, '?done=withdrawn'), 303);
    });

    scope.post(`${prefix}/follow-up/contact`, async (request, reply) => {
      const session = await requireReporter(request);
      const { intent } = parseOrThrow(contactForm, request.body);
      return choose(request, reply, session, { kind: intent === 'allow' ? 'allowContact' : 'revokeContact' }, intent === 'allow' ? 'contact-allowed' : 'contact-revoked');
    });

    scope.post(`${prefix}/follow-up/informal`, async (request, reply) => {
      const session = await requireReporter(request);
      const { intent } = parseOrThrow(informalForm, request.body);
      return choose(request, reply, session, { kind: intent === 'consent' ? 'consentInformal' : 'withdrawInformal' }, intent === 'consent' ? 'informal-consent' : 'informal-withdrawn');
    });

    scope.post(`${prefix}/follow-up/appeal`, async (request, reply) => {
      const session = await requireReporter(request);
      const form = parseForm(appealForm, request.body);
      if (form.ok) return choose(request, reply, session, { kind: 'appeal', grounds: form.data.grounds, statement: form.data.statement }, 'appeal');
      const grounds = [((request.body ?? {}) as FormFields).grounds ?? []].flat().filter((ground) => typeof ground === 'string');
      return showCase(request, reply, session, {
        status: 400,
        choiceProblems: fieldProblems(request, form.fields),
        choiceTyped: { grounds, statement: form.values.statement },
      });
    });

    scope.post(`${prefix}/follow-up/adviser`, async (request, reply) => {
      const session = await requireReporter(request);
      const form = parseForm(adviserForm, request.body);
      if (form.ok) return choose(request, reply, session, { kind: 'adviser', adviser: form.data.adviser }, 'adviser');
      return showCase(request, reply, session, { status: 400, choiceProblems: fieldProblems(request, form.fields), choiceTyped: { adviser: formValues(request.body).adviser } });
    });

    scope.post(`${prefix}/follow-up/draft`, async (request, reply) => {
      const session = await requireReporter(request);
      const { fields: body, uploads } = splitUploads(request.body);
      try {
        const outcome = await finishDraft(context, session, { fields: body, uploads, attachmentsFolder: evidenceFolder(scope) });
        if (outcome.kind === 'invalid') return showCase(request, reply, session, { status: 400, draftValues: body, draftProblems: outcome.problems });
        return reply.redirect(here(request, `?done=${outcome.kind}`), 303);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'DRAFT_ALREADY_SENT') throw error;
        return showCase(request, reply, session, { status: error.status, notice: { kind: 'error', text: request.t(error.messageKey) } });
      }
    });

    scope.post(`${prefix}/follow-up/sign-out`, async (request, reply) => {
      const session = await sessionOf(request);
      if (session) {
        await context.db.transaction(async (tx) => {
          await endReporterSession(tx, session);
          await recordAudit(tx, { actorId: null, action: 'case.reporter-signed-out', subjectType: 'case', subjectId: session.caseId }, context.clock());
        });
      }
      clearReporterCookie(reply);
      return reply.redirect(here(request, '?done=signed-out'), 303);
    });
  }
}
