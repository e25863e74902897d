/**
 * The outbox: side effects (e-mail) recorded in the same transaction as the change that causes
 * them and carried out after commit by a worker. Claiming takes a lease with SKIP LOCKED, so
 * several processes on one PostgreSQL never send the same message twice at once.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from './database.ts';
import { outbox } from './schema/index.ts';

export type OutboxMessage = { id: number; kind: string; payload: Record<string, unknown>; attempts: number };

export async function enqueue(db: Queryable, kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<void> {
  await db.insert(outbox).values({ kind, payload, runAt: runAt ?? new Date() });
}

/**
 * Queues a message unless one of the same kind whose payload contains this payload is still
 * waiting to be carried out (or retried): news that repeats before anyone was told is told once.
 */
export async function enqueueCoalesced(db: Queryable, kind: string, payload: Record<string, unknown>, now: Date): Promise<void> {
  const json = JSON.stringify(payload);
  await db.execute(
    sql`insert into outbox (kind, payload, run_at)
        select ${kind}, ${json}::jsonb, ${now.toISOString()}::timestamptz
        where not exists (select 1 from outbox where kind = ${kind} and done_at is null and payload @> ${json}::jsonb)`,
  );
}

export async function claimDue(db: Queryable, now: Date, limit: number, leaseSeconds = 300): Promise<OutboxMessage[]> {
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000);
  return queryRows<OutboxMessage>(
    db,
    sql`update outbox set run_at = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
        where id in (
          select id from outbox
          where done_at is null and run_at <= ${now.toISOString()}::timestamptz
          order by run_at
          limit ${limit}
          for update skip locked
        )
        returning id, kind, payload, attempts`,
  );
}

/** A carried-out message keeps no payload: links and addresses in it are not needed any more. */
export async function markDone(db: Queryable, id: number, now: Date): Promise<void> {
  await db.update(outbox).set({ doneAt: now, lastError: null, payload: {} }).where(eq(outbox.id, id));
}

/** Retries with exponential backoff (1 min, 2, 4 … capped at 6 h); gives up after `maxAttempts`. */
export async function markFailed(db: Queryable, message: OutboxMessage, now: Date, error: string, maxAttempts = 10): Promise<void> {
  const giveUp = message.attempts >= maxAttempts;
  const delay = Math.min(6 * 3600, 60 * 2 ** (message.attempts - 1)) * 1000;
  await db
    .update(outbox)
    .set({ lastError: error.slice(0, 500), runAt: new Date(now.getTime() + delay), doneAt: giveUp ? now : null })
    .where(and(eq(outbox.id, message.id), isNull(outbox.doneAt)));
}
