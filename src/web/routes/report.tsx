/**
 * The report channels: GET shows the first page with the whole form; POST sends the report (or
 * saves it) and shows the receipt once. No cookie is read or set here; the signed form token
 * in the page carries all the server needs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import type { FormProblem } from '../../core/intake/reportForm.ts';
import { openReportChannel, type ReportFormView } from '../../usecases/intake/reportChannel.ts';
import { submitReport, type SubmitOutcome } from '../../usecases/intake/submitReport.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { ReportPage } from '../pages/ReportPage.tsx';
import { ReportReceiptPage } from '../pages/ReportReceiptPage.tsx';
import { sendPage } from '../render.tsx';
import { chromeFor, evidenceFolder, slugOf, splitUploads } from './reporterChannel.tsx';

function showForm(
  request: FastifyRequest,
  reply: FastifyReply,
  view: ReportFormView,
  options: { values: FormFields; status: number; problems?: Record<string, FormProblem>; notice?: string },
): FastifyReply {
  return sendPage(
    reply,
    ReportPage({
      context: pageContext(request),
      chrome: chromeFor(request, view.channel, view.support),
      channel: view.channel,
      networkName: view.networkName,
      questionnaire: view.questionnaire,
      formToken: view.formToken,
      values: options.values,
      problems: options.problems,
      notice: options.notice,
    }),
    options.status,
  );
}

export async function reportRoutes(scope: App): Promise<void> {
  const { context } = scope.redress;

  for (const prefix of ['', '/o/:slug']) {
    scope.get(`${prefix}/report`, async (request, reply) => {
      const view = await openReportChannel(context, slugOf(request));
      return showForm(request, reply, view, { values: {}, status: 200 });
    });

    scope.post(`${prefix}/report`, async (request, reply) => {
      const { fields, uploads } = splitUploads(request.body);
      const slug = slugOf(request);
      let outcome: SubmitOutcome;
      try {
        outcome = await submitReport(context, { slug, fields, uploads, attachmentsFolder: evidenceFolder(scope) });
      } catch (error) {
        // Nobody can receive the report: nothing was stored, and the reporter keeps every word.
        if (!isAppError(error) || error.code !== 'REPORT_CHANNEL_UNAVAILABLE') throw error;
        const view = await openReportChannel(context, slug);
        return showForm(request, reply, view, { values: fields, status: error.status, notice: request.t(error.messageKey) });
      }
      switch (outcome.kind) {
        case 'invalid':
          return showForm(request, reply, outcome.view, { values: fields, status: 400, problems: outcome.problems });
        case 'refused':
          return showForm(request, reply, outcome.view, { values: fields, status: 400, notice: request.t(`errors.${outcome.code}`) });
        case 'created':
          return sendPage(
            reply,
            ReportReceiptPage({
              context: pageContext(request),
              chrome: chromeFor(request, outcome.channel, outcome.support),
              receipt: outcome.receipt,
              at: outcome.at,
              status: outcome.status,
              receiverName: outcome.receiverName,
            }),
          );
      }
    });
  }
}
