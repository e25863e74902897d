/**
 * Pseudonymous escrow reporters and their OPRF evaluations. A reporter row holds only the
 * SHA-256 of their token; an evaluation row holds a fingerprint of the blinded element (to
 * refuse replays) and when it was answered (for the per-token rate limit).
 */
import { eq, sql } from 'drizzle-orm';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { formatReporterToken, type ReporterToken } from '../../core/escrow/reporterToken.ts';
import { driverRows, type Queryable } from '../database.ts';
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

export type EvaluationLimits = { since: Date; now: Date; perWindow: number; lifetime: number };

/**
 * One call to the database function `escrow_admit_evaluations`
 * (drizzle/0010_escrow_hot_path_functions.sql), one statement straight to the driver
 * (database.ts `driverRows`): locks the token's reporter row, reads its answers in the window and
 * which of `fingerprints` were ever answered (for any token: replays), and — only when the
 * request fits every limit — records the fingerprints and counts them against the token's
 * lifetime. Run on its own it commits with its answer, so `admitted` is the decision; the caller
 * explains a refusal from the facts, by the same rules (core/escrow/evaluationRequests.ts).
 */
export async function admitEvaluations(
  db: Queryable,
  input: { tokenHash: string; fingerprints: string[]; limits: EvaluationLimits },
): Promise<{ facts: EvaluationFacts | undefined; admitted: boolean }> {
  const { limits } = input;
  const [row] = await driverRows<{ reporter_id: string | null; evaluations_total: number | null; answered_ms: number[] | null; seen: string[] | null; admitted: boolean }>(
    db,
    'select * from escrow_admit_evaluations($1::text, $2::text[], $3::timestamptz, $4::timestamptz, $5::int, $6::int)',
    [input.tokenHash, input.fingerprints, limits.since.toISOString(), limits.now.toISOString(), limits.perWindow, limits.lifetime],
  );
  if (!row?.reporter_id) return { facts: undefined, admitted: false };
  return {
    facts: {
      reporterId: row.reporter_id,
      evaluationsTotal: Number(row.evaluations_total),
      answeredAt: (row.answered_ms ?? []).map((ms) => new Date(Number(ms))),
      seenFingerprints: new Set(row.seen ?? []),
    },
    admitted: row.admitted === true,
  };
}

/** The error PostgreSQL raises when an answered element is recorded twice at once: a replay. */
export function isReplayedEvaluation(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === '23505' && (constraint === undefined || constraint === 'escrow_evaluations_pkey')) return true;
  }
  return false;
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
