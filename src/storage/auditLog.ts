/**
 * Writing and reading the hash-chained audit log. `recordAudit` must be called inside the
 * transaction of the change it records: the chain head is locked (advisory transaction lock),
 * so entries are numbered without gaps and chained in commit order, even across processes.
 */
import { asc, eq, gt, sql } from 'drizzle-orm';
import { chainEntry, GENESIS_HASH, ChainVerifier, type AuditEntry, type ChainVerdict } from '../core/auditChain.ts';
import type { Queryable, Tx } from './database.ts';
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

export async function recordAudit(tx: Tx, event: AuditEvent, now: Date = new Date()): Promise<AuditEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  const entry = chainEntry(
    {
      seq: (head?.seq ?? 0) + 1,
      at: new Date(Math.max(now.getTime(), 0)).toISOString(),
      actorId: event.actorId,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      orgId: event.orgId ?? null,
      details: event.details ?? {},
    },
    head?.hash ?? GENESIS_HASH,
  );
  await tx.insert(auditLog).values({ ...entry, at: new Date(entry.at) });
  await tx
    .insert(auditHead)
    .values({ id: 1, seq: entry.seq, hash: entry.hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: entry.seq, hash: entry.hash } });
  return entry;
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
