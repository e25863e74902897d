/**
 * What staff administration shows an administrator: the people and pending invitations within
 * the scopes they administer (everyone for a network administrator; for an organisation
 * administrator, people holding or invited to a role there), one person in detail, and the
 * scopes they may grant roles in. Roles held elsewhere are not shown to an organisation admin.
 */
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { administeredScopes, allowed, type Actor } from '../../core/policy.ts';
import { isStaffRole, type RoleGrant } from '../../core/roles.ts';
import type { Queryable } from '../../storage/database.ts';
import { invitations, organisations, roleGrants, staff } from '../../storage/schema/index.ts';
import { grantsOf } from '../../storage/staffQueries.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';

/** A grant with its organisation's name; `organisationName` is null for the network. */
export type NamedGrant = RoleGrant & { organisationName: string | null };

/** A scope roles can be granted in: the network (orgId null) or one organisation. */
export type Scope = { orgId: string | null; name: string | null };

export type StaffSummary = { id: string; name: string; email: string; active: boolean; grants: NamedGrant[] };

export type InvitationSummary = { id: string; name: string; email: string; expiresAt: Date; grants: NamedGrant[]; revocable: boolean };

export type StaffMemberDetails = StaffSummary & {
  language: string;
  createdAt: Date;
  totpEnrolled: boolean;
  /** Whether the actor may deactivate or reactivate this person (an admin of all their scopes). */
  canDeactivate: boolean;
};

function requireAdministrator(actor: Actor): { network: boolean; orgIds: string[] } {
  const scopes = administeredScopes(actor);
  if (!scopes.network && scopes.orgIds.length === 0) throw new AppError('NOT_FOUND');
  return scopes;
}

function visibleTo(actor: Actor, grants: readonly RoleGrant[]): RoleGrant[] {
  const scopes = administeredScopes(actor);
  return scopes.network ? [...grants] : grants.filter((grant) => grant.orgId !== null && scopes.orgIds.includes(grant.orgId));
}

async function named(db: Queryable, grants: readonly RoleGrant[]): Promise<NamedGrant[]> {
  const names = await organisationNames(db, grants.flatMap((grant) => (grant.orgId ? [grant.orgId] : [])));
  return grants.map((grant) => ({ ...grant, organisationName: grant.orgId ? (names.get(grant.orgId) ?? null) : null }));
}

function parseGrants(raw: readonly { role: string; orgId: string | null }[]): RoleGrant[] {
  return raw.flatMap((grant) => (isStaffRole(grant.role) ? [{ role: grant.role, orgId: grant.orgId }] : []));
}

/** Scopes in which the actor may invite and grant: the network first, then organisations by name. */
export async function grantableScopes(db: Queryable, actor: Actor): Promise<Scope[]> {
  const scopes = requireAdministrator(actor);
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(scopes.network ? undefined : inArray(organisations.id, scopes.orgIds))
    .orderBy(asc(organisations.name));
  return [...(scopes.network ? [{ orgId: null, name: null }] : []), ...rows.map((row) => ({ orgId: row.id, name: row.name }))];
}

export async function listStaff(db: Queryable, actor: Actor): Promise<StaffSummary[]> {
  const scopes = requireAdministrator(actor);
  const members = await db
    .select({ id: staff.id, name: staff.name, email: staff.email, active: staff.active })
    .from(staff)
    .where(
      scopes.network
        ? undefined
        : inArray(staff.id, db.selectDistinct({ id: roleGrants.staffId }).from(roleGrants).where(inArray(roleGrants.orgId, scopes.orgIds))),
    )
    .orderBy(asc(staff.name), asc(staff.email));
  if (members.length === 0) return [];
  const grantRows = await db
    .select({ staffId: roleGrants.staffId, role: roleGrants.role, orgId: roleGrants.orgId })
    .from(roleGrants)
    .where(inArray(roleGrants.staffId, members.map((member) => member.id)));
  const names = await organisationNames(db, grantRows.flatMap((row) => (row.orgId ? [row.orgId] : [])));
  const byMember = new Map<string, NamedGrant[]>();
  for (const row of grantRows) {
    const [grant] = visibleTo(actor, parseGrants([row]));
    if (!grant) continue;
    const organisationName = grant.orgId ? (names.get(grant.orgId) ?? null) : null;
    byMember.set(row.staffId, [...(byMember.get(row.staffId) ?? []), { ...grant, organisationName }]);
  }
  return members.map((member) => ({ ...member, grants: byMember.get(member.id) ?? [] }));
}

export async function listPendingInvitations(db: Queryable, actor: Actor, now: Date): Promise<InvitationSummary[]> {
  requireAdministrator(actor);
  const rows = await db
    .select()
    .from(invitations)
    .where(and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
  const visible = rows.flatMap((row) => {
    const grants = parseGrants(row.grants);
    if (!allowed(actor, 'staff.view', { kind: 'staff-member', grants })) return [];
    return [{ row, grants, revocable: allowed(actor, 'invitation.revoke', { kind: 'staff-member', grants }) }];
  });
  return Promise.all(
    visible.map(async ({ row, grants, revocable }) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      expiresAt: row.expiresAt,
      grants: await named(db, visibleTo(actor, grants)),
      revocable,
    })),
  );
}

/** One person, if the actor may manage them; NOT_FOUND exactly like an unknown id. */
export async function staffMemberDetails(db: Queryable, actor: Actor, staffId: string): Promise<StaffMemberDetails> {
  requireAdministrator(actor);
  const [member] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!member) throw new AppError('NOT_FOUND');
  const grants = await grantsOf(db, member.id);
  if (!allowed(actor, 'staff.view', { kind: 'staff-member', grants })) throw new AppError('NOT_FOUND');
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    active: member.active,
    language: member.language,
    createdAt: member.createdAt,
    totpEnrolled: member.totpSecret !== null,
    grants: await named(db, visibleTo(actor, grants)),
    canDeactivate: allowed(actor, 'staff.deactivate', { kind: 'staff-member', grants }),
  };
}
