/**
 * Pseudonymous escrow reporters and their OPRF evaluations. A reporter row holds only the
 * SHA-256 of their token; an evaluation row holds a fingerprint of the blinded element (to
 * refuse replays) and when it was answered (for the per-token rate limit).
 */
import { eq, sql } from 'drizzle-orm';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { formatReporterToken, type ReporterToken } from '../../core/escrow/reporterToken.ts';
import { queryRows, type Queryable } from '../database.ts';
import { escrowEmailCodes, escrowReporters } from '../schema/index.ts';

export type ReporterRow = typeof escrowReporters.$inferSelect;

export function reporterTokenHash(token: ReporterToken): string {
  return sha256Hex(`redress/escrow/reporter-token/v1:${formatReporterToken(token)}`);
}

/** The reporter for a token, locked for the rest of the transaction when `lock` is set. */
export async function reporterByToken(db: Queryable, token: ReporterToken, lock = false): Promise<ReporterRow | undefined> {
  const query = db.select().from(escrowReporters).where(eq(escrowReporters.tokenHash, reporterTokenHash(token)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Records a reporter once; a second verification of the same member finds the same row. */
export async function ensureReporter(db: Queryable, input: { token: ReporterToken; source: 'invitation' | 'email'; issuedBy?: string; now: Date }): Promise<string> {
  const tokenHash = reporterTokenHash(input.token);
  await db
    .insert(escrowReporters)
    .values({ tokenHash, source: input.source, issuedBy: input.issuedBy ?? null, createdAt: input.now })
    .onConflictDoNothing({ target: escrowReporters.tokenHash });
  const [row] = await db.select({ id: escrowReporters.id }).from(escrowReporters).where(eq(escrowReporters.tokenHash, tokenHash));
  if (!row) throw new Error('escrow reporter not recorded');
  return row.id;
}

export type EvaluationFacts = { reporterId: string; evaluationsTotal: number; answeredAt: Date[]; seenFingerprints: Set<string> };

const textArray = (values: string[]) => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;

/**
 * In one round trip: the token's reporter, locked until the transaction ends (so two parallel
 * requests cannot both slip under the limit), its answers since `since`, and which of
 * `fingerprints` were ever answered, for any token (replays).
 */
export async function lockReporterForEvaluation(db: Queryable, token: ReporterToken, fingerprints: string[], since: Date): Promise<EvaluationFacts | undefined> {
  const [row] = await queryRows<{ id: string; total: number; answered: number[] | null; seen: string[] | null }>(
    db,
    sql`select r.id, r.evaluations_total as total,
          (select array_agg(extract(epoch from e.answered_at) * 1000)::float8[] from escrow_evaluations e
             where e.reporter_id = r.id and e.answered_at > ${since.toISOString()}::timestamptz) as answered,
          (select array_agg(e.fingerprint) from escrow_evaluations e where e.fingerprint = any(${textArray(fingerprints)})) as seen
        from escrow_reporters r where r.token_hash = ${reporterTokenHash(token)} for update of r`,
  );
  if (!row) return undefined;
  return {
    reporterId: row.id,
    evaluationsTotal: Number(row.total),
    answeredAt: (row.answered ?? []).map((ms) => new Date(Number(ms))),
    seenFingerprints: new Set(row.seen ?? []),
  };
}

/** Records the answered fingerprints and counts them against the token's lifetime, in one statement. */
export async function recordEvaluations(db: Queryable, reporterId: string, fingerprints: string[], now: Date): Promise<void> {
  await db.execute(sql`
    with answered as (
      insert into escrow_evaluations (fingerprint, reporter_id, answered_at)
      select fingerprint, ${reporterId}::uuid, ${now.toISOString()}::timestamptz from unnest(${textArray(fingerprints)}) as fingerprint
      returning 1
    )
    update escrow_reporters set evaluations_total = evaluations_total + (select count(*) from answered) where id = ${reporterId}::uuid`);
}

export async function storeEmailCode(db: Queryable, digest: Uint8Array, expiresAt: Date, now: Date): Promise<void> {
  await db.delete(escrowEmailCodes).where(sql`${escrowEmailCodes.expiresAt} < ${now.toISOString()}::timestamptz`);
  await db.insert(escrowEmailCodes).values({ digest, expiresAt }).onConflictDoUpdate({ target: escrowEmailCodes.digest, set: { expiresAt } });
}

/** Uses up an outstanding code: true when it existed and had not expired. */
export async function spendEmailCode(db: Queryable, digest: Uint8Array, now: Date): Promise<boolean> {
  const deleted = await db.delete(escrowEmailCodes).where(eq(escrowEmailCodes.digest, digest)).returning({ expiresAt: escrowEmailCodes.expiresAt });
  return deleted.some((row) => row.expiresAt > now);
}

export async function forgetEmailCode(db: Queryable, digest: Uint8Array): Promise<void> {
  await db.delete(escrowEmailCodes).where(eq(escrowEmailCodes.digest, digest));
}
