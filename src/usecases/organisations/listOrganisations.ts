/** Reading organisations: the network admin's list, one organisation, and names for display. */
import { asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import type { Queryable } from '../../storage/database.ts';
import { organisations } from '../../storage/schema/index.ts';

export type Organisation = typeof organisations.$inferSelect;

export async function listOrganisations(db: Queryable, actor: Actor): Promise<Organisation[]> {
  authorize(actor, 'organisation.create', { kind: 'network' });
  return db.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.slug));
}

export async function organisationForEditing(db: Queryable, actor: Actor, orgId: string): Promise<Organisation> {
  authorize(actor, 'organisation.edit', { kind: 'organisation', orgId });
  const [row] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Names of the given organisations (ids that no longer exist are simply absent). */
export async function organisationNames(db: Queryable, orgIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}
