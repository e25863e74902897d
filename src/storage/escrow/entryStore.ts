/**
 * Escrow allegations, their entries and the shares sealed to counsellors, and the matches they
 * form. Everything sealed stays sealed here. Matching is by tag alone: counting a tag's entries
 * is one index lookup whatever the number of stored entries (bench/escrow.ts measures it).
 * Placing an allegation is one call to a database function on purpose (`placeInDatabase`): on the
 * embedded database each statement costs a few hundred microseconds of CPU to send, parse and
 * plan — more than the rest of the server's work for an entry — while a function's statements
 * keep their plans and run in order within one call.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import type { AppendedRow, PreparedAudit } from '../auditLog.ts';
import { driverRows, queryRows, type Queryable, type Tx } from '../database.ts';
import { escrowAllegations, escrowEntries, escrowMatches, escrowSealedShares } from '../schema/index.ts';

export type AllegationRow = typeof escrowAllegations.$inferSelect;

export type NewEntry = { id: string; tag: Uint8Array; dedupeKey: Uint8Array; ciphertext: Uint8Array; shares: { counsellorId: string; envelope: Uint8Array }[] };

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export type MatchChange = { matchId: string; reporters: number; isNew: boolean };

export type PlacementOutcome =
  | { outcome: 'token_invalid' | 'no_counsellors' | 'counsellors_changed' | 'not_charged' }
  | { outcome: 'placed'; matches: MatchChange[]; audit: AppendedRow };

/** Byte strings travel as base64 (far cheaper than bytea parameters on the embedded database). */
const base64 = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');

/** The advisory lock key of a tag: its first 8 bytes. */
function lockKey(tag: Uint8Array): bigint {
  return BigInt.asIntN(64, BigInt(`0x${bytesToHex(tag.subarray(0, 8))}`));
}

/**
 * Places an allegation in one call to the database function `escrow_place_allegation`
 * (drizzle/0010_escrow_hot_path_functions.sql; its plans are kept since
 * 0013_escrow_hot_path_plans.sql), straight to the driver (database.ts `driverRows`), inside the
 * caller's transaction. In order, it refuses an unknown token, entries not sealed to exactly the
 * current escrow counsellors, and more entries than the token had evaluations (answering why,
 * before writing anything); takes the tags' advisory locks, in order, so that the match check that follows sees every committed
 * entry on them; stores the allegation, its entries and their sealed shares (a second entry from
 * the same reporter on a tag fails the dedupe key's unique index); records a match for every tag
 * with at least the threshold reporters (one entry per reporter per tag, so entries are
 * reporters), new or grown, and queues the counsellors' alert for each when a link is given;
 * and appends the placement's audit entry, which the caller checks.
 */
