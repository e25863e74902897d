/**
 * Storage for case handling: procedure definitions (the shipped templates, then adapted copies
 * from the table), the case's engine state with its mirrored columns, team and conflicts, and
 * sealed documents. Callers hold the transaction; `lockCase` takes the row lock that makes two
 * simultaneous actions on one case run one after the other.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { shippedTemplate } from '../core/cases/handling.ts';
import type { HandlingColumns } from '../core/cases/handling.ts';
import { procedureDefinitionSchema, type CaseState, type ProcedureDefinition } from '../core/procedures/index.ts';
import type { Queryable, Tx } from './database.ts';
import { caseBreakGlass, caseConflicts, caseDocuments, caseKeys, cases, caseTeam, procedureDefinitions } from './schema/index.ts';

export type CaseRow = typeof cases.$inferSelect;

/** A definition by id and version: a shipped template, or an adapted copy stored as data. */
export async function procedureDefinition(db: Queryable, id: string, version: number): Promise<ProcedureDefinition | undefined> {
  const shipped = shippedTemplate(id, version);
  if (shipped) return shipped;
  const [row] = await db
    .select({ definition: procedureDefinitions.definition })
    .from(procedureDefinitions)
    .where(and(eq(procedureDefinitions.id, id), eq(procedureDefinitions.version, version)));
  if (!row) return undefined;
  const parsed = procedureDefinitionSchema.safeParse(row.definition);
  return parsed.success ? parsed.data : undefined;
}

/** The case row, locked until the transaction ends. */
export async function lockCase(tx: Tx, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  return row;
}

/** Stores the state, its columns, and the team and conflicts mirrored for lists and counts. */
export async function saveHandling(tx: Tx, caseId: string, state: CaseState, columns: HandlingColumns, now: Date): Promise<void> {
  await tx
    .update(cases)
    .set({ ...columns, state, updatedAt: now })
    .where(eq(cases.id, caseId));
  await tx.delete(caseTeam).where(eq(caseTeam.caseId, caseId));
  const team = state.team.filter((assignment) => assignment.until === null);
  if (team.length > 0) {
    await tx
      .insert(caseTeam)
      .values(team.map((assignment) => ({ caseId, staffId: assignment.staffId, role: assignment.role, since: new Date(assignment.since) })))
      .onConflictDoNothing();
  }
  if (state.conflicts.length > 0) {
    const conflicted = state.conflicts.map((conflict) => conflict.staffId);
    await tx
      .insert(caseConflicts)
      .values(state.conflicts.map((conflict) => ({ caseId, staffId: conflict.staffId, basis: conflict.basis, at: new Date(conflict.at) })))
      .onConflictDoNothing();
    // A conflicted person loses their copy of the key at once: policy refuses them, and now so does the cryptography.
    await tx.delete(caseKeys).where(and(eq(caseKeys.caseId, caseId), sql`${caseKeys.staffId} in ${conflicted}`));
  }
}

export async function isConflicted(db: Queryable, caseId: string, staffId: string): Promise<boolean> {
  const [row] = await db
    .select({ staffId: caseConflicts.staffId })
    .from(caseConflicts)
    .where(and(eq(caseConflicts.caseId, caseId), eq(caseConflicts.staffId, staffId)));
  return row !== undefined;
}

/** The staff member's wrapped key and whether it is a designated one or an emergency copy. */
export async function staffCaseKey(db: Queryable, caseId: string, staffId: string): Promise<{ wrappedKey: Uint8Array; holder: 'staff' | 'emergency' } | undefined> {
  const [row] = await db
    .select({ wrappedKey: caseKeys.wrappedKey, holder: caseKeys.holder })
    .from(caseKeys)
    .where(and(eq(caseKeys.caseId, caseId), eq(caseKeys.staffId, staffId)));
  if (!row || (row.holder !== 'staff' && row.holder !== 'emergency')) return undefined;
  return { wrappedKey: row.wrappedKey, holder: row.holder };
}

/** Live break-glass access of this staff member to this case, if any. */
export async function liveBreakGlass(db: Queryable, caseId: string, staffId: string, now: Date): Promise<{ id: string; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ id: caseBreakGlass.id, expiresAt: caseBreakGlass.expiresAt })
    .from(caseBreakGlass)
    .where(and(eq(caseBreakGlass.caseId, caseId), eq(caseBreakGlass.staffId, staffId), isNull(caseBreakGlass.endedAt), gt(caseBreakGlass.expiresAt, now)));
  return row;
}

export type DocumentRow = typeof caseDocuments.$inferSelect;

export async function insertDocument(tx: Tx, row: typeof caseDocuments.$inferInsert): Promise<void> {
  await tx.insert(caseDocuments).values(row);
}

export async function documentsOfCase(db: Queryable, caseId: string): Promise<DocumentRow[]> {
  return db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId)).orderBy(caseDocuments.createdAt, caseDocuments.id);
}
