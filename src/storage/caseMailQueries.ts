/**
 * Who a case's e-mail could go to, as facts for the policy to judge: the active team (or, with
 * nobody assigned, the staff holding a designated key), the network's auditors, each with their
 * grants, whether they hold a designated key, and whether they are conflicted on the case.
 * Deactivated staff are never candidates.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { isStaffRole, type RoleGrant } from '../core/roles.ts';
import { inSequence, type Queryable } from './database.ts';
import { caseConflicts, caseKeys, caseTeam, roleGrants, staff } from './schema/index.ts';

export type MailCandidate = {
  staffId: string;
  name: string;
  email: string;
  language: string;
  grants: RoleGrant[];
  keyHolder: boolean;
  conflicted: boolean;
  audience: 'team' | 'auditor';
};

async function describe(db: Queryable, caseId: string, ids: readonly string[], audience: MailCandidate['audience']): Promise<MailCandidate[]> {
  if (ids.length === 0) return [];
  const people = await db
    .select({ id: staff.id, name: staff.name, email: staff.email, language: staff.language })
    .from(staff)
    .where(and(inArray(staff.id, [...ids]), eq(staff.active, true)));
  if (people.length === 0) return [];
  const found = people.map((person) => person.id);
  const [grants, keys, conflicts] = await inSequence([
    () => db.select({ staffId: roleGrants.staffId, role: roleGrants.role, orgId: roleGrants.orgId }).from(roleGrants).where(inArray(roleGrants.staffId, found)),
    () => db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(and(eq(caseKeys.caseId, caseId), eq(caseKeys.holder, 'staff'), inArray(caseKeys.staffId, found))),
    () => db.select({ staffId: caseConflicts.staffId }).from(caseConflicts).where(and(eq(caseConflicts.caseId, caseId), inArray(caseConflicts.staffId, found))),
  ]);
  const holders = new Set(keys.map((key) => key.staffId));
  const conflicted = new Set(conflicts.map((conflict) => conflict.staffId));
  return people.map((person) => ({
    staffId: person.id,
    name: person.name,
    email: person.email,
    language: person.language,
    grants: grants.flatMap((grant) => (grant.staffId === person.id && isStaffRole(grant.role) ? [{ role: grant.role, orgId: grant.orgId }] : [])),
    keyHolder: holders.has(person.id),
    conflicted: conflicted.has(person.id),
    audience,
  }));
}

/** The active team of the case or, when nobody is assigned, the staff holding a designated key to it. */
export async function caseTeamCandidates(db: Queryable, caseId: string): Promise<MailCandidate[]> {
  const team = await db.selectDistinct({ staffId: caseTeam.staffId }).from(caseTeam).where(eq(caseTeam.caseId, caseId));
  const ids = team.length > 0 ? team.map((row) => row.staffId) : await designatedHolders(db, caseId);
  return describe(db, caseId, ids, 'team');
}

async function designatedHolders(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(and(eq(caseKeys.caseId, caseId), eq(caseKeys.holder, 'staff')));
  return rows.flatMap((row) => (row.staffId ? [row.staffId] : []));
}

/** Staff holding the auditor role for the whole network. */
export async function networkAuditorCandidates(db: Queryable, caseId: string): Promise<MailCandidate[]> {
  const rows = await db
    .selectDistinct({ staffId: roleGrants.staffId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'auditor'), isNull(roleGrants.orgId)));
  return describe(db, caseId, rows.map((row) => row.staffId), 'auditor');
}
