/** Escrow matches as counsellors see them: metadata only, with what each counsellor has looked at. */
import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { isEscrowId } from './entryStore.ts';
import { escrowMatches, escrowMatchViews } from '../schema/index.ts';

export type MatchRow = typeof escrowMatches.$inferSelect;

export type MatchSummary = { id: string; reporters: number; matchedAt: Date; updatedAt: Date; seenReporters: number | null };

export async function matchesFor(db: Queryable, counsellorId: string, limit: number): Promise<MatchSummary[]> {
  return db
    .select({
      id: escrowMatches.id,
      reporters: escrowMatches.reporters,
      matchedAt: escrowMatches.matchedAt,
      updatedAt: escrowMatches.updatedAt,
      seenReporters: escrowMatchViews.seenReporters,
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
