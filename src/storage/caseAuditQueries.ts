/**
 * Reading the audit log by case and by kind of action, for the auditor's view: entries about
 * one case (by `audit_subject_idx`), entries whose action starts with a prefix, the hashes of
 * the entries just before a page (to check the page links into the chain), and the case
 * metadata the auditor may see — numbers, dates, status and procedure, never content.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AuditEntry } from '../core/auditChain.ts';
import { toEntry } from './auditLog.ts';
import type { Queryable } from './database.ts';
import { notConflicted } from './retentionStore.ts';
import { auditLog, cases } from './schema/index.ts';

/** `like` matches its pattern characters literally after this. */
function literalPrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export async function filteredAuditEntries(
  db: Queryable,
  input: { caseId?: string | undefined; actionPrefix?: string | undefined; beforeSeq?: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        input.caseId ? and(eq(auditLog.subjectType, 'case'), eq(auditLog.subjectId, input.caseId)) : undefined,
        input.actionPrefix ? sql`${auditLog.action} like ${literalPrefix(input.actionPrefix)}` : undefined,
        input.beforeSeq ? lt(auditLog.seq, input.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(input.limit);
  return rows.map(toEntry);
}

/** The hash of each entry numbered in `seqs`. */
export async function hashesOf(db: Queryable, seqs: readonly number[]): Promise<Map<number, string>> {
  if (seqs.length === 0) return new Map();
  const rows = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(inArray(auditLog.seq, [...seqs]));
  return new Map(rows.map((row) => [row.seq, row.hash]));
}

export type AuditedCase = {
  id: string;
  ref: number;
  orgId: string | null;
  status: string;
  path: string;
  procedureId: string | null;
  procedureVersion: number | null;
  submittedAt: Date | null;
  closedAt: Date | null;
  purgeOn: string | null;
  legalHold: boolean;
  nextDueOn: string | null;
  deadlineStatus: string | null;
};

export async function auditedCaseByRef(db: Queryable, ref: number): Promise<AuditedCase | undefined> {
  const [row] = await db
    .select({
      id: cases.id,
      ref: cases.ref,
      orgId: cases.orgId,
      status: cases.status,
      path: cases.path,
      procedureId: cases.procedureId,
      procedureVersion: cases.procedureVersion,
      submittedAt: cases.submittedAt,
      closedAt: cases.closedAt,
      purgeOn: cases.purgeOn,
      legalHold: cases.legalHold,
      nextDueOn: cases.nextDueOn,
      deadlineStatus: cases.deadlineStatus,
    })
    .from(cases)
    .where(eq(cases.ref, ref));
  return row;
}

/** The numbers of these cases, leaving out the ones the viewer is conflicted on (their entries are not linked). */
export async function refsOfCases(db: Queryable, ids: readonly string[], viewerId: string): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: cases.id, ref: cases.ref })
    .from(cases)
    .where(and(inArray(cases.id, [...ids]), notConflicted(viewerId)));
  return new Map(rows.map((row) => [row.id, row.ref]));
}
