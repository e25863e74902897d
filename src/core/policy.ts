/**
 * The one place where access is decided. Use-cases ask `allowed(actor, action, resource)` or
 * call `authorize`, which throws NOT_FOUND — the same answer as for a record that does not
 * exist, so a caller without access learns nothing.
 */
import { AppError } from './errors.ts';
import type { RoleGrant, StaffRole } from './roles.ts';

export type Actor = { staffId: string; grants: readonly RoleGrant[] };

export type Resource =
  | { kind: 'network' }
  | { kind: 'organisation'; orgId: string }
  | { kind: 'staff-scope'; orgId: string | null }
  | { kind: 'audit-log' }
  /** A staff member or a pending invitation, described by the roles it holds or would give. */
  | { kind: 'staff-member'; grants: readonly RoleGrant[] }
  /** Publishing in the name of an organisation (orgId) or of the network (null). */
  | { kind: 'blog-scope'; orgId: string | null }
  /** A post, described by its author and the organisation it speaks for. */
  | { kind: 'blog-post'; authorId: string; orgId: string | null }
  /** A report channel: an organisation's (orgId) or the network's (null). */
  | { kind: 'report-channel'; orgId: string | null }
  /**
   * A case, by its receiving scope; whether its key was wrapped for the actor; whether the actor
   * is conflicted (named in it or related to a party); whether they hold live break-glass access.
   */
  | { kind: 'case'; orgId: string | null; keyHolder: boolean; conflicted?: boolean; breakGlass?: boolean }
  /** Assessment work of an organisation (orgId) or of the network as a whole (null). */
  | { kind: 'toolkit-scope'; orgId: string | null };

export type Action =
  | 'network.administer'
  | 'organisation.create'
  | 'organisation.administer'
  | 'staff.list'
  | 'staff.invite'
  | 'staff.change-roles'
  | 'audit.read'
  | 'audit.verify'
  | 'organisation.edit'
  | 'staff.view'
  | 'staff.deactivate'
  | 'invitation.revoke'
  | 'blog.enter'
  | 'blog.write'
  | 'blog.edit'
  | 'blog.review'
  | 'blog.approve'
  | 'blog.moderate'
  | 'blog.reply'
  | 'blog.series'
  | 'channel.configure'
  /** Adapting procedure definitions for an organisation (orgId) or the network (null). */
  | 'procedure.configure'
  | 'inbox.view'
  | 'case.open'
  | 'case.reply'
  /** Any procedure action (the engine then decides by case role, order and separation of duties). */
  | 'case.act'
  /** Emergency access to a case of one's scope that one holds no key for. */
  | 'case.break-glass'
  /** The case file as a PDF. */
  | 'case.export'
  /** Reading a case's audit trail (metadata only). */
  | 'case.audit'
  | 'toolkit.enter'
  | 'toolkit.templates'
  | 'toolkit.run-rounds'
  | 'toolkit.see-results'
  | 'escrow.counsel'
  | 'escrow.invite'
  | 'escrow.configure';

function hasNetworkRole(actor: Actor, role: StaffRole): boolean {
  return actor.grants.some((grant) => grant.role === role && grant.orgId === null);
}

function hasRoleIn(actor: Actor, role: StaffRole, orgId: string | null): boolean {
  return hasNetworkRole(actor, role) || actor.grants.some((grant) => grant.role === role && grant.orgId === orgId);
}

export function allowed(actor: Actor | undefined, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  switch (action) {
    case 'network.administer':
    case 'organisation.create':
      return hasNetworkRole(actor, 'admin');
    case 'organisation.administer':
      return resource.kind === 'organisation' && hasRoleIn(actor, 'admin', resource.orgId);
    case 'staff.list':
    case 'staff.invite':
    case 'staff.change-roles':
      return resource.kind === 'staff-scope' && hasRoleIn(actor, 'admin', resource.orgId);
    case 'audit.read':
    case 'audit.verify':
      return hasNetworkRole(actor, 'auditor') || hasNetworkRole(actor, 'admin');
    case 'organisation.edit':
      return hasNetworkRole(actor, 'admin');
    case 'staff.view':
      return resource.kind === 'staff-member' && administersAny(actor, resource.grants);
    case 'staff.deactivate':
    case 'invitation.revoke':
      return resource.kind === 'staff-member' && administersAll(actor, resource.grants);
    case 'blog.enter':
    case 'blog.write':
    case 'blog.edit':
    case 'blog.review':
    case 'blog.approve':
    case 'blog.moderate':
    case 'blog.reply':
    case 'blog.series':
      return allowedInPublishing(actor, action, resource);
    case 'channel.configure':
    case 'procedure.configure':
      return resource.kind === 'report-channel' && hasRoleIn(actor, 'admin', resource.orgId);
    case 'inbox.view':
      return receivesReports(actor);
    case 'case.open':
    case 'case.reply':
    case 'case.act':
    case 'case.export':
      return resource.kind === 'case' && mayHandleCase(actor, resource);
    case 'case.break-glass':
      return resource.kind === 'case' && !resource.conflicted && (hasRoleIn(actor, 'handler', resource.orgId) || hasNetworkRole(actor, 'admin'));
    case 'case.audit':
      return resource.kind === 'case' && !resource.conflicted && (hasNetworkRole(actor, 'auditor') || hasNetworkRole(actor, 'admin'));
    case 'toolkit.enter':
      return actor.grants.some((grant) => grant.role === 'assessment_coordinator' || grant.role === 'admin');
    case 'toolkit.templates':
      return coordinatesIn(actor, null);
    case 'toolkit.run-rounds':
      return resource.kind === 'toolkit-scope' && (coordinatesIn(actor, null) || (resource.orgId !== null && coordinatesIn(actor, resource.orgId)));
    case 'toolkit.see-results':
      return resource.kind === 'toolkit-scope' && coordinatesIn(actor, resource.orgId);
    // Escrow is the network's: only network-scope escrow counsellors see matches and open them
    // (their keys are the ones entries are sealed to); invitation codes come from them or a
    // network admin; the threshold and membership domains are a network admin's.
    case 'escrow.counsel':
      return hasNetworkRole(actor, 'escrow_counsellor');
    case 'escrow.invite':
      return hasNetworkRole(actor, 'escrow_counsellor') || hasNetworkRole(actor, 'admin');
    case 'escrow.configure':
      return hasNetworkRole(actor, 'admin');
  }
}

