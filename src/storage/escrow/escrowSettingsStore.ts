/**
 * The network's escrow settings (one row, defaults until an administrator saves them) and the
 * escrow counsellors the client seals to: active staff holding the role at network scope.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { defaultThreshold, parseThreshold, type Threshold } from '../../core/escrow/threshold.ts';
import type { Queryable } from '../database.ts';
import { escrowEntries, escrowSettings, roleGrants, staff } from '../schema/index.ts';

export type Diacritics = 'strip' | 'keep';

export type EscrowSettings = { threshold: Threshold; diacritics: Diacritics; membershipDomains: string[] };

export const defaultEscrowSettings: EscrowSettings = { threshold: defaultThreshold, diacritics: 'strip', membershipDomains: [] };

export async function readEscrowSettings(db: Queryable): Promise<EscrowSettings> {
  const [row] = await db.select().from(escrowSettings).where(eq(escrowSettings.id, 1));
  if (!row) return defaultEscrowSettings;
  return { threshold: parseThreshold(row.threshold), diacritics: row.diacritics === 'keep' ? 'keep' : 'strip', membershipDomains: row.membershipDomains };
}

export async function saveEscrowSettings(db: Queryable, settings: EscrowSettings, staffId: string, now: Date): Promise<void> {
  const values = { threshold: settings.threshold, diacritics: settings.diacritics, membershipDomains: settings.membershipDomains, updatedBy: staffId, updatedAt: now };
  await db.insert(escrowSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: escrowSettings.id, set: values });
}

export async function anyEscrowEntry(db: Queryable): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(escrowEntries).limit(1);
  return rows.length > 0;
}

export type EscrowCounsellor = { id: string; publicKey: Uint8Array; email: string; name: string; language: string };

/** Active network escrow counsellors, in a stable order (the client seals to each of them). */
export async function activeCounsellors(db: Queryable): Promise<EscrowCounsellor[]> {
  return db
    .select({ id: staff.id, publicKey: staff.publicKey, email: staff.email, name: staff.name, language: staff.language })
    .from(roleGrants)
    .innerJoin(staff, eq(staff.id, roleGrants.staffId))
    .where(and(eq(roleGrants.role, 'escrow_counsellor'), isNull(roleGrants.orgId), eq(staff.active, true)))
    .orderBy(staff.id);
}
