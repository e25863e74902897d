/**
 * Adapted procedure definitions, stored as data (one row per version, never edited in place),
 * next to the templates Redress ships. A case records the id and version it follows, so a new
 * version changes the rules only for cases that start on it.
 */
import { desc, eq, isNull, max, or } from 'drizzle-orm';
import { procedureDefinitionSchema, templates, type ProcedureDefinition } from '../core/procedures/index.ts';
import { pathKinds, type PathKind } from '../core/procedures/vocabulary.ts';
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
 * The procedure for each path an organisation's cases start on or change to now: for each path,
 * the organisation's newest adapted version, else the network's, else the shipped template. One
 * statement: the newest stored version per scope and path.
 */
export async function currentProcedures(db: Queryable, orgId: string | null): Promise<ProcedureDefinition[]> {
  const rows = await db
    .selectDistinctOn([procedureDefinitions.orgId, procedureDefinitions.path], { definition: procedureDefinitions.definition, orgId: procedureDefinitions.orgId, createdAt: procedureDefinitions.createdAt })
    .from(procedureDefinitions)
    .where(orgId === null ? isNull(procedureDefinitions.orgId) : or(eq(procedureDefinitions.orgId, orgId), isNull(procedureDefinitions.orgId)))
    .orderBy(procedureDefinitions.orgId, procedureDefinitions.path, desc(procedureDefinitions.createdAt), desc(procedureDefinitions.version));
  const stored = rows.flatMap(parsed);
  return pathKinds.flatMap((path) => {
    const own = stored.find((candidate) => candidate.definition.path === path && candidate.orgId !== null);
    const network = stored.find((candidate) => candidate.definition.path === path && candidate.orgId === null);
    const chosen = own?.definition ?? network?.definition ?? templates.find((template) => template.path === path);
    return chosen ? [chosen] : [];
  });
}

/** The definition a new case on `path` starts on (see `currentProcedures`). */
export async function procedureForNewCase(db: Queryable, orgId: string | null, path: PathKind): Promise<ProcedureDefinition | undefined> {
  return (await currentProcedures(db, orgId)).find((definition) => definition.path === path);
}
