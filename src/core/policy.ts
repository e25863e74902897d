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
  | { kind: 'audit-log' };

export type Action =
  | 'network.administer'
  | 'organisation.create'
  | 'organisation.administer'
  | 'staff.list'
  | 'staff.invite'
  | 'staff.change-roles'
  | 'audit.read'
  | 'audit.verify';

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
  }
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
