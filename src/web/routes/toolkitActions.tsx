/** Action points: creating one from a results page, the list with overdue ones, one point and its progress. */
import { z } from 'zod';
import { isAppError } from '../../core/errors.ts';
import { dayOf } from '../../core/toolkit/coarseTime.ts';
import { placedQuestions } from '../../core/toolkit/template.ts';
import { actionStatuses } from '../../storage/toolkit/actionPointStore.ts';
import { roundById } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import { organisationNames } from '../../usecases/organisations/listOrganisations.ts';
import { actionPointWithNotes, actionPointsFor, createActionPoint, overdueFor, recordProgress } from '../../usecases/toolkit/actionPoints.ts';
import { toolkitScopes } from '../../usecases/toolkit/toolkitScopes.ts';
import type { App } from '../app.ts';
import { isoDay, paramsOf } from './toolkitParams.ts';
import { pageContext } from '../app.ts';
import { email, formValues, parseForm, text } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { ToolkitActionPage, ToolkitActionsPage } from '../pages/ToolkitActionPages.tsx';
import { localText } from '../pages/ToolkitParts.tsx';
import { linkBase } from './toolkitRounds.tsx';
import { showResultsPage } from './toolkitResults.tsx';


const newActionForm = z.object({
  roundId: z.uuid(),
  orgId: z.uuid(),
  title: text(300),
  domainKey: z.string().min(1).max(80),
  questionKey: z.string().max(100).optional().default(''),
  ownerName: text(200),
  ownerEmail: z.union([z.literal(''), email]).optional().default(''),
  dueOn: isoDay,
  indicator: text(500),
  target: text(500),
});

const progressForm = z.object({
  status: z.enum(actionStatuses),
  note: text(5000),
  dueOn: z.union([z.literal(''), isoDay]).optional().default(''),
});

const idParams = z.object({ id: z.uuid() });

export async function toolkitActionRoutes(app: App): Promise<void> {
  const { context, config } = app.redress;

  app.post('/toolkit/actions', async (request, reply) => {
    const member = requireStaff(request);
    const ids = paramsOf(z.object({ roundId: z.uuid(), orgId: z.uuid() }), formValues(request.body));
    const form = parseForm(newActionForm, request.body);
    if (!form.ok) return showResultsPage(app, request, reply, ids.roundId, ids.orgId, { errors: form.fields, values: form.values }, 400);
    try {
      const id = await createActionPoint(
        context,
        member.actor,
        { ...form.data, questionKey: form.data.questionKey || null, ownerEmail: form.data.ownerEmail || null },
        linkBase(request, config.publicUrl),
      );
      return reply.redirect(`/toolkit/actions/${id}`, 303);
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return showResultsPage(app, request, reply, ids.roundId, ids.orgId, { errors: error.fields, values: formValues(request.body) }, 400);
      throw error;
    }
  });

  app.get('/toolkit/actions', async (request, reply) => {
    const member = requireStaff(request);
    const scopes = toolkitScopes(member.actor);
    const names = await organisationNames(context.db, scopes.orgIds);
    const groups = [];
    for (const orgId of scopes.orgIds) groups.push({ label: names.get(orgId) ?? orgId, points: await actionPointsFor(context, member.actor, orgId) });
    return sendPage(reply, ToolkitActionsPage({ context: pageContext(request), overdue: await overdueFor(context, member.actor), groups, today: dayOf(context.clock()) }));
  });

  async function actionPage(request: Parameters<typeof requireStaff>[0], id: string, extra: { errors?: Record<string, string>; values?: Record<string, string> } = {}) {
    const member = requireStaff(request);
    const { point, notes } = await actionPointWithNotes(context, member.actor, id);
    const { t, language } = request;
    let domainTitle = point.domainKey;
    let questionText: string | undefined;
    if (point.roundId) {
      const template = await templateById(context.db, (await roundById(context.db, point.roundId)).templateId);
      const domain = template.definition.domains.find((candidate) => candidate.key === point.domainKey);
      if (domain) domainTitle = localText(t, language, domain.title);
      const question = placedQuestions(template.definition).find((candidate) => candidate.key === point.questionKey);
      if (question) questionText = localText(t, language, question.text);
    }
    return ToolkitActionPage({ context: pageContext(request), point, notes, domainTitle, questionText, today: dayOf(context.clock()), ...extra });
  }

  app.get('/toolkit/actions/:id', async (request, reply) => {
    const { id } = paramsOf(idParams, request.params);
    return sendPage(reply, await actionPage(request, id));
  });

  app.post('/toolkit/actions/:id/progress', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = paramsOf(idParams, request.params);
    const form = parseForm(progressForm, request.body);
    if (!form.ok) return sendPage(reply, await actionPage(request, id, { errors: form.fields, values: form.values }), 400);
    await recordProgress(context, member.actor, { id, status: form.data.status, note: form.data.note, dueOn: form.data.dueOn || null }, linkBase(request, config.publicUrl));
    return reply.redirect(`/toolkit/actions/${id}`, 303);
  });
}
