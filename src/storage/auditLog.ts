/**
 * Writing and reading the hash-chained audit log. `recordAudit` must be called inside the
 * transaction of the change it records. It appends the entry in one statement: the statement
 * locks the head row (`for update`, which in PostgreSQL's read-committed mode reads the newest
 * committed head even after waiting for another writer), computes the entry's hash from the
 * canonical JSON prepared here and the previous hash, appends the entry and moves the head — so
 * entries are numbered without gaps and chained in commit order, even across processes — and the
 * hash the database computed is checked here against the one computed in JavaScript before the
 * transaction goes on. A database that never had an entry gets its head row (0, genesis) first,
 * under an advisory lock. The statement needs only the audit tables of the first migration, so it
 * works on any Redress database (backups of older deployments are written with it in tests).
 * Database functions append the same way with `redress_audit_append`
 * (drizzle/0010_escrow_hot_path_functions.sql): a use-case whose work is one such function passes
 * it `preparedAudit`'s parts and checks the answer with it (usecases/escrow/placeAllegation.ts).
 */
import canonicalize from 'canonicalize';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { chainEntry, GENESIS_HASH, ChainVerifier, type AuditEntry, type AuditFields, type ChainVerdict } from '../core/auditChain.ts';
import { queryRows, type Queryable, type Tx } from './database.ts';
import { auditHead, auditLog } from './schema/index.ts';

const AUDIT_LOCK = 7_301_043;

export type AuditEvent = {
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  orgId?: string | null;
  details?: Record<string, unknown>;
};

/**
 * The canonical JSON (RFC 8785) of an entry split around the two values only the database knows
 * when it writes the entry. Top-level keys sort as action, actorId, at, details, orgId,
 * prevHash, seq, subjectId, subjectType, so the hashed body is
 * `before ‖ prevHash ‖ middle ‖ seq ‖ after` (auditLog.test.ts checks this against canonicalize).
 */
export function canonicalParts(fields: Omit<AuditFields, 'seq'>): { before: string; middle: string; after: string } {
  const json = (value: unknown) => canonicalize(value) ?? 'null';
  return {
    before: `{"action":${json(fields.action)},"actorId":${json(fields.actorId)},"at":${json(fields.at)},"details":${json(fields.details)},"orgId":${json(fields.orgId)},"prevHash":"`,
    middle: '","seq":',
    after: `,"subjectId":${json(fields.subjectId)},"subjectType":${json(fields.subjectType)}}`,
  };
}

function fieldsOf(event: AuditEvent, now: Date): Omit<AuditFields, 'seq'> {
  return {
    at: new Date(Math.max(now.getTime(), 0)).toISOString(),
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    orgId: event.orgId ?? null,
    details: event.details ?? {},
  };
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** What the database answers for an appended entry: its number, the hash it follows, its hash. */
export type AppendedRow = { entry_seq: number | string | bigint | null; entry_prev_hash: string | null; entry_hash: string | null };

export type PreparedAudit = {
  fields: Omit<AuditFields, 'seq'>;
  /** The canonical JSON around the previous hash and the number, as UTF-8. */
  parts: { before: Buffer; middle: Buffer; after: Buffer };
  /** The entry the database appended, once its hash is checked; throws if it was not appended or differs. */
  check(row: AppendedRow | undefined): AuditEntry;
};

export function preparedAudit(event: AuditEvent, now: Date): PreparedAudit {
  const fields = fieldsOf(event, now);
  const parts = canonicalParts(fields);
  return {
    fields,
    parts: { before: utf8(parts.before), middle: utf8(parts.middle), after: utf8(parts.after) },
    check: (row) => {
      if (!row || row.entry_seq === null || row.entry_prev_hash === null || row.entry_hash === null) throw new Error('audit entry not appended');
      const entry = chainEntry({ ...fields, seq: Number(row.entry_seq) }, row.entry_prev_hash);
      // A difference would be a bug in canonicalParts: refuse rather than keep an entry that fails verification.
      if (entry.hash !== row.entry_hash) throw new Error(`audit entry ${entry.seq}: the database hashed it differently`);
      return entry;
    },
  };
}

/** The chained append as one statement (see the head of this file); its row is empty when the head row is missing. */
function appendStatement(audit: PreparedAudit) {
  const { fields, parts } = audit;
  // Bytes travel as base64: far cheaper than bytea parameters on the embedded database.
  const bytes = (value: Buffer) => sql`decode(${value.toString('base64')}, 'base64')`;
  return sql`with head as (select seq, hash from audit_head where id = 1 for update),
      entry as (
        select seq + 1 as seq, hash as prev_hash,
               encode(sha256(${bytes(parts.before)} || textsend(hash) || ${bytes(parts.middle)} || textsend((seq + 1)::text) || ${bytes(parts.after)}), 'hex') as hash
        from head
      ),
      written as (
        insert into audit_log (seq, at, actor_id, action, subject_type, subject_id, org_id, details, prev_hash, hash)
        select seq, ${fields.at}::timestamptz, ${fields.actorId}::uuid, ${fields.action}::text, ${fields.subjectType}::text, ${fields.subjectId}::text,
               ${fields.orgId}::uuid, ${JSON.stringify(fields.details)}::jsonb, prev_hash, hash
        from entry
        returning seq, prev_hash, hash
      ),
      moved as (update audit_head set seq = written.seq, hash = written.hash from written where audit_head.id = 1)
    select seq as entry_seq, prev_hash as entry_prev_hash, hash as entry_hash from written`;
}

export async function recordAudit(tx: Tx, event: AuditEvent, now: Date = new Date()): Promise<AuditEntry> {
  const audit = preparedAudit(event, now);
  const [row] = await queryRows<AppendedRow>(tx, appendStatement(audit));
  if (row) return audit.check(row);
  // No head row yet: the first entry of this database. Two first writers serialise on the lock and the key.
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  await tx.insert(auditHead).values({ id: 1, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing({ target: auditHead.id });
  const [first] = await queryRows<AppendedRow>(tx, appendStatement(audit));
  return audit.check(first);
}

type AuditRow = typeof auditLog.$inferSelect;

export function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    orgId: row.orgId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Streams the whole log in pages and verifies the chain; `onProgress` reports rows checked. */
export async function verifyAuditLog(
  db: Queryable,
  onProgress?: (checked: number, total: number) => void,
): Promise<ChainVerdict> {
  const [countRow] = await db.select({ count: sql<number>`count(*)::int` }).from(auditLog);
  const total = countRow?.count ?? 0;
  const verifier = new ChainVerifier();
  let after = 0;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(5000);
    if (page.length === 0) break;
    for (const row of page) {
      if (!verifier.add(toEntry(row))) return verifier.finish();
    }
    checked += page.length;
    after = page[page.length - 1]?.seq ?? after;
    onProgress?.(checked, total);
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return verifier.finish(head ? { seq: head.seq, hash: head.hash } : checked === 0 ? undefined : { seq: 0, hash: GENESIS_HASH });
}

export async function listAuditEntries(db: Queryable, options: { beforeSeq?: number; limit: number }): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(options.beforeSeq ? sql`${auditLog.seq} < ${options.beforeSeq}` : undefined)
    .orderBy(sql`${auditLog.seq} desc`)
    .limit(options.limit);
  return rows.map(toEntry);
}
