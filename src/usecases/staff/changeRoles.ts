/**
 * Granting and revoking a staff member's roles, one role in one scope at a time, within the
 * scopes the administrator administers. The network must keep at least one active network
 * administrator (LAST_ADMIN). Sessions read roles on every request, so a change takes effect
 * at once. Each change is audited in its own transaction.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { allowed, authorize, type Actor } from '../../core/policy.ts';
import type { RoleGrant } from '../../core/roles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { roleGrants, staff } from '../../storage/schema/index.ts';
import { grantsOf } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { requireOrganisations } from './inviteStaff.ts';

const STAFF_ADMINISTRATION_LOCK = 7_301_044;

/**
 * Serialises changes that could remove the last network administrator: two administrators
 * revoking each other at the same moment must not both succeed.
 */
export async function lockStaffAdministration(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STAFF_ADMINISTRATION_LOCK})`);
}

export async function otherActiveNetworkAdmins(tx: Tx, staffId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(roleGrants)
    .innerJoin(staff, eq(staff.id, roleGrants.staffId))
    .where(and(eq(roleGrants.role, 'admin'), isNull(roleGrants.orgId), eq(staff.active, true), ne(staff.id, staffId)));
  return row?.count ?? 0;
}

export function isNetworkAdminGrant(grant: RoleGrant): boolean {
  return grant.role === 'admin' && grant.orgId === null;
}

/** The member's grants, if the actor may manage them at all; NOT_FOUND exactly like an unknown id. */
async function manageableGrants(tx: Tx, actor: Actor, staffId: string): Promise<RoleGrant[]> {
  const [member] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.id, staffId)).for('update');
  if (!member) throw new AppError('NOT_FOUND');
  const grants = await grantsOf(tx, staffId);
  if (!allowed(actor, 'staff.view', { kind: 'staff-member', grants })) throw new AppError('NOT_FOUND');
  return grants;
}

function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && a.orgId === b.orgId;
}

/** Returns false when the member already held the role (nothing written). */
export async function grantRole(context: Context, actor: Actor, staffId: string, grant: RoleGrant): Promise<boolean> {
  authorize(actor, 'staff.change-roles', { kind: 'staff-scope', orgId: grant.orgId });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const held = await manageableGrants(tx, actor, staffId);
    if (held.some((candidate) => sameGrant(candidate, grant))) return false;
    await requireOrganisations(tx, [grant]);
    await tx.insert(roleGrants).values({ staffId, orgId: grant.orgId, role: grant.role, createdAt: now });
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'staff.role-granted', subjectType: 'staff', subjectId: staffId, orgId: grant.orgId, details: { role: grant.role, scope: grant.orgId ?? 'network' } },
      now,
    );
    return true;
  });
}

/** Returns whether the actor may still see the member afterwards (an organisation admin may not). */
export async function revokeRole(context: Context, actor: Actor, staffId: string, grant: RoleGrant): Promise<{ stillVisible: boolean }> {
  authorize(actor, 'staff.change-roles', { kind: 'staff-scope', orgId: grant.orgId });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await lockStaffAdministration(tx);
    const held = await manageableGrants(tx, actor, staffId);
    if (!held.some((candidate) => sameGrant(candidate, grant))) throw new AppError('NOT_FOUND');
    if (isNetworkAdminGrant(grant) && (await otherActiveNetworkAdmins(tx, staffId)) === 0) throw new AppError('LAST_ADMIN');
    await tx
      .delete(roleGrants)
      .where(and(eq(roleGrants.staffId, staffId), eq(roleGrants.role, grant.role), grant.orgId ? eq(roleGrants.orgId, grant.orgId) : isNull(roleGrants.orgId)));
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'staff.role-revoked', subjectType: 'staff', subjectId: staffId, orgId: grant.orgId, details: { role: grant.role, scope: grant.orgId ?? 'network' } },
      now,
    );
    const remaining = held.filter((candidate) => !sameGrant(candidate, grant));
    return { stillVisible: allowed(actor, 'staff.view', { kind: 'staff-member', grants: remaining }) };
  });
}
