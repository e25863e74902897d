/**
 * State of the guards on reporter forms: single-use values (form nonces, receipt challenges)
 * spent until they would have expired, and the count of failed receipt attempts per minute
 * for the whole deployment. Nothing here says who made an attempt.
 */
import { inArray, lt, sql } from 'drizzle-orm';
import { slidingRate } from '../core/intake/receiptGuard.ts';
import type { Queryable } from './database.ts';
import { intakeGuardMinutes, intakeSpentTokens } from './schema/index.ts';

export type SpentKind = 'report-form' | 'follow-up-form' | 'challenge';

/** Marks a value spent; false when it already was (a second submission of the same form). */
export async function spend(db: Queryable, kind: SpentKind, id: string, expiresAt: Date, now: Date): Promise<boolean> {
  await db.delete(intakeSpentTokens).where(lt(intakeSpentTokens.expiresAt, now));
  const inserted = await db.insert(intakeSpentTokens).values({ kind, id, expiresAt }).onConflictDoNothing().returning({ id: intakeSpentTokens.id });
  return inserted.length === 1;
}

function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export async function recordGuessFailure(db: Queryable, now: Date): Promise<void> {
  const minute = minuteOf(now);
  await db
    .insert(intakeGuardMinutes)
    .values({ minute, failures: 1 })
    .onConflictDoUpdate({ target: intakeGuardMinutes.minute, set: { failures: sql`${intakeGuardMinutes.failures} + 1` } });
  await db.delete(intakeGuardMinutes).where(lt(intakeGuardMinutes.minute, new Date(minute.getTime() - 10 * 60_000)));
}

/** Failed receipt attempts over the last sixty seconds, all reporters together. */
export async function recentFailureRate(db: Queryable, now: Date): Promise<number> {
  const current = minuteOf(now);
  const previous = new Date(current.getTime() - 60_000);
  const rows = await db
    .select({ minute: intakeGuardMinutes.minute, failures: intakeGuardMinutes.failures })
    .from(intakeGuardMinutes)
    .where(inArray(intakeGuardMinutes.minute, [current, previous]));
  const count = (minute: Date) => rows.find((row) => row.minute.getTime() === minute.getTime())?.failures ?? 0;
  return slidingRate(count(current), count(previous), (now.getTime() - current.getTime()) / 1000);
}
