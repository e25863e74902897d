/**
 * Following up a report: the receipt form (single-use challenge, time-lock or proof of work),
 * then the reporter's session — status, timeline, messages, adding information, changing the
 * path, withdrawing, finishing a saved draft, signing out. Every write is a plain form POST
 * answered by a redirect, so reloading never sends anything twice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import type { FormProblem } from '../../core/intake/reportForm.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { supportResources } from '../../storage/channelQueries.ts';
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
import { FollowUpSignInPage } from '../pages/FollowUpSignInPage.tsx';
import { FollowUpWithdrawPage } from '../pages/FollowUpWithdrawPage.tsx';
import { problemMessage } from '../pages/ReportFormFields.tsx';
import { sendPage } from '../render.tsx';
import { chromeFor, clearReporterCookie, evidenceFolder, prefixOf, splitUploads, readReporterToken, setReporterCookie, slugOf } from './reporterChannel.tsx';

const doneNotices = ['message', 'information', 'path', 'withdrawn', 'saved', 'sent'] as const;

function field(body: FormFields, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
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
    return known ? { kind: 'success', text: request.t(`intake.followUp.done.${known}`) } : undefined;
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
      return showCase(request, reply, session, { status: 400, problems: { path: textProblem(request, outcome.problem) } });
    });

    scope.post(`${prefix}/follow-up/withdraw`, async (request, reply) => {
      const session = await requireReporter(request);
      const body = (request.body ?? {}) as FormFields;
      if (field(body, 'confirm') !== 'yes') {
        const view = await viewFollowUp(context, session);
        return sendPage(reply, FollowUpWithdrawPage({ context: pageContext(request), chrome: chromeFor(request, view.channel, view.support), formToken: field(body, 'formToken') ?? '' }));
      }
      await withdrawReport(context, session, { formToken: body.formToken });
      return reply.redirect(here(request, '?done=withdrawn'), 303);
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
