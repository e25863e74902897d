/** The question bank: templates and versions, copying, editing a draft question by question, publishing. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { allowed } from '../../core/policy.ts';
import { questionKinds } from '../../core/toolkit/template.ts';
import { languages } from '../../i18n/index.ts';
import { addQuestion, copyTemplate, editQuestion, newVersion, publishTemplate, removeQuestion, templateFor, templatesFor, type QuestionEdit } from '../../usecases/toolkit/templates.ts';
import type { App } from '../app.ts';
import { paramsOf } from './toolkitParams.ts';
import { pageContext } from '../app.ts';
import { formValues } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { ToolkitQuestionPage, ToolkitTemplatePage, ToolkitTemplatesPage } from '../pages/ToolkitTemplatePages.tsx';

const idParams = z.object({ id: z.uuid() });
const questionParams = z.object({ id: z.uuid(), key: z.string().min(1).max(100) });
const domainParams = z.object({ id: z.uuid(), domain: z.string().min(1).max(80) });

/** The words of a question in each language (English required), its kind and short-form flag. */
function questionEdit(body: unknown): QuestionEdit | undefined {
  const values = formValues(body);
  const text: Record<string, string> = {};
  for (const language of languages) {
    const value = (values[`text_${language}`] ?? '').trim();
    if (value.length > 1000) return undefined;
    if (value) text[language] = value;
  }
  const kind = questionKinds.find((candidate) => candidate === values.kind);
  if (!text.en || !kind) return undefined;
  return { text, kind, short: values.short === 'yes' };
}

export async function toolkitTemplateRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  async function templatePage(request: FastifyRequest, reply: FastifyReply, id: string, extra: { notice?: string; error?: string } = {}, status = 200) {
    const member = requireStaff(request);
    const template = await templateFor(context, member.actor, id);
    return sendPage(reply, ToolkitTemplatePage({ context: pageContext(request), template, mayEdit: allowed(member.actor, 'toolkit.templates', { kind: 'network' }), ...extra }), status);
  }

  /** Runs an edit; a refused one shows the template again with the reason, changing nothing. */
  async function edit(request: FastifyRequest, reply: FastifyReply, id: string, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      if (isAppError(error) && error.code !== 'NOT_FOUND') return templatePage(request, reply, id, { error: request.t(error.messageKey, error.params) }, error.status);
      throw error;
    }
    return reply.redirect(`/toolkit/templates/${id}`, 303);
  }

  app.get('/toolkit/templates', async (request, reply) => {
    const member = requireStaff(request);
    const templates = await templatesFor(context, member.actor);
    return sendPage(reply, ToolkitTemplatesPage({ context: pageContext(request), templates, mayEdit: allowed(member.actor, 'toolkit.templates', { kind: 'network' }) }));
  });

  app.get('/toolkit/templates/:id', async (request, reply) => templatePage(request, reply, paramsOf(idParams, request.params).id));

  app.post('/toolkit/templates/:id/copy', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = paramsOf(idParams, request.params);
    const name = (formValues(request.body).name ?? '').trim();
    if (!name || name.length > 200) return templatePage(request, reply, id, { error: request.t('toolkit.templates.nameRequired') }, 400);
    const copyId = await copyTemplate(context, member.actor, id, { [request.language]: name });
    return reply.redirect(`/toolkit/templates/${copyId}`, 303);
  });

  app.post('/toolkit/templates/:id/version', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = paramsOf(idParams, request.params);
    try {
      return reply.redirect(`/toolkit/templates/${await newVersion(context, member.actor, id)}`, 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'TOOLKIT_TEMPLATE_FROZEN') return templatePage(request, reply, id, { error: request.t(error.messageKey) }, error.status);
      throw error;
    }
  });

  app.post('/toolkit/templates/:id/publish', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = paramsOf(idParams, request.params);
    return edit(request, reply, id, () => publishTemplate(context, member.actor, id));
  });

  app.get('/toolkit/templates/:id/questions/:key', async (request, reply) => {
    const member = requireStaff(request);
    const { id, key } = paramsOf(questionParams, request.params);
    const template = await templateFor(context, member.actor, id);
    const question = template.definition.domains.flatMap((domain) => domain.questions).find((candidate) => candidate.key === key);
    if (!question || template.status !== 'draft' || template.builtIn) throw new AppError('NOT_FOUND');
    return sendPage(reply, ToolkitQuestionPage({ context: pageContext(request), template, question }));
  });

  app.post('/toolkit/templates/:id/questions/:key', async (request, reply) => {
    const member = requireStaff(request);
    const { id, key } = paramsOf(questionParams, request.params);
    const change = questionEdit(request.body);
    if (!change) return templatePage(request, reply, id, { error: request.t('toolkit.templates.questionInvalid') }, 400);
    return edit(request, reply, id, () => editQuestion(context, member.actor, id, key, change));
  });

  app.post('/toolkit/templates/:id/questions/:key/remove', async (request, reply) => {
    const member = requireStaff(request);
    const { id, key } = paramsOf(questionParams, request.params);
    return edit(request, reply, id, () => removeQuestion(context, member.actor, id, key));
  });

  app.post('/toolkit/templates/:id/domains/:domain/questions', async (request, reply) => {
    const member = requireStaff(request);
    const { id, domain } = paramsOf(domainParams, request.params);
    const change = questionEdit(request.body);
    if (!change) return templatePage(request, reply, id, { error: request.t('toolkit.templates.questionInvalid') }, 400);
    return edit(request, reply, id, () => addQuestion(context, member.actor, id, domain, change));
  });
}