/**
 * Assessment coordinators and admins run the toolkit where they hold the role. Results are the
 * organisation's own: a network-level role can open, run and close a round for a member, but
 * reads only the network roll-up (what each member agreed to share), never a member's report.
 */
function coordinatesIn(actor: Actor, orgId: string | null): boolean {
  return actor.grants.some((grant) => (grant.role === 'assessment_coordinator' || grant.role === 'admin') && grant.orgId === orgId);
}

/**
 * Publishing: authors write for the organisations (or the network) they hold the author role
 * in, and keep access to their own posts; editors review, moderate and publish for theirs. No
 * one approves or publishes their own writing: a second person always reads it first.
 */
function allowedInPublishing(actor: Actor, action: Action, resource: Resource): boolean {
  const writes = (orgId: string | null) => hasRoleIn(actor, 'author', orgId) || hasRoleIn(actor, 'editor', orgId);
  if (action === 'blog.enter') return actor.grants.some((grant) => grant.role === 'author' || grant.role === 'editor');
  if (action === 'blog.series') return hasNetworkRole(actor, 'editor');
  if (resource.kind === 'blog-scope') return action === 'blog.write' && writes(resource.orgId);
  if (resource.kind !== 'blog-post') return false;
  const editor = hasRoleIn(actor, 'editor', resource.orgId);
  const ownPost = resource.authorId === actor.staffId && writes(resource.orgId);
  switch (action) {
    case 'blog.edit':
    case 'blog.reply':
      return ownPost || editor;
    case 'blog.review':
    case 'blog.moderate':
      return editor;
    case 'blog.approve':
      return editor && resource.authorId !== actor.staffId;
    default:
      return false;
  }
}

/**
 * Reports go to the handlers of the receiving scope, or by fallback to the network's handlers
 * and then its administrators (core/intake/recipients.ts); investigators, decision-makers and
 * appeal reviewers see the cases they are assigned to. These are the people with an inbox.
 */
function receivesReports(actor: Actor): boolean {
  return actor.grants.some((grant) => caseWorkingRoles.includes(grant.role)) || hasNetworkRole(actor, 'admin');
}

/**
 * A case opens only for someone its key was wrapped for (or who holds live break-glass access,
 * which wraps it for them), who still holds a role that works on cases in its scope, and who is
 * not conflicted: a staff member named in the case or related to a party never opens it, even
 * with a key (SPEC: conflict of interest is enforced, not advised). Losing the role closes the
 * case to them although the wrapped key remains. Anyone else is answered NOT_FOUND, exactly as
 * for a case that does not exist.
 */
function mayHandleCase(actor: Actor, resource: { orgId: string | null; keyHolder: boolean; conflicted?: boolean; breakGlass?: boolean }): boolean {
  if (resource.conflicted) return false;
  if (!resource.keyHolder && !resource.breakGlass) return false;
  return caseWorkingRoles.some((role) => hasRoleIn(actor, role, resource.orgId)) || hasNetworkRole(actor, 'admin');
}

/** The organisation roles that take part in handling cases (core/procedures/vocabulary.ts grants). */
const caseWorkingRoles: readonly StaffRole[] = ['handler', 'investigator', 'decision_maker', 'appeal_reviewer', 'escrow_counsellor'];

/** An organisation admin sees the people who hold (or are invited to) a role in their organisation. */
function administersAny(actor: Actor, grants: readonly RoleGrant[]): boolean {
  if (hasNetworkRole(actor, 'admin')) return true;
  return grants.some((grant) => grant.orgId !== null && hasRoleIn(actor, 'admin', grant.orgId));
}

/**
 * Acting on a whole person (deactivating, revoking their invitation) touches every scope they
 * hold a role in, so it needs an admin of each of them: an organisation admin cannot lock out
 * someone who also works for another organisation or for the network.
 */
function administersAll(actor: Actor, grants: readonly RoleGrant[]): boolean {
  if (hasNetworkRole(actor, 'admin')) return true;
  return grants.length > 0 && grants.every((grant) => grant.orgId !== null && hasRoleIn(actor, 'admin', grant.orgId));
}

export function authorize(actor: Actor | undefined, action: Action, resource: Resource): asserts actor is Actor {
  if (!allowed(actor, action, resource)) throw new AppError('NOT_FOUND');
}

/** Organisations in which the actor administers staff (all of them for a network admin). */
export function administeredScopes(actor: Actor): { network: boolean; orgIds: string[] } {
  return {
    network: hasNetworkRole(actor, 'admin'),
    orgIds: actor.grants.flatMap((grant) => (grant.role === 'admin' && grant.orgId !== null ? [grant.orgId] : [])),
  };
}
