/** Reading staff members with their role grants. */
import { eq } from 'drizzle-orm';
import { isStaffRole, type RoleGrant } from '../core/roles.ts';
import type { Queryable } from './database.ts';
import { roleGrants, staff } from './schema/index.ts';

export type StaffRow = typeof staff.$inferSelect;

export async function grantsOf(db: Queryable, staffId: string): Promise<RoleGrant[]> {
  const rows = await db.select({ role: roleGrants.role, orgId: roleGrants.orgId }).from(roleGrants).where(eq(roleGrants.staffId, staffId));
  return rows.flatMap((row) => (isStaffRole(row.role) ? [{ role: row.role, orgId: row.orgId }] : []));
}

export async function staffByEmail(db: Queryable, email: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.email, normaliseEmail(email)));
  return row;
}

export async function staffById(db: Queryable, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
