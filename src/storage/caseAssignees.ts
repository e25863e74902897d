/**
 * Who can be put on a case, and the names the case page shows for the people in its history.
 * A colleague can be assigned a case role when they are active, hold the organisation grant for
 * that role (core/procedures/vocabulary.ts `grantForCaseRole`) where the case is handled or at
 * the network, and are not conflicted on the case. The engine then decides whether the
 * assignment is allowed now (separation of duties, already on the case).
 */
import { and, eq, inArray, isNull, notInArray, or } from 'drizzle-orm';
import { caseRoles, grantForCaseRole, type CaseRole } from '../core/procedures/vocabulary.ts';
import type { Queryable } from './database.ts';
import { caseConflicts, roleGrants, staff } from './schema/index.ts';

export type CaseAssignee = { staffId: string; name: string; roles: CaseRole[] };

const grantsForRoles = [...new Set(caseRoles.map((role) => grantForCaseRole[role]))];

export async function caseAssignees(db: Queryable, caseId: string, orgId: string | null): Promise<CaseAssignee[]> {
  const conflicted = db.select({ staffId: caseConflicts.staffId }).from(caseConflicts).where(eq(caseConflicts.caseId, caseId));
  const scope = orgId === null ? isNull(roleGrants.orgId) : or(isNull(roleGrants.orgId), eq(roleGrants.orgId, orgId));
  const rows = await db
    .select({ staffId: staff.id, name: staff.name, grant: roleGrants.role })
    .from(staff)
    .innerJoin(roleGrants, eq(roleGrants.staffId, staff.id))
    .where(and(eq(staff.active, true), inArray(roleGrants.role, grantsForRoles), scope, notInArray(staff.id, conflicted)))
    .orderBy(staff.name, staff.id);
  const people = new Map<string, CaseAssignee>();
  for (const row of rows) {
    const person = people.get(row.staffId) ?? { staffId: row.staffId, name: row.name, roles: [] };
    for (const role of caseRoles) {
      if (grantForCaseRole[role] === row.grant && !person.roles.includes(role)) person.roles.push(role);
    }
    people.set(row.staffId, person);
  }
  return [...people.values()];
}

/** Names of staff members, active or not (a history keeps the people who have left). */
export async function staffNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}
