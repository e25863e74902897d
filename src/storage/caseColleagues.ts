/**
 * The staff who could be given access to a case: active, with their roles (the policy decides
 * who may open a case of that scope) and public key, without a designated copy of the case key
 * yet, and never anyone conflicted on the case.
 */
import { and, eq, isNotNull, notInArray } from 'drizzle-orm';
import { isStaffRole, type RoleGrant } from '../core/roles.ts';
import type { Queryable } from './database.ts';
import { caseConflicts, caseKeys, roleGrants, staff } from './schema/index.ts';

export type StaffWithGrants = { staffId: string; name: string; publicKey: Uint8Array; grants: RoleGrant[] };

export async function staffWithoutCaseKey(db: Queryable, caseId: string): Promise<StaffWithGrants[]> {
  // The receipt's row has no staff id; NOT IN over a NULL would match nobody.
  const holders = db
    .select({ staffId: caseKeys.staffId })
    .from(caseKeys)
    .where(and(eq(caseKeys.caseId, caseId), isNotNull(caseKeys.staffId), eq(caseKeys.holder, 'staff')));
  const conflicted = db.select({ staffId: caseConflicts.staffId }).from(caseConflicts).where(eq(caseConflicts.caseId, caseId));
  const rows = await db
    .select({ staffId: staff.id, name: staff.name, publicKey: staff.publicKey, role: roleGrants.role, orgId: roleGrants.orgId })
    .from(staff)
    .innerJoin(roleGrants, eq(roleGrants.staffId, staff.id))
    .where(and(eq(staff.active, true), notInArray(staff.id, holders), notInArray(staff.id, conflicted)))
    .orderBy(staff.name);
  const people = new Map<string, StaffWithGrants>();
  for (const row of rows) {
    const person = people.get(row.staffId) ?? { staffId: row.staffId, name: row.name, publicKey: row.publicKey, grants: [] };
    if (isStaffRole(row.role)) person.grants.push({ role: row.role, orgId: row.orgId });
    people.set(row.staffId, person);
  }
  return [...people.values()];
}
