/**
 * Evidence shared for the review: which items were shared (and the copy each got when it had to
 * be sealed again with the respondent key), and the evidence rows of a case that may be shared.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable, Tx } from './database.ts';
import { caseDocuments, evidenceShares } from './schema/index.ts';

export type EvidenceShareRow = typeof evidenceShares.$inferSelect;

export async function sharesOfCase(db: Queryable, caseId: string): Promise<EvidenceShareRow[]> {
  return db.select().from(evidenceShares).where(eq(evidenceShares.caseId, caseId)).orderBy(asc(evidenceShares.sharedAt), asc(evidenceShares.sourceId));
}

/** Records shares; an item already shared is left as it was (nothing is shared twice). */
export async function insertShares(tx: Tx, rows: readonly (typeof evidenceShares.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(evidenceShares).values([...rows]).onConflictDoNothing();
}

/** The documents of a case of one kind, oldest first (both sealings). */
export async function documentsOfKind(db: Queryable, caseId: string, kind: string): Promise<(typeof caseDocuments.$inferSelect)[]> {
  return db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, kind)))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.id));
}
