/**
 * Adapted procedure definitions, stored as data (one row per version, never edited in place),
 * next to the templates Redress ships. A case records the id and version it follows, so a new
 * version changes the rules only for cases that start on it.
 */
import { and, desc, eq, isNull, max } from 'drizzle-orm';
import { procedureDefinitionSchema, templates, type ProcedureDefinition } from '../core/procedures/index.ts';
import type { PathKind } from '../core/procedures/vocabulary.ts';
import type { Queryable } from './database.ts';
import { procedureDefinitions } from './schema/index.ts';

export type StoredProcedure = { definition: ProcedureDefinition; orgId: string | null; createdAt: Date | null; shipped: boolean };

const sameScope = (orgId: string | null) => (orgId === null ? isNull(procedureDefinitions.orgId) : eq(procedureDefinitions.orgId, orgId));

function parsed(row: { definition: unknown; orgId: string | null; createdAt: Date }): StoredProcedure[] {
  const result = procedureDefinitionSchema.safeParse(row.definition);
  return result.success ? [{ definition: result.data, orgId: row.orgId, createdAt: row.createdAt, shipped: false }] : [];
}

/** Every stored version of a scope's adapted definitions, newest first. */
export async function storedProcedures(db: Queryable, orgId: string | null): Promise<StoredProcedure[]> {
  const rows = await db.select().from(procedureDefinitions).where(sameScope(orgId)).orderBy(procedureDefinitions.id, desc(procedureDefinitions.version));
  return rows.flatMap(parsed);
}

export function shippedProcedures(): StoredProcedure[] {
  return templates.map((definition) => ({ definition, orgId: null, createdAt: null, shipped: true }));
}

/** The scope that owns an id, if any version of it is stored; shipped template ids belong to nobody. */
export async function ownerOfProcedure(db: Queryable, id: string): Promise<{ orgId: string | null; latest: number } | undefined> {
  const [row] = await db
    .select({ orgId: procedureDefinitions.orgId, latest: max(procedureDefinitions.version) })
    .from(procedureDefinitions)
    .where(eq(procedureDefinitions.id, id))
    .groupBy(procedureDefinitions.orgId);
  return row ? { orgId: row.orgId, latest: row.latest ?? 0 } : undefined;
}

export async function insertProcedure(db: Queryable, input: { definition: ProcedureDefinition; orgId: string | null; createdBy: string; now: Date }): Promise<void> {
  await db.insert(procedureDefinitions).values({
    id: input.definition.id,
    version: input.definition.version,
    path: input.definition.path,
    orgId: input.orgId,
    definition: input.definition,
    createdBy: input.createdBy,
    createdAt: input.now,
  });
}

/**
 * The definition a new case on `path` starts on: the organisation's newest adapted version for
 * that path, else the network's, else the shipped template.
 */
export async function procedureForNewCase(db: Queryable, orgId: string | null, path: PathKind): Promise<ProcedureDefinition | undefined> {
  for (const scope of orgId === null ? [null] : [orgId, null]) {
    const rows = await db
      .select()
      .from(procedureDefinitions)
      .where(and(sameScope(scope), eq(procedureDefinitions.path, path)))
      .orderBy(desc(procedureDefinitions.createdAt), desc(procedureDefinitions.version))
      .limit(1);
    const found = rows.flatMap(parsed)[0];
    if (found) return found.definition;
  }
  return templates.find((template) => template.path === path);
}
