/**
 * The reporter's escrow pages, in the reporter frame (quick exit, support, strict form bodies,
 * errors shown in that frame): the escrow page itself, and the follow-up where a receipt shows
 * whether the allegation matched and, once it has, records the reporter's choice — going on creates
 * the report and shows its receipt once. No cookie is read or set; each form carries a signed token.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import { checkEscrowStatus, escrowChallenge } from '../../usecases/escrow/checkEscrowStatus.ts';
import { decideWithForm } from '../../usecases/escrow/decideOnMatch.ts';
import { readEscrowConfiguration } from '../../usecases/escrow/readEscrowConfiguration.ts';
import type { FollowUpChallenge } from '../../usecases/intake/signInWithReceipt.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { EscrowFollowUpPage } from '../pages/EscrowFollowUpPage.tsx';
import { EscrowPage, phoneRegions } from '../pages/EscrowPage.tsx';
import { EscrowStatusPage } from '../pages/EscrowStatusPage.tsx';
import { sendPage } from '../render.tsx';
import { escrowChrome, escrowContext, mailLinkBase } from './escrowShared.tsx';
import { REPORT_BODY_LIMIT, reporterErrorHandler, useStrictFormBodies } from './reporterChannel.tsx';

function field(body: FormFields, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** The configuration for the page, or why escrow cannot be used now (never a 500 page). */
async function pageConfiguration(app: App, request: FastifyRequest) {
  try {
    const configuration = await readEscrowConfiguration(await escrowContext(app));
    if (configuration.counsellors.length === 0) return { configuration: undefined, unavailable: request.t('escrow.page.noCounsellors') };
    return { configuration, unavailable: undefined };
  } catch (error) {
    if (!isAppError(error) || !error.code.startsWith('ESCROW_')) throw error;
    request.log.error({ err: error }, 'escrow is not available');
    return { configuration: undefined, unavailable: request.t('errors.ESCROW_UNAVAILABLE') };
  }
}

export async function escrowReporterRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, REPORT_BODY_LIMIT);
    scope.setErrorHandler(async (error, request, reply) => reporterErrorHandler(scope, error, request, reply));

    async function showFollowUp(
      request: FastifyRequest,
      reply: FastifyReply,
      options: { challenge?: FollowUpChallenge; receipt?: string | undefined; problem?: string | undefined; notice?: string | undefined; status?: number } = {},
    ): Promise<FastifyReply> {
      const page = EscrowFollowUpPage({
        context: pageContext(request),
        chrome: await escrowChrome(app, request),
        challenge: options.challenge ?? (await escrowChallenge(context.db, context.clock())),
        receipt: options.receipt,
        problem: options.problem,
        notice: options.notice,
      });
      return sendPage(reply, page, options.status ?? 200);
    }

    scope.get('/escrow', async (request, reply) => {
      const chrome = await escrowChrome(app, request);
      const { configuration, unavailable } = await pageConfiguration(app, request);
      return sendPage(reply, EscrowPage({ context: pageContext(request), chrome, configuration, unavailable, regions: phoneRegions(request.language) }));
    });

    scope.get('/escrow/follow-up', async (request, reply) => showFollowUp(request, reply));

    scope.post('/escrow/follow-up', async (request, reply) => {
      const body = (request.body ?? {}) as FormFields;
      const outcome = await checkEscrowStatus(context, { receipt: body.receipt, challenge: body.challenge, pow: body.pow });
      if (outcome.kind === 'found') return sendPage(reply, EscrowStatusPage({ context: pageContext(request), chrome: await escrowChrome(app, request), view: outcome.view }));
      const error = new AppError(outcome.code, outcome.code === 'RECEIPT_TOO_SOON' ? { seconds: outcome.seconds } : {});
      const message = request.t(error.messageKey, error.params);
      const onField = outcome.code === 'RECEIPT_MALFORMED' || outcome.code === 'RECEIPT_UNKNOWN';
      const problem = outcome.code === 'RECEIPT_MALFORMED' ? `${message} ${request.t(`intake.receiptProblems.${outcome.problem}`, { digits: outcome.digits })}` : message;
      return showFollowUp(request, reply, {
        challenge: outcome.challenge,
        receipt: field(body, 'receipt')?.slice(0, 60),
        problem: onField ? problem : undefined,
        notice: onField ? undefined : message,
        status: error.status,
      });
    });

    scope.post('/escrow/follow-up/decision', async (request, reply) => {
      const body = (request.body ?? {}) as FormFields;
      const decided = await decideWithForm(context, { allegationId: body.allegation, formToken: body.formToken, decision: body.decision, mailLinkBase: mailLinkBase(app, request) });
      const notice = request.t(decided.view.decision === 'proceed' ? 'escrow.status.proceedSaved' : 'escrow.status.declinedSaved');
      const page = EscrowStatusPage({ context: pageContext(request), chrome: await escrowChrome(app, request), view: decided.view, notice, reportReceipt: decided.reportReceipt });
      return sendPage(reply, page);
    });
  });
}
