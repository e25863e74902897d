/**
 * POST /cases/:id/actions: a staff member acts on a case through the procedure engine. The
 * form is parsed with its one schema (core/cases/actionForms.ts), the use-case acts (or finds
 * the same form sent twice), and the answer is a redirect back with a notice; or the case page
 * again with what was typed and the problem — 400 for bad input, 409 for a refusal by the
 * procedure. A case the member may not act on answers 404, exactly like an unknown one.
 * Declaring one's own conflict of interest takes the case away: that redirect goes to the inbox.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actionFormSchema } from '../../core/cases/actionForms.ts';
import type { StaffMember } from '../../usecases/cases/caseAccess.ts';
import { submitCaseAction } from '../../usecases/cases/submitCaseAction.ts';
import type { App } from '../app.ts';
import { parseForm } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import type { ActionFeedback } from '../pages/CaseProcedureActions.tsx';
import type { TypedForm } from '../pages/CaseProcedureFields.tsx';

export type ShowCase = (request: FastifyRequest, reply: FastifyReply, member: StaffMember, id: string, action: ActionFeedback, status: number) => Promise<FastifyReply>;

/** The inbox notice after someone declares their own conflict (shown by the inbox page). */
export const CONFLICT_RECORDED_NOTICE = 'conflictRecorded';

/** What was typed, to put back in the form: every field but the form token. */
function typedFields(body: unknown): TypedForm {
  const typed: TypedForm = {};
  if (!body || typeof body !== 'object') return typed;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (typeof value === 'string') typed[name] = value;
    else if (Array.isArray(value)) typed[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return typed;
}

/** Which form on the page was sent (to show its problem beside it): `type` or `type:target`. */
function formOf(typed: TypedForm): string {
  const form = typed.form;
  if (typeof form === 'string' && /^[A-Za-z]{1,40}(:[\w:-]{1,120})?$/.test(form)) return form;
  return typeof typed.type === 'string' && /^[A-Za-z]{1,40}$/.test(typed.type) ? typed.type : 'unknown';
}

export async function caseActionRoutes(scope: App, caseIdOf: (request: FastifyRequest) => string, show: ShowCase): Promise<void> {
  const { context } = scope.redress;
  scope.post('/cases/:id/actions', async (request, reply) => {
    const member = requireStaff(request);
    const id = caseIdOf(request);
    const typed = typedFields(request.body);
    const form = formOf(typed);
    const parsed = parseForm(actionFormSchema, request.body);
    if (!parsed.ok) return show(request, reply, member, id, { form, typed, fields: parsed.fields }, 400);
    const outcome = await submitCaseAction(context, member, id, parsed.data);
    if (!outcome.ok) {
      // A text the use-case could not read is bad input; anything else the procedure refused.
      return show(request, reply, member, id, { form, typed, refusal: outcome.refusal }, outcome.refusal.code === 'ACTION_INVALID' ? 400 : 409);
    }
    const { action } = outcome;
    if (action.type === 'recordConflict' && action.staffId === member.staffId) return reply.redirect(`/inbox?done=${CONFLICT_RECORDED_NOTICE}`, 303);
    return reply.redirect(`/cases/${id}?done=${action.type}`, 303);
  });
}
