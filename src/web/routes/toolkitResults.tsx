/**
 * Results for coordinators: an organisation's report (page, CSV, PDF), the network roll-up
 * (page, CSV, PDF), an organisation's progress over rounds, and evidence downloads. Every route
 * reads through usecases/toolkit/viewResults.ts, so all of them show the same published cells.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reportCsv, rollupCsv, type CsvLabels } from '../../core/toolkit/csv.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import { placedQuestions, type TemplateDefinition } from '../../core/toolkit/template.ts';
import type { Translate } from '../../i18n/index.ts';
import { actionPointsFor } from '../../usecases/toolkit/actionPoints.ts';
import { downloadEvidence } from '../../usecases/toolkit/addEvidence.ts';
import { organisationReportPdf, rollupPdf, type PdfLabels } from '../../usecases/toolkit/reportPdf.ts';
import { networkReport, organisationReport, progressAcrossRounds } from '../../usecases/toolkit/viewResults.ts';
import type { App } from '../app.ts';
import { paramsOf } from './toolkitParams.ts';
import { pageContext } from '../app.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { ToolkitNetworkPage } from '../pages/ToolkitNetworkPage.tsx';
import { countText, hiddenText, localText, scoreText } from '../pages/ToolkitParts.tsx';
import { ToolkitProgressPage } from '../pages/ToolkitProgressPage.tsx';
import { ToolkitResultsPage } from '../pages/ToolkitResultsPage.tsx';

const reportParams = z.object({ roundId: z.uuid(), orgId: z.uuid(), format: z.enum(['csv', 'pdf']).optional() });
const networkParams = z.object({ roundId: z.uuid(), format: z.enum(['csv', 'pdf']).optional() });
const orgParams = z.object({ orgId: z.uuid() });
const idParams = z.object({ id: z.uuid() });

function textLabels(t: Translate, language: string, definition: TemplateDefinition): CsvLabels & Pick<PdfLabels, 'score' | 'count'> {
  const domains = new Map(definition.domains.map((domain) => [domain.key, localText(t, language, domain.title)]));
  const questions = new Map(placedQuestions(definition).map((question) => [question.key, localText(t, language, question.text)]));
  return {
    domain: (key) => domains.get(key) ?? key,
    question: (key) => questions.get(key) ?? key,
    role: (role) => t(`toolkit.roles.${role}`),
    hidden: (hidden) => hiddenText(t, hidden),
    all: t('toolkit.results.everyone'),
    score: (score) => scoreText(t, score),
    count: (cell) => countText(t, cell),
  };
}

function sendFile(reply: FastifyReply, content: string | Uint8Array, type: string, name: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(typeof content === 'string' ? content : Buffer.from(content));
}

export async function toolkitResultRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  const resultsPage = (request: FastifyRequest, reply: FastifyReply, roundId: string, orgId: string) => showResultsPage(app, request, reply, roundId, orgId);

  app.get('/toolkit/rounds/:roundId/results/:orgId', async (request, reply) => {
    const raw = request.params as Record<string, string>;
    const match = /^(.*)\.(csv|pdf)$/.exec(raw.orgId ?? '');
    const { roundId, orgId, format } = paramsOf(reportParams, match ? { roundId: raw.roundId, orgId: match[1], format: match[2] } : raw);
    if (!format) return resultsPage(request, reply, roundId, orgId);
    const member = requireStaff(request);
    const report = await organisationReport(context, member.actor, roundId, orgId);
    if (report.results.state !== 'closed') return resultsPage(request, reply, roundId, orgId);
    const { t, language } = request;
    const labels = textLabels(t, language, report.definition);
    const name = `${report.round.title}-${report.organisationName}`;
    if (format === 'csv') return sendFile(reply, reportCsv(report.results.report, report.results.comments, labels), 'text/csv; charset=utf-8', `${name}.csv`);
    const pdf = await organisationReportPdf(report.results.report, report.results.comments, {
      ...labels,
      title: t('toolkit.results.title', { round: report.round.title, organisation: report.organisationName }),
      subtitle: `${localText(t, language, report.templateName)} — ${t(`toolkit.form.${report.round.form}`)} — ${report.round.closedOn ?? ''}`,
      respondents: t('toolkit.results.respondents'),
      byDomain: t('toolkit.results.byDomain'),
      byRole: t('toolkit.results.byRole'),
      byQuestion: t('toolkit.results.byQuestion'),
      comments: t('toolkit.results.comments'),
      byOrganisation: t('toolkit.network.byOrganisation'),
      footer: t('toolkit.results.thresholdNote'),
    });
    return sendFile(reply, pdf, 'application/pdf', `${name}.pdf`);
  });

  app.get('/toolkit/rounds/:roundId/network', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId } = paramsOf(networkParams, request.params);
    return sendPage(reply, ToolkitNetworkPage({ context: pageContext(request), report: await networkReport(context, member.actor, roundId) }));
  });

  app.get('/toolkit/rounds/:roundId/network.:format', async (request, reply) => {
    const member = requireStaff(request);
    const { roundId, format } = paramsOf(networkParams, request.params);
    const report = await networkReport(context, member.actor, roundId);
    if (report.results.state !== 'closed') return reply.redirect(`/toolkit/rounds/${roundId}/network`, 303);
    const { t, language } = request;
    const labels = textLabels(t, language, report.definition);
    const keys = report.definition.domains.map((domain) => domain.key);
    const nameOf = (orgId: string) => report.organisationNames.get(orgId) ?? '';
    const name = `${report.round.title}-network`;
    if (format === 'csv') return sendFile(reply, rollupCsv(report.results.rollup, keys, nameOf, labels), 'text/csv; charset=utf-8', `${name}.csv`);
    const pdf = await rollupPdf(report.results.rollup, keys, nameOf, {
      ...labels,
      title: t('toolkit.network.title', { round: report.round.title }),
      subtitle: `${localText(t, language, report.templateName)} — ${report.round.closedOn ?? ''}`,
      respondents: t('toolkit.results.respondents'),
      byDomain: t('toolkit.results.byDomain'),
      byRole: t('toolkit.results.byRole'),
      byQuestion: t('toolkit.results.byQuestion'),
      comments: t('toolkit.results.comments'),
      byOrganisation: t('toolkit.network.byOrganisation'),
      footer: t('toolkit.network.sharingNote'),
    });
    return sendFile(reply, pdf, 'application/pdf', `${name}.pdf`);
  });

  app.get('/toolkit/progress/:orgId', async (request, reply) => {
    const member = requireStaff(request);
    const { orgId } = paramsOf(orgParams, request.params);
    const progress = await progressAcrossRounds(context, member.actor, orgId);
    const points = await actionPointsFor(context, member.actor, orgId);
    return sendPage(reply, ToolkitProgressPage({ context: pageContext(request), progress, actionPoints: points, today: dayOf(context.clock()) }));
  });

  app.get('/toolkit/evidence/:id', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = paramsOf(idParams, request.params);
    const file = await downloadEvidence(context, member.actor, id);
    return sendFile(reply, file.content, file.contentType, file.fileName).header('x-content-type-options', 'nosniff');
  });
}

/** An organisation's results page; also shown again, with errors, when the action-point form on it is refused. */
export async function showResultsPage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  roundId: string,
  orgId: string,
  extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
  status = 200,
): Promise<FastifyReply> {
  const member = requireStaff(request);
  const { context } = app.redress;
  const report = await organisationReport(context, member.actor, roundId, orgId);
  const points = (await actionPointsFor(context, member.actor, orgId)).filter((point) => point.roundId === roundId);
  return sendPage(reply, ToolkitResultsPage({ context: pageContext(request), report, actionPoints: points, ...extra }), status);
}
