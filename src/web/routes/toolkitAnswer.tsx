/**
 * Answering an assessment, for colleagues with an invitation link or printed code. No sign-in;
 * the code is the only key. Each post carries the answers so far in a hidden field; moving to
 * the next domain checks that domain's answers, pausing seals them under a resume code, sending
 * stores them once. Nothing about the request (address, browser) is logged or stored.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { decodeProgress, emptyProgress, takePage, takeRole, unansweredQuestions, type Progress } from '../../core/toolkit/answering.ts';
import { domainsInForm } from '../../core/toolkit/template.ts';
import { openInvitation, pauseAnswers, resumeAnswers, submitAnswers, type AnsweringRound } from '../../usecases/toolkit/answering.ts';
import type { App } from '../app.ts';
import { paramsOf } from './toolkitParams.ts';
import { pageContext } from '../app.ts';
import { formValues } from '../forms.ts';
import { sendPage } from '../render.tsx';
import { ToolkitAnswerDonePage, ToolkitAnswerPausedPage, ToolkitAnswerStartPage, ToolkitAnswerStepPage } from '../pages/ToolkitAnswerPages.tsx';

const codeParams = z.object({ code: z.string().max(64) });
const actions = z.enum(['back', 'next', 'pause', 'submit']);

export async function toolkitAnswerRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  function showStep(request: FastifyRequest, reply: FastifyReply, round: AnsweringRound, step: number, progress: Progress, extra: { resumeCode?: string | undefined; unanswered?: string[]; notice?: string } = {}, status = 200) {
    return sendPage(reply, ToolkitAnswerStepPage({ context: pageContext(request), ...round, step, progress, ...extra }), status);
  }

  app.get('/toolkit/answer', async (request, reply) => sendPage(reply, ToolkitAnswerStartPage({ context: pageContext(request) })));

  app.post('/toolkit/answer', async (request, reply) => {
    const values = formValues(request.body);
    try {
      const round = await openInvitation(context.db, values.code);
      return reply.redirect(`/toolkit/answer/${round.code}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendPage(reply, ToolkitAnswerStartPage({ context: pageContext(request), error: request.t(error.messageKey), values }), error.status);
    }
  });

  app.get('/toolkit/answer/:code', async (request, reply) => {
    const { code } = paramsOf(codeParams, request.params);
    const round = await openInvitation(context.db, code);
    return showStep(request, reply, round, 0, emptyProgress());
  });

  app.post('/toolkit/answer/:code', async (request, reply) => {
    const { code } = paramsOf(codeParams, request.params);
    const round = await openInvitation(context.db, code);
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const values = formValues(fields);
    const decoded = values.progress === undefined ? emptyProgress() : decodeProgress(values.progress);
    if (!decoded) throw new AppError('BAD_INPUT', { detail: 'progress' });
    const last = domainsInForm(round.definition, round.form).length + 1;
    const step = Math.min(last, Math.max(0, Number.parseInt(values.step ?? '0', 10) || 0));
    const action = actions.safeParse(values.action).success ? (values.action as z.infer<typeof actions>) : 'next';
    const resumeCode = values.resume;
    let progress = decoded;
    let unanswered: string[] = [];
    if (step === 0) progress = takeRole(progress, values.role);
    if (step >= 1 && step < last) ({ progress, unanswered } = takePage(round.definition, round.form, progress, step - 1, fields));

    if (action === 'pause') {
      const code = await pauseAnswers(context, { code: round.code, progress, resumeCode });
      return sendPage(reply, ToolkitAnswerPausedPage({ context: pageContext(request), resumeCode: code }));
    }
    if (action === 'back') return showStep(request, reply, round, Math.max(0, step - 1), progress, { resumeCode });
    if (action === 'next' && step < last) {
      if (unanswered.length > 0) return showStep(request, reply, round, step, progress, { resumeCode, unanswered }, 400);
      return showStep(request, reply, round, step + 1, progress, { resumeCode });
    }
    try {
      await submitAnswers(context, { code: round.code, progress, resumeCode });
    } catch (error) {
      if (isAppError(error) && error.code === 'TOOLKIT_ANSWERS_INCOMPLETE') {
        const missing = unansweredQuestions(round.definition, round.form, progress);
        const firstDomain = missing[0]?.domainIndex ?? 0;
        return showStep(request, reply, round, firstDomain + 1, progress, { resumeCode, unanswered: missing.map((question) => question.key), notice: request.t(error.messageKey) }, 400);
      }
      throw error;
    }
    return sendPage(reply, ToolkitAnswerDonePage({ context: pageContext(request) }));
  });

  app.post('/toolkit/resume', async (request, reply) => {
    const values = formValues(request.body);
    let restored: Awaited<ReturnType<typeof resumeAnswers>>;
    try {
      restored = await resumeAnswers(context, values.resume);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendPage(reply, ToolkitAnswerStartPage({ context: pageContext(request), error: request.t(error.messageKey) }), error.status);
    }
    const round = await openInvitation(context.db, restored.code);
    const missing = unansweredQuestions(round.definition, round.form, restored.progress);
    const step = missing[0] ? missing[0].domainIndex + 1 : domainsInForm(round.definition, round.form).length + 1;
    return showStep(request, reply, round, step, restored.progress, { resumeCode: restored.resumeCode });
  });
}
