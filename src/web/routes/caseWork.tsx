/**
 * The case work around the procedure: internal notes, labels and category, links between
 * cases, referrals (each a form on the case page that comes back here), and break-glass access
 * to a case. Each route parses its form with one schema, calls one use-case and redirects to
 * the case page's section; a refused form comes back with status 400 and nothing written. A
 * case the member may not open answers 404 exactly like an unknown one.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { breakGlassInput, labelsInput, linkInput, noteInput, referralInput, unlinkInput } from '../../core/cases/caseWorkInput.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { addCaseNote } from '../../usecases/cases/addCaseNote.ts';
import { addReferral } from '../../usecases/cases/addReferral.ts';
import { breakGlassStatus, endBreakGlass, startBreakGlass } from '../../usecases/cases/breakGlass.ts';
import type { StaffMember } from '../../usecases/cases/caseAccess.ts';
import { openCaseWork, type CaseWorkOutcome } from '../../usecases/cases/caseWork.ts';
import { linkCases, unlinkCases } from '../../usecases/cases/linkCases.ts';
import { setCaseLabels } from '../../usecases/cases/setCaseLabels.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm, type FieldErrors } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { BreakGlassPage, BreakGlassUnavailablePage } from '../pages/BreakGlassPage.tsx';
import type { CaseWorkForm } from '../pages/CaseWorkSections.tsx';
import { CaseWorkPage } from '../pages/CaseWorkPage.tsx';
import { sendPage } from '../render.tsx';
import { useStrictFormBodies } from './reporterChannel.tsx';

function caseIdOf(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).id;
  // A malformed id is answered like an unknown one.
  if (!isCaseId(id)) throw new AppError('NOT_FOUND');
  return id;
}

export async function caseWorkRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 256 * 1024);

    /** A case-work form: parse, one use-case, back to the section; or the form again with its problem. */
    function caseWorkForm<S extends z.ZodType>(input: {
      path: string;
      form: CaseWorkForm;
      schema: S;
      section: string;
      run: (member: StaffMember, caseId: string, data: z.infer<S>) => Promise<CaseWorkOutcome | unknown>;
    }) {
      scope.post(`/cases/:id/${input.path}`, async (request, reply) => {
        const member = requireStaff(request);
        const id = caseIdOf(request);
        const parsed = parseForm(input.schema, request.body);
        if (!parsed.ok) return showProblem(request, reply, member, id, input.form, parsed.fields);
        const outcome = await input.run(member, id, parsed.data);
        if (isRefusal(outcome)) return showProblem(request, reply, member, id, input.form, { [outcome.field]: outcome.messageKey });
        return reply.redirect(`/cases/${id}#${input.section}`, 303);
      });
    }

    async function showProblem(request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, form: CaseWorkForm, fields: FieldErrors) {
      const work = await openCaseWork(context, member, id);
      return sendPage(reply, CaseWorkPage({ context: pageContext(request), caseId: id, work, problem: { form, fields }, typed: formValues(request.body) }), 400);
    }

    caseWorkForm({ path: 'notes', form: 'note', schema: noteInput, section: 'case-notes', run: (member, id, data) => addCaseNote(context, member, id, data) });
    caseWorkForm({ path: 'labels', form: 'labels', schema: labelsInput, section: 'case-labels', run: (member, id, data) => setCaseLabels(context, member, id, data) });
    caseWorkForm({ path: 'links', form: 'link', schema: linkInput, section: 'case-links', run: (member, id, data) => linkCases(context, member, id, data) });
    caseWorkForm({ path: 'referrals', form: 'referral', schema: referralInput, section: 'case-referrals', run: (member, id, data) => addReferral(context, member, id, data) });

    scope.post('/cases/:id/links/remove', async (request, reply) => {
      const member = requireStaff(request);
      const id = caseIdOf(request);
      const parsed = parseForm(unlinkInput, request.body);
      // The linked case comes from a hidden field: anything malformed is answered like an unknown case.
      if (!parsed.ok) throw new AppError('NOT_FOUND');
      await unlinkCases(context, member, id, parsed.data.linked);
      return reply.redirect(`/cases/${id}#case-links`, 303);
    });

    async function breakGlassPage(request: FastifyRequest, reply: FastifyReply, member: StaffMember, extra: { errors?: FieldErrors; ended?: boolean } = {}) {
      const id = (request.params as Record<string, unknown>).id;
      const status = isCaseId(id) ? await breakGlassStatus(context, member, id).catch(unavailable) : undefined;
      if (!isCaseId(id) || !status) return sendPage(reply, BreakGlassUnavailablePage({ context: pageContext(request) }), 404);
      const typed = extra.errors ? formValues(request.body) : undefined;
      return sendPage(reply, BreakGlassPage({ context: pageContext(request), caseId: id, status, ...extra, typed }), extra.errors ? 400 : 200);
    }

    scope.get('/cases/:id/break-glass', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      return breakGlassPage(request, reply, member, { ended: (request.query as Record<string, unknown>).ended === '1' });
    });

    scope.post('/cases/:id/break-glass', async (request, reply) => {
      const member = requireStaff(request);
      const parsed = parseForm(breakGlassInput, request.body);
      if (!parsed.ok) return breakGlassPage(request, reply, member, { errors: parsed.fields });
      const id = caseIdOf(request);
      const outcome = await startBreakGlass(context, member, id, parsed.data).catch(unavailable);
      if (!outcome) return sendPage(reply, BreakGlassUnavailablePage({ context: pageContext(request) }), 404);
      if (!outcome.ok) return breakGlassPage(request, reply, member, { errors: { [outcome.field]: outcome.messageKey } });
      return reply.redirect(`/cases/${id}`, 303);
    });

    scope.post('/cases/:id/break-glass/end', async (request, reply) => {
      const member = requireStaff(request);
      const id = caseIdOf(request);
      await endBreakGlass(context, member, id);
      return reply.redirect(`/cases/${id}/break-glass?ended=1`, 303);
    });
  });
}

function isRefusal(outcome: unknown): outcome is Extract<CaseWorkOutcome, { ok: false }> {
  return typeof outcome === 'object' && outcome !== null && 'ok' in outcome && outcome.ok === false;
}

/** NOT_FOUND from the break-glass use-cases becomes "not available", the same for every case. */
function unavailable(error: unknown): undefined {
  if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
  throw error;
}
