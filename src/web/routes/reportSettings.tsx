/** Report channel settings for administrators: support resources per language, and the questionnaire editor. */
import type { FastifyRequest } from 'fastify';
import { channelSettings, configurableChannels, setSupportResources } from '../../usecases/intake/setSupportResources.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { ReportChannelSettingsPage, ReportChannelsPage, settingsPath } from '../pages/ReportSettingsPage.tsx';
import { sendPage } from '../render.tsx';
import { openQuestionnaireEditor, saveQuestionnaire } from '../../usecases/intake/editQuestionnaire.ts';
import { QuestionnaireEditorPage, questionnairePath } from '../pages/QuestionnaireEditorPage.tsx';
import { slugOf, useStrictFormBodies } from './reporterChannel.tsx';

export async function reportSettingsRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 1024 * 1024);

    scope.get('/admin/report-channels', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      return sendPage(reply, ReportChannelsPage({ context: pageContext(request), channels: await configurableChannels(context, member.actor) }));
    });

    for (const path of ['/admin/report-channels/network', '/admin/report-channels/o/:slug']) {
      scope.get(path, async (request: FastifyRequest, reply) => {
        if (redirectToEnrolment(request, reply)) return reply;
        const member = requireStaff(request);
        const settings = await channelSettings(context, member.actor, slugOf(request));
        const saved = (request.query as Record<string, unknown>).saved === '1';
        return sendPage(reply, ReportChannelSettingsPage({ context: pageContext(request), ...settings, saved }));
      });

      scope.post(path, async (request: FastifyRequest, reply) => {
        const member = requireStaff(request);
        const slug = slugOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const outcome = await setSupportResources(context, member.actor, slug, body);
        const { channel } = await channelSettings(context, member.actor, slug);
        if (outcome.ok) return reply.redirect(`${settingsPath(channel)}?saved=1`, 303);
        return sendPage(reply, ReportChannelSettingsPage({ context: pageContext(request), channel, support: body, problems: outcome.problems }), 400);
      });

      scope.get(`${path}/questionnaire`, async (request: FastifyRequest, reply) => {
        if (redirectToEnrolment(request, reply)) return reply;
        const member = requireStaff(request);
        const editor = await openQuestionnaireEditor(context, member.actor, slugOf(request));
        const saved = Number((request.query as Record<string, unknown>).saved) || undefined;
        return sendPage(reply, QuestionnaireEditorPage({ context: pageContext(request), editor, saved }));
      });

      scope.post(`${path}/questionnaire`, async (request: FastifyRequest, reply) => {
        const member = requireStaff(request);
        const outcome = await saveQuestionnaire(context, member.actor, slugOf(request), (request.body ?? {}) as Record<string, string>);
        if (outcome.ok) {
          const editor = await openQuestionnaireEditor(context, member.actor, slugOf(request));
          return reply.redirect(`${questionnairePath(editor)}?saved=${outcome.version}`, 303);
        }
        return sendPage(reply, QuestionnaireEditorPage({ context: pageContext(request), editor: outcome.editor, problems: outcome.problems, stale: outcome.stale }), outcome.stale ? 409 : 400);
      });
    }
  });
}
