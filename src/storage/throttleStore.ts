/**
 * Throttling state in the database, so every app process sees the same counts. Keys are hashes
 * of accounts or receipts, never addresses.
 */
import { and, eq, sql } from 'drizzle-orm';
import { delayAfter, secondsUntil, type ThrottlePolicy } from '../core/throttle.ts';
import type { Queryable } from './database.ts';
import { throttles } from './schema/index.ts';

export async function throttleWait(db: Queryable, scope: string, key: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ blockedUntil: throttles.blockedUntil })
    .from(throttles)
    .where(and(eq(throttles.scope, scope), eq(throttles.key, key)));
  return secondsUntil(row?.blockedUntil, now);
}

/** Counts a failure and returns the seconds the key must now wait. */
export async function recordFailure(db: Queryable, scope: string, key: string, now: Date, policy: ThrottlePolicy): Promise<number> {
  const [row] = await db
    .insert(throttles)
    .values({ scope, key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [throttles.scope, throttles.key],
      set: { failures: sql`${throttles.failures} + 1`, updatedAt: now },
    })
    .returning({ failures: throttles.failures });
  const wait = delayAfter(row?.failures ?? 1, policy);
  if (wait > 0) {
    await db
      .update(throttles)
      .set({ blockedUntil: new Date(now.getTime() + wait * 1000) })
      .where(and(eq(throttles.scope, scope), eq(throttles.key, key)));
  }
  return wait;
}

export async function clearFailures(db: Queryable, scope: string, key: string): Promise<void> {
  await db.delete(throttles).where(and(eq(throttles.scope, scope), eq(throttles.key, key)));
}
