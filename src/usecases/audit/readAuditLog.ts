/**
 * The audit log for auditors and network administrators, newest first, 50 entries a page
 * (`before` is the sequence number the next page starts below), optionally only the entries
 * about one case and/or of one kind of action. Actor and subject ids are shown with the names
 * they stand for today, when they still exist.
 */
import { inArray } from 'drizzle-orm';
import type { AuditEntry } from '../../core/auditChain.ts';
import { allowed, authorize, type Actor } from '../../core/policy.ts';
import { listAuditEntries } from '../../storage/auditLog.ts';
import { auditedCaseByRef, filteredAuditEntries, refsOfCases } from '../../storage/caseAuditQueries.ts';
import { isConflicted } from '../../storage/caseHandlingStore.ts';
import type { Queryable } from '../../storage/database.ts';
import { invitations, network, organisations, staff } from '../../storage/schema/index.ts';

export const AUDIT_PAGE_SIZE = 50;

/** `caseRef`: the number of the case an entry concerns, when it still exists and the viewer is not conflicted on it. */
export type AuditLine = AuditEntry & { actorName: string | null; subjectName: string | null; caseRef: number | null };

/** `unknownCase`: the filter named a case number that does not exist (or that the viewer may not audit). */
export type AuditPage = { lines: AuditLine[]; nextBefore: number | undefined; unknownCase: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOf(entries: AuditEntry[], subjectType: string): string[] {
  return [...new Set(entries.flatMap((entry) => (entry.subjectType === subjectType && entry.subjectId && UUID.test(entry.subjectId) ? [entry.subjectId] : [])))];
}

async function namesOf(db: Queryable, table: typeof staff | typeof organisations | typeof invitations | typeof network, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Entries with the names their actor and subject ids stand for today, and the numbers of the cases they concern. */
export async function describeEntries(db: Queryable, actor: Actor, entries: AuditEntry[]): Promise<AuditLine[]> {
  const actorIds = [...new Set(entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
  const staffNames = await namesOf(db, staff, [...new Set([...actorIds, ...idsOf(entries, 'staff')])]);
  const organisationNames = await namesOf(db, organisations, idsOf(entries, 'organisation'));
  const invitationNames = await namesOf(db, invitations, idsOf(entries, 'invitation'));
  const networkNames = await namesOf(db, network, idsOf(entries, 'network'));
  const caseRefs = await refsOfCases(db, idsOf(entries, 'case'), actor.staffId);
  const subjectNames: Record<string, Map<string, string>> = {
    staff: staffNames,
    organisation: organisationNames,
    invitation: invitationNames,
    network: networkNames,
  };
  return entries.map((entry) => ({
    ...entry,
    actorName: entry.actorId ? (staffNames.get(entry.actorId) ?? null) : null,
    subjectName: entry.subjectType && entry.subjectId ? (subjectNames[entry.subjectType]?.get(entry.subjectId) ?? null) : null,
    caseRef: entry.subjectType === 'case' && entry.subjectId ? (caseRefs.get(entry.subjectId) ?? null) : null,
  }));
}

/**
 * What to show: entries about one case — by its number, or by its id (which still finds the
 * entries of a purged case) — and/or entries whose action starts with a prefix (`case.action.`).
 */
export type AuditFilter = { case?: string | undefined; action?: string | undefined };

/** The case a filter names, as a subject id; null when it names no case the actor may audit. */
async function filteredCaseId(db: Queryable, actor: Actor, value: string): Promise<string | null> {
  if (UUID.test(value)) {
    // An id may name a case that was purged since; a case the actor is conflicted on stays closed to them.
    const id = value.toLowerCase();
    return (await isConflicted(db, id, actor.staffId)) ? null : id;
  }
  const found = await auditedCaseByRef(db, Number(value));
  if (!found) return null;
  const conflicted = await isConflicted(db, found.id, actor.staffId);
  return allowed(actor, 'case.audit', { kind: 'case', orgId: found.orgId, keyHolder: false, conflicted }) ? found.id : null;
}

export async function readAuditLog(db: Queryable, actor: Actor, options: { before?: number | undefined; filter?: AuditFilter }): Promise<AuditPage> {
  authorize(actor, 'audit.read', { kind: 'audit-log' });
  const filter = options.filter ?? {};
  const caseId = filter.case ? await filteredCaseId(db, actor, filter.case) : undefined;
  if (caseId === null) return { lines: [], nextBefore: undefined, unknownCase: true };
  const entries =
    caseId || filter.action
      ? await filteredAuditEntries(db, { caseId, actionPrefix: filter.action, beforeSeq: options.before, limit: AUDIT_PAGE_SIZE })
      : await listAuditEntries(db, { beforeSeq: options.before, limit: AUDIT_PAGE_SIZE });
  const lines = await describeEntries(db, actor, entries);
  const last = entries.at(-1);
  return { lines, nextBefore: entries.length === AUDIT_PAGE_SIZE && last && last.seq > 1 ? last.seq : undefined, unknownCase: false };
}