export async function placeInDatabase(
  tx: Tx,
  input: {
    tokenHash: string;
    sealedTo: string[];
    defaultThreshold: number;
    id: string;
    receiptLookup: string;
    sealedEvidence: Uint8Array | null;
    entries: NewEntry[];
    now: Date;
    alert: { kind: string; linkBase: string } | undefined;
    audit: PreparedAudit;
  },
): Promise<PlacementOutcome> {
  const keys = [...new Set(input.entries.map((entry) => lockKey(entry.tag)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const shares = input.entries.flatMap((entry) => entry.shares.map((share) => ({ entryId: entry.id, ...share })));
  const { audit } = input;
  const [row] = await driverRows<AppendedRow & { outcome: string; matches: { id: string; reporters: number; inserted: boolean }[] | null }>(
    tx,
    `select outcome, matches, audit_seq as entry_seq, audit_prev_hash as entry_prev_hash, audit_hash as entry_hash from escrow_place_allegation(
       $1::text, $2::uuid[], $3::bigint[], $4::int, $5::uuid, $6::text, $7::text, $8::timestamptz, $9::uuid[], $10::text[], $11::text[], $12::text[],
       $13::uuid[], $14::uuid[], $15::text[], $16::text, $17::text, $18::text, $19::text, $20::text, $21::text, $22::text, $23::jsonb)`,
    [
      input.tokenHash,
      input.sealedTo,
      keys.map(String),
      input.defaultThreshold,
      input.id,
      input.receiptLookup,
      input.sealedEvidence ? base64(input.sealedEvidence) : null,
      input.now.toISOString(),
      input.entries.map((entry) => entry.id),
      input.entries.map((entry) => base64(entry.tag)),
      input.entries.map((entry) => base64(entry.dedupeKey)),
      input.entries.map((entry) => base64(entry.ciphertext)),
      shares.map((share) => share.entryId),
      shares.map((share) => share.counsellorId),
      shares.map((share) => base64(share.envelope)),
      input.alert?.kind ?? null,
      input.alert?.linkBase ?? null,
      base64(audit.parts.before),
      base64(audit.parts.middle),
      base64(audit.parts.after),
      audit.fields.action,
      audit.fields.subjectType,
      JSON.stringify(audit.fields.details),
    ],
  );
  if (!row) throw new Error('escrow placement: no answer');
  if (row.outcome !== 'placed') {
    if (row.outcome === 'token_invalid' || row.outcome === 'no_counsellors' || row.outcome === 'counsellors_changed' || row.outcome === 'not_charged') return { outcome: row.outcome };
    throw new Error(`escrow placement: unknown outcome ${row.outcome}`);
  }
  const matches = (row.matches ?? []).map((match) => ({ matchId: match.id, reporters: Number(match.reporters), isNew: match.inserted === true }));
  return { outcome: 'placed', matches, audit: row };
}

/** Which of these dedupe keys already exist: a reporter who already named this person. */
export async function existingDedupeKeys(db: Queryable, dedupeKeys: Uint8Array[]): Promise<Set<string>> {
  const rows = await db.select({ dedupeKey: escrowEntries.dedupeKey }).from(escrowEntries).where(inArray(escrowEntries.dedupeKey, dedupeKeys));
  return new Set(rows.map((row) => bytesToHex(row.dedupeKey)));
}

export function isDuplicateEntry(error: unknown): boolean {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === '23505' && (constraint === undefined || constraint === 'escrow_entries_dedupe_key_unique')) return true;
  }
  return false;
}

/** The match check's query: entries per tag (tags with none are absent), one index probe each. */
function entriesPerTag(tags: Uint8Array[]) {
  return sql`select encode(tag, 'hex') as tag, count(*)::int as count from escrow_entries
             where tag = any(array[${sql.join(tags.map((tag) => sql`${bytes(tag)}`), sql`, `)}]::bytea[]) group by tag`;
}

/** The match check on its own (the benchmark times it at 10 k, 100 k and 1 M entries). */
export async function tagCounts(db: Queryable, tags: Uint8Array[]): Promise<Map<string, number>> {
  const rows = await queryRows<{ tag: string; count: number }>(db, entriesPerTag(tags));
  return new Map(rows.map((row) => [row.tag, Number(row.count)]));
}

export async function allegationByReceiptLookup(db: Queryable, lookup: string): Promise<AllegationRow | undefined> {
  const [row] = await db.select().from(escrowAllegations).where(eq(escrowAllegations.receiptLookup, lookup));
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isEscrowId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function allegationById(db: Queryable, id: string): Promise<AllegationRow | undefined> {
  if (!isEscrowId(id)) return undefined;
  const [row] = await db.select().from(escrowAllegations).where(eq(escrowAllegations.id, id));
  return row;
}

/** The matches an allegation's entries belong to (empty while unmatched). */
export async function matchesOfAllegation(db: Queryable, allegationId: string): Promise<{ matchId: string; matchedAt: Date }[]> {
  if (!isEscrowId(allegationId)) return [];
  return db
    .select({ matchId: escrowMatches.id, matchedAt: escrowMatches.matchedAt })
    .from(escrowEntries)
    .innerJoin(escrowMatches, eq(escrowMatches.tag, escrowEntries.tag))
    .where(eq(escrowEntries.allegationId, allegationId))
    .orderBy(escrowMatches.matchedAt);
}

export async function recordDecision(db: Queryable, allegationId: string, decision: 'proceed' | 'declined', now: Date): Promise<void> {
  await db.update(escrowAllegations).set({ decision, decidedAt: now }).where(eq(escrowAllegations.id, allegationId));
}

export type SealedEntry = {
  entryId: string;
  allegationId: string;
  tag: Uint8Array;
  ciphertext: Uint8Array;
  envelope: Uint8Array | null;
  placedAt: Date;
  decision: string;
  sealedEvidence: Uint8Array | null;
};

/** Every entry on a tag, with the envelope sealed to this counsellor (null if none was). */
export async function entriesOnTag(db: Queryable, tag: Uint8Array, counsellorId: string): Promise<SealedEntry[]> {
  return db
    .select({
      entryId: escrowEntries.id,
      allegationId: escrowEntries.allegationId,
      tag: escrowEntries.tag,
      ciphertext: escrowEntries.ciphertext,
      envelope: escrowSealedShares.envelope,
      placedAt: escrowEntries.createdAt,
      decision: escrowAllegations.decision,
      sealedEvidence: escrowAllegations.sealedEvidence,
    })
    .from(escrowEntries)
    .innerJoin(escrowAllegations, eq(escrowAllegations.id, escrowEntries.allegationId))
    .leftJoin(escrowSealedShares, and(eq(escrowSealedShares.entryId, escrowEntries.id), eq(escrowSealedShares.counsellorId, counsellorId)))
    .where(eq(escrowEntries.tag, tag))
    .orderBy(escrowEntries.createdAt, escrowEntries.id);
}
