/**
 * Staff administration: the list with pending invitations and the invitation form, one
 * person's page with role grants and revocations, deactivation. Every change is made by one
 * use-case that authorises it; a person the administrator may not manage is NOT_FOUND.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { isStaffRole, type RoleGrant, type StaffRole } from '../../core/roles.ts';
import { isLanguage } from '../../i18n/index.ts';
import { grantRole, revokeRole } from '../../usecases/staff/changeRoles.ts';
import { deactivateStaff, reactivateStaff } from '../../usecases/staff/deactivateStaff.ts';
import { inviteStaff } from '../../usecases/staff/inviteStaff.ts';
import { grantableScopes, listPendingInvitations, listStaff, staffMemberDetails, type Scope } from '../../usecases/staff/listStaff.ts';
import { revokeInvitation } from '../../usecases/staff/revokeInvitation.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { email, formValues, parseForm, text, type FieldErrors } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { NETWORK_SCOPE, scopeValue } from '../pages/AdminFormParts.tsx';
import { AdminInvitationCreatedPage } from '../pages/AdminInvitationCreatedPage.tsx';
import { AdminStaffMemberPage } from '../pages/AdminStaffMemberPage.tsx';
import { AdminStaffPage, INVITATION_ROLE_ROWS } from '../pages/AdminStaffPage.tsx';

const choice = z.string().max(100).optional().default('');

const inviteForm = z.object({
  name: text(200),
  email,
  language: z.string().refine(isLanguage),
  ...Object.fromEntries(INVITATION_ROLE_ROWS.flatMap((row) => [[`role${row}`, choice], [`scope${row}`, choice]])),
});

const grantForm = z.object({ role: choice, scope: choice });

const revokeForm = z.object({
  role: z.string().refine(isStaffRole),
  scope: z.union([z.literal(NETWORK_SCOPE), z.uuid()]),
});

const idParams = z.object({ id: z.uuid() });

function idFrom(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data.id;
}

/**
 * Reads one "role in scope" choice. An empty role skips the row when `optional`; a scope must
 * be one the form offered (the use-case still authorises it).
 */
function grantFrom(role: string, scope: string, scopes: Scope[], optional: boolean): { grant?: RoleGrant; error?: string } {
  if (role === '' && optional) return {};
  if (!isStaffRole(role)) return { error: 'adminStaff.chooseRole' };
  const offered = scopes.find((candidate) => scopeValue(candidate.orgId) === scope);
  if (!offered) return { error: 'adminStaff.chooseScope' };
  return { grant: { role: role as StaffRole, orgId: offered.orgId } };
}

function invitationGrants(values: Record<string, string | undefined>, scopes: Scope[]): { grants: RoleGrant[]; errors: FieldErrors } {
  const grants: RoleGrant[] = [];
  const errors: FieldErrors = {};
  for (const row of INVITATION_ROLE_ROWS) {
    const read = grantFrom(values[`role${row}`] ?? '', values[`scope${row}`] ?? '', scopes, true);
    if (read.error) errors[`role${row}`] = read.error;
    if (read.grant) grants.push(read.grant);
  }
  if (grants.length === 0 && Object.keys(errors).length === 0) errors.grants = 'adminStaff.chooseRole';
  return { grants, errors };
}

const memberNotices: Record<string, string> = {
  granted: 'adminStaff.roleGranted',
  unchanged: 'adminStaff.roleAlreadyHeld',
  revoked: 'adminStaff.roleRevoked',
  deactivated: 'adminStaff.deactivated',
  reactivated: 'adminStaff.reactivated',
};

