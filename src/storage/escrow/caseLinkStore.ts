/**
 * Which escrow allegations went on to a report, and whether their matched account has reached
 * the case yet (schema/escrowCases.ts). Metadata only: the account itself is sealed in the case.
 */
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../database.ts';
import { cases, escrowAllegationCases, escrowAllegations } from '../schema/index.ts';
import type { AllegationRow } from './entryStore.ts';
import { isEscrowId } from './entryStore.ts';

export type CaseLink = { allegationId: string; caseId: string | null; caseRef: number | null; createdAt: Date; accountAddedAt: Date | null };

/** The allegation, locked until the transaction ends: one decision at a time, one case at most. */
export async function lockAllegation(tx: Tx, id: string): Promise<AllegationRow | undefined> {
  if (!isEscrowId(id)) return undefined;
  const [row] = await tx.select().from(escrowAllegations).where(eq(escrowAllegations.id, id)).for('update');
  return row;
}

export async function caseLinksOf(db: Queryable, allegationIds: readonly string[]): Promise<Map<string, CaseLink>> {
  const ids = allegationIds.filter(isEscrowId);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      allegationId: escrowAllegationCases.allegationId,
      caseId: escrowAllegationCases.caseId,
      caseRef: cases.ref,
      createdAt: escrowAllegationCases.createdAt,
      accountAddedAt: escrowAllegationCases.accountAddedAt,
    })
    .from(escrowAllegationCases)
    .leftJoin(cases, eq(cases.id, escrowAllegationCases.caseId))
    .where(inArray(escrowAllegationCases.allegationId, ids));
  return new Map(rows.map((row) => [row.allegationId, row]));
}

export async function caseLinkOf(db: Queryable, allegationId: string): Promise<CaseLink | undefined> {
  return (await caseLinksOf(db, [allegationId])).get(allegationId);
}

export async function insertCaseLink(tx: Tx, link: { allegationId: string; caseId: string; now: Date }): Promise<void> {
  await tx.insert(escrowAllegationCases).values({ allegationId: link.allegationId, caseId: link.caseId, createdAt: link.now });
}

/** The link, locked, if the case still exists and still waits for its account; undefined otherwise. */
export async function lockPendingLink(tx: Tx, allegationId: string): Promise<{ caseId: string } | undefined> {
  const [row] = await tx
    .select({ caseId: escrowAllegationCases.caseId })
    .from(escrowAllegationCases)
    .where(and(eq(escrowAllegationCases.allegationId, allegationId), isNotNull(escrowAllegationCases.caseId), isNull(escrowAllegationCases.accountAddedAt)))
    .for('update');
  return row?.caseId ? { caseId: row.caseId } : undefined;
}

export async function markAccountAdded(tx: Tx, allegationId: string, now: Date): Promise<void> {
  await tx.update(escrowAllegationCases).set({ accountAddedAt: now }).where(eq(escrowAllegationCases.allegationId, allegationId));
}
