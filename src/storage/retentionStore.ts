/**
 * Queries of retention and purge: closed cases whose retention has passed (by `cases_purge_idx`),
 * cases under legal hold (by the partial `cases_legal_hold_idx`), deleting a case (every table
 * holding something of it cascades from `cases`), and the purge reports — case numbers, dates
 * and procedures only, never content.
 */
import { and, asc, desc, eq, gt, isNotNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from './database.ts';
import { caseAttachments, caseConflicts, cases, purgeReports } from './schema/index.ts';

export type PurgedCase = { ref: number; closedOn: string | null; purgeOn: string | null; procedure: string | null };

export type PurgeCandidate = {
  id: string;
  ref: number;
  orgId: string | null;
  status: string;
  state: unknown;
  procedureId: string | null;
  procedureVersion: number | null;
  closedAt: Date | null;
  purgeOn: string | null;
};

const candidateColumns = {
  id: cases.id,
  ref: cases.ref,
  orgId: cases.orgId,
  status: cases.status,
  state: cases.state,
  procedureId: cases.procedureId,
  procedureVersion: cases.procedureVersion,
  closedAt: cases.closedAt,
  purgeOn: cases.purgeOn,
};

/** Closed cases not under legal hold whose first purge day is `today` or earlier, in (purge_on, id) order. */
export async function purgeCandidates(
  db: Queryable,
  input: { today: string; after: { purgeOn: string; id: string } | null; limit: number; lock: boolean },
): Promise<PurgeCandidate[]> {
  const { today, after } = input;
  const query = db
    .select(candidateColumns)
    .from(cases)
    .where(
      and(
        lte(cases.purgeOn, today),
        isNotNull(cases.closedAt),
        eq(cases.legalHold, false),
        after ? or(gt(cases.purgeOn, after.purgeOn), and(eq(cases.purgeOn, after.purgeOn), gt(cases.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(cases.purgeOn), asc(cases.id))
    .limit(input.limit);
  return input.lock ? query.for('update', { skipLocked: true }) : query;
}

/** Cases whose retention has passed but which a legal hold keeps. */
export async function heldPastRetention(db: Queryable, today: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(eq(cases.legalHold, true), lte(cases.purgeOn, today)));
  return row?.count ?? 0;
}

export async function attachmentFilesOf(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db.select({ storageName: caseAttachments.storageName }).from(caseAttachments).where(eq(caseAttachments.caseId, caseId));
  return rows.map((row) => row.storageName);
}

/** Deletes the case row; keys, messages, documents, attachment rows, events, team, conflicts, links, respondent access, sessions and reminders cascade. */
export async function deleteCase(tx: Tx, caseId: string): Promise<void> {
  await tx.delete(cases).where(eq(cases.id, caseId));
}

/** Adds what one batch purged to the run's report (made by the first batch that purged something). */
export async function addToPurgeReport(
  tx: Tx,
  report: { id: string; ranAt: Date; keptForLegalHold: number },
  batch: { purged: PurgedCase[]; filesRemoved: number },
): Promise<void> {
  await tx
    .insert(purgeReports)
    .values({ id: report.id, ranAt: report.ranAt, purged: batch.purged, filesRemoved: batch.filesRemoved, keptForLegalHold: report.keptForLegalHold })
    .onConflictDoUpdate({
      target: purgeReports.id,
      set: {
        purged: sql`${purgeReports.purged} || ${JSON.stringify(batch.purged)}::jsonb`,
        filesRemoved: sql`${purgeReports.filesRemoved} + ${batch.filesRemoved}`,
      },
    });
}

export type PurgeReportRow = typeof purgeReports.$inferSelect;

/** Purge reports, newest first; `before` pages on from a report's run time. */
export async function purgeReportPage(db: Queryable, input: { before?: Date | undefined; limit: number }): Promise<PurgeReportRow[]> {
  return db
    .select()
    .from(purgeReports)
    .where(input.before ? lt(purgeReports.ranAt, input.before) : undefined)
    .orderBy(desc(purgeReports.ranAt), desc(purgeReports.id))
    .limit(input.limit);
}

export type RetentionCase = { id: string; ref: number; closedAt: Date | null; purgeOn: string | null; procedureId: string | null; procedureVersion: number | null };

const retentionColumns = {
  id: cases.id,
  ref: cases.ref,
  closedAt: cases.closedAt,
  purgeOn: cases.purgeOn,
  procedureId: cases.procedureId,
  procedureVersion: cases.procedureVersion,
};

/** Not a case the viewer is conflicted on: lists never show those (SPEC: conflict of interest). */
export function notConflicted(staffId: string) {
  return notExists(
    sql`(select 1 from ${caseConflicts} where ${caseConflicts.caseId} = ${cases.id} and ${caseConflicts.staffId} = ${staffId})`,
  );
}

export async function casesUnderLegalHold(db: Queryable, input: { viewerId: string; limit: number }): Promise<RetentionCase[]> {
  return db
    .select(retentionColumns)
    .from(cases)
    .where(and(eq(cases.legalHold, true), notConflicted(input.viewerId)))
    .orderBy(sql`${cases.purgeOn} asc nulls last`, asc(cases.ref))
    .limit(input.limit);
}

/** Closed cases not under hold, the first to reach their purge day first (including any past it). */
export async function nextToPurge(db: Queryable, input: { viewerId: string; limit: number }): Promise<RetentionCase[]> {
  return db
    .select(retentionColumns)
    .from(cases)
    .where(and(isNotNull(cases.purgeOn), eq(cases.legalHold, false), notConflicted(input.viewerId)))
    .orderBy(asc(cases.purgeOn), asc(cases.ref))
    .limit(input.limit);
}
