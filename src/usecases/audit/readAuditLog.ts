/**
 * The audit log for auditors and network administrators, newest first, 50 entries a page
 * (`before` is the sequence number the next page starts below). Actor and subject ids are
 * shown with the names they stand for today, when they still exist.
 */
import { inArray } from 'drizzle-orm';
import type { AuditEntry } from '../../core/auditChain.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { listAuditEntries } from '../../storage/auditLog.ts';
import type { Queryable } from '../../storage/database.ts';
import { invitations, network, organisations, staff } from '../../storage/schema/index.ts';

export const AUDIT_PAGE_SIZE = 50;

export type AuditLine = AuditEntry & { actorName: string | null; subjectName: string | null };

export type AuditPage = { lines: AuditLine[]; nextBefore: number | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOf(entries: AuditEntry[], subjectType: string): string[] {
  return [...new Set(entries.flatMap((entry) => (entry.subjectType === subjectType && entry.subjectId && UUID.test(entry.subjectId) ? [entry.subjectId] : [])))];
}

async function namesOf(db: Queryable, table: typeof staff | typeof organisations | typeof invitations | typeof network, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function readAuditLog(db: Queryable, actor: Actor, options: { before?: number | undefined }): Promise<AuditPage> {
  authorize(actor, 'audit.read', { kind: 'audit-log' });
  const entries = await listAuditEntries(db, { beforeSeq: options.before, limit: AUDIT_PAGE_SIZE });
  const actorIds = [...new Set(entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
  const staffNames = await namesOf(db, staff, [...new Set([...actorIds, ...idsOf(entries, 'staff')])]);
  const organisationNames = await namesOf(db, organisations, idsOf(entries, 'organisation'));
  const invitationNames = await namesOf(db, invitations, idsOf(entries, 'invitation'));
  const networkNames = await namesOf(db, network, idsOf(entries, 'network'));
  const subjectNames: Record<string, Map<string, string>> = {
    staff: staffNames,
    organisation: organisationNames,
    invitation: invitationNames,
    network: networkNames,
  };
  const lines = entries.map((entry) => ({
    ...entry,
    actorName: entry.actorId ? (staffNames.get(entry.actorId) ?? null) : null,
    subjectName: entry.subjectType && entry.subjectId ? (subjectNames[entry.subjectType]?.get(entry.subjectId) ?? null) : null,
  }));
  const last = entries.at(-1);
  return { lines, nextBefore: entries.length === AUDIT_PAGE_SIZE && last && last.seq > 1 ? last.seq : undefined };
}