export async function adminStaffRoutes(app: App): Promise<void> {
  const { context, config } = app.redress;

  async function showList(request: FastifyRequest, reply: FastifyReply, actor: Actor, form: { values: Record<string, string>; errors?: FieldErrors }, status = 200) {
    const members = await listStaff(context.db, actor);
    const invitations = await listPendingInvitations(context.db, actor, context.clock());
    const scopes = await grantableScopes(context.db, actor);
    const revoked = (request.query as Record<string, unknown>).revoked === '1';
    return sendPage(reply, AdminStaffPage({ context: pageContext(request), members, invitations, scopes, form, revoked }), status);
  }

  async function showMember(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    staffId: string,
    extra: { values?: Record<string, string>; problem?: string; status?: number } = {},
  ) {
    const member = await staffMemberDetails(context.db, actor, staffId);
    const scopes = await grantableScopes(context.db, actor);
    const done = (request.query as Record<string, unknown>).done;
    const noticeKey = typeof done === 'string' ? memberNotices[done] : undefined;
    const notice = noticeKey ? request.t(noticeKey) : undefined;
    return sendPage(reply, AdminStaffMemberPage({ context: pageContext(request), member, scopes, values: extra.values, problem: extra.problem, notice }), extra.status ?? 200);
  }

  app.get('/admin/staff', async (request, reply) => {
    const member = requireStaff(request);
    return showList(request, reply, member.actor, { values: {} });
  });

  app.post('/admin/staff/invitations', async (request, reply) => {
    const member = requireStaff(request);
    const scopes = await grantableScopes(context.db, member.actor);
    const form = parseForm(inviteForm, request.body);
    const values = formValues(request.body);
    const chosen = invitationGrants(values, scopes);
    if (!form.ok || Object.keys(chosen.errors).length > 0) {
      return showList(request, reply, member.actor, { values, errors: { ...(form.ok ? {} : form.fields), ...chosen.errors } }, 400);
    }
    const input = { name: form.data.name, email: form.data.email, language: form.data.language, grants: chosen.grants };
    try {
      const issued = await inviteStaff(context, { kind: 'staff', actor: member.actor }, input, {
        linkBase: config.publicUrl ?? `${request.protocol}://${request.host}`,
        sendEmail: Boolean(config.smtpUrl),
      });
      return sendPage(reply, AdminInvitationCreatedPage({ context: pageContext(request), name: input.name, email: input.email, ...issued }));
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return showList(request, reply, member.actor, { values, errors: error.fields }, error.status);
      throw error;
    }
  });

  app.post('/admin/staff/invitations/:id/revoke', async (request, reply) => {
    const member = requireStaff(request);
    await revokeInvitation(context, member.actor, idFrom(request));
    return reply.redirect('/admin/staff?revoked=1', 303);
  });

  app.get('/admin/staff/:id', async (request, reply) => {
    const member = requireStaff(request);
    return showMember(request, reply, member.actor, idFrom(request));
  });

  app.post('/admin/staff/:id/roles/grant', async (request, reply) => {
    const member = requireStaff(request);
    const staffId = idFrom(request);
    // Managing this person at all comes first: an unknown or foreign id is NOT_FOUND, never a form error.
    await staffMemberDetails(context.db, member.actor, staffId);
    const scopes = await grantableScopes(context.db, member.actor);
    const form = parseForm(grantForm, request.body);
    const read = form.ok ? grantFrom(form.data.role, form.data.scope, scopes, false) : { error: 'adminStaff.chooseRole' };
    if (!read.grant) {
      return showMember(request, reply, member.actor, staffId, { values: formValues(request.body), problem: request.t(read.error ?? 'adminStaff.chooseRole'), status: 400 });
    }
    const changed = await grantRole(context, member.actor, staffId, read.grant);
    return reply.redirect(`/admin/staff/${staffId}?done=${changed ? 'granted' : 'unchanged'}`, 303);
  });

  app.post('/admin/staff/:id/roles/revoke', async (request, reply) => {
    const member = requireStaff(request);
    const staffId = idFrom(request);
    const form = parseForm(revokeForm, request.body);
    if (!form.ok) throw new AppError('NOT_FOUND');
    const grant = { role: form.data.role as StaffRole, orgId: form.data.scope === NETWORK_SCOPE ? null : form.data.scope };
    try {
      const { stillVisible } = await revokeRole(context, member.actor, staffId, grant);
      return reply.redirect(stillVisible ? `/admin/staff/${staffId}?done=revoked` : '/admin/staff', 303);
    } catch (error) {
      if (isAppError(error) && error.code === 'LAST_ADMIN') return showMember(request, reply, member.actor, staffId, { problem: request.t(error.messageKey), status: error.status });
      throw error;
    }
  });

  for (const [action, change] of [
    ['deactivate', deactivateStaff],
    ['reactivate', reactivateStaff],
  ] as const) {
    app.post(`/admin/staff/:id/${action}`, async (request, reply) => {
      const member = requireStaff(request);
      const staffId = idFrom(request);
      try {
        await change(context, member.actor, staffId);
      } catch (error) {
        if (isAppError(error) && error.code === 'LAST_ADMIN') return showMember(request, reply, member.actor, staffId, { problem: request.t(error.messageKey), status: error.status });
        throw error;
      }
      return reply.redirect(`/admin/staff/${staffId}?done=${action}d`, 303);
    });
  }
}
