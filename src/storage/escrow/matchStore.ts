/** Escrow matches as counsellors see them: metadata only, with what each counsellor has looked at. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { isEscrowId } from './entryStore.ts';
import { escrowMatches, escrowMatchViews } from '../schema/index.ts';

export type MatchRow = typeof escrowMatches.$inferSelect;

export type MatchSummary = {
  id: string;
  reporters: number;
  matchedAt: Date;
  updatedAt: Date;
  seenReporters: number | null;
  /** Reports made from this match that wait for their account and that this counsellor received (and so can add it). */
  awaitingAccounts: number;
};

export async function matchesFor(db: Queryable, counsellorId: string, limit: number): Promise<MatchSummary[]> {
  return db
    .select({
      id: escrowMatches.id,
      reporters: escrowMatches.reporters,
      matchedAt: escrowMatches.matchedAt,
      updatedAt: escrowMatches.updatedAt,
      seenReporters: escrowMatchViews.seenReporters,
      awaitingAccounts: sql<number>`(select count(*)::int from escrow_entries e
        join escrow_allegation_cases l on l.allegation_id = e.allegation_id and l.case_id is not null and l.account_added_at is null
        join case_keys k on k.case_id = l.case_id and k.staff_id = ${counsellorId}::uuid and k.holder = 'staff'
        where e.tag = ${escrowMatches.tag})`,
    })
    .from(escrowMatches)
    .leftJoin(escrowMatchViews, and(eq(escrowMatchViews.matchId, escrowMatches.id), eq(escrowMatchViews.counsellorId, counsellorId)))
    .orderBy(desc(escrowMatches.updatedAt), escrowMatches.id)
    .limit(limit);
}

export async function matchById(db: Queryable, id: string): Promise<MatchRow | undefined> {
  if (!isEscrowId(id)) return undefined;
  const [row] = await db.select().from(escrowMatches).where(eq(escrowMatches.id, id));
  return row;
}

export async function markMatchSeen(db: Queryable, matchId: string, counsellorId: string, reporters: number, now: Date): Promise<void> {
  await db
    .insert(escrowMatchViews)
    .values({ matchId, counsellorId, seenReporters: reporters, seenAt: now })
    .onConflictDoUpdate({ target: [escrowMatchViews.matchId, escrowMatchViews.counsellorId], set: { seenReporters: reporters, seenAt: now } });
}
