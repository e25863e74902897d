/**
 * Escrow allegations, their entries and the shares sealed to counsellors, and the matches they
 * form. Everything sealed stays sealed here. Matching is by tag alone: counting a tag's entries
 * is one index lookup whatever the number of stored entries (bench/escrow.ts measures it).
 * Placing an allegation takes few round trips on purpose: on the embedded database each costs
 * a few hundred microseconds, more than the rest of the server's work for an entry.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import { queryRows, type Queryable, type Tx } from '../database.ts';
import { escrowAllegations, escrowEntries, escrowMatches, escrowSealedShares } from '../schema/index.ts';

export type AllegationRow = typeof escrowAllegations.$inferSelect;

export type NewEntry = { id: string; tag: Uint8Array; dedupeKey: Uint8Array; ciphertext: Uint8Array; shares: { counsellorId: string; envelope: Uint8Array }[] };

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/**
 * Counts `count` new entries against the reporter's evaluations and locks the reporter row:
 * false when the token is unknown or has placed as many entries as it had evaluations.
 */
export async function chargeReporter(tx: Tx, tokenHash: string, count: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update escrow_reporters set entries_placed = entries_placed + ${count}::int
        where token_hash = ${tokenHash} and entries_placed + ${count}::int <= evaluations_total returning id`,
  );
  return rows.length === 1;
}

/** Serialises the match check of each tag across transactions and processes (advisory locks on their first 8 bytes, in order). */
export async function lockTags(tx: Tx, tags: Uint8Array[]): Promise<void> {
  const keys = [...new Set(tags.map((tag) => BigInt.asIntN(64, BigInt(`0x${bytesToHex(tag.subarray(0, 8))}`))))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.execute(sql`select pg_advisory_xact_lock(key) from unnest(array[${sql.join(keys.map((key) => sql`${key.toString()}`), sql`, `)}]::bigint[]) as key`);
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

/**
 * Stores an allegation, its entries and their sealed shares in one statement, and answers how
 * many entries each of its tags now has: the match check. The statement's snapshot is taken
 * after the tags were locked, so it sees every committed entry on them; the new ones are added.
 * A second entry from the same reporter on a tag fails the dedupe key's unique index.
 */
export async function insertAllegation(
  tx: Tx,
  input: { id: string; receiptLookup: string; sealedEvidence: Uint8Array | null; entries: NewEntry[]; now: Date },
): Promise<Map<string, number>> {
  const now = input.now.toISOString();
  const entryRows = input.entries.map(
    (entry) => sql`(${entry.id}::uuid, ${input.id}::uuid, ${bytes(entry.tag)}, ${bytes(entry.dedupeKey)}, ${bytes(entry.ciphertext)}, ${now}::timestamptz)`,
  );
  const shareRows = input.entries.flatMap((entry) => entry.shares.map((share) => sql`(${entry.id}::uuid, ${share.counsellorId}::uuid, ${bytes(share.envelope)})`));
  const existing = await queryRows<{ tag: string; count: number }>(
    tx,
    sql`with allegation as (
          insert into escrow_allegations (id, receipt_lookup, sealed_evidence, created_at)
          values (${input.id}::uuid, ${input.receiptLookup}, ${input.sealedEvidence ? bytes(input.sealedEvidence) : null}::bytea, ${now}::timestamptz)
        ), entries as (
          insert into escrow_entries (id, allegation_id, tag, dedupe_key, ciphertext, created_at) values ${sql.join(entryRows, sql`, `)}
        ), shares as (
          insert into escrow_sealed_shares (entry_id, counsellor_id, envelope) values ${sql.join(shareRows, sql`, `)}
        )
        ${entriesPerTag(input.entries.map((entry) => entry.tag))}`,
  );
  const counts = new Map(existing.map((row) => [row.tag, Number(row.count)]));
  for (const entry of input.entries) counts.set(bytesToHex(entry.tag), (counts.get(bytesToHex(entry.tag)) ?? 0) + 1);
  return counts;
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

export type MatchChange = { matchId: string; reporters: number; isNew: boolean };

/** Records that a tag has `reporters` distinct reporters (a new match, or more reporters on one). */
export async function recordMatch(db: Queryable, tag: Uint8Array, reporters: number, now: Date): Promise<MatchChange> {
  const [row] = await db
    .insert(escrowMatches)
    .values({ tag, reporters, matchedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: escrowMatches.tag, set: { reporters, updatedAt: now } })
    // xmax is 0 only on a row this statement inserted: a new match rather than a grown one.
    .returning({ id: escrowMatches.id, inserted: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error('escrow match not recorded');
  return { matchId: row.id, reporters, isNew: row.inserted };
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
