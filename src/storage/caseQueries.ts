/**
 * Queries on cases shared by the intake and case use-cases: the case row, its wrapped keys,
 * its timeline and messages, and who may receive a new report (the inbox is inboxQueries.ts).
 * Everything sealed stays sealed here; opening is the use-cases' business.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { isCaseEventKind, isCaseStatus, type CaseEventKind, type CaseStatus } from '../core/intake/caseModel.ts';
import type { Recipient, RecipientCandidates } from '../core/intake/recipients.ts';
import type { Queryable } from './database.ts';
import { caseEvents, caseKeys, caseMessages, cases, roleGrants, staff } from './schema/index.ts';

export type CaseRow = typeof cases.$inferSelect;
export type MessageRow = typeof caseMessages.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCaseId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function caseById(db: Queryable, id: string): Promise<CaseRow | undefined> {
  if (!isCaseId(id)) return undefined;
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

export async function caseByReceiptLookup(db: Queryable, lookup: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.receiptLookup, lookup));
  return row;
}

/** The case key wrapped for a staff member (undefined when none was) or, with staffId null, for the receipt. */
export async function wrappedCaseKey(db: Queryable, caseId: string, staffId: string | null): Promise<Uint8Array | undefined> {
  const [row] = await db
    .select({ wrappedKey: caseKeys.wrappedKey })
    .from(caseKeys)
    .where(and(eq(caseKeys.caseId, caseId), staffId === null ? isNull(caseKeys.staffId) : eq(caseKeys.staffId, staffId)));
  return row?.wrappedKey;
}

export async function addCaseEvent(
  db: Queryable,
  event: { caseId: string; kind: CaseEventKind; actorKind: 'reporter' | 'staff' | 'respondent'; at: Date; details?: Record<string, string> },
): Promise<void> {
  await db.insert(caseEvents).values({ caseId: event.caseId, kind: event.kind, actorKind: event.actorKind, at: event.at, details: event.details ?? {} });
}

export type CaseEvent = { kind: CaseEventKind; actorKind: string; at: Date; details: Record<string, string> };

export async function caseTimeline(db: Queryable, caseId: string): Promise<CaseEvent[]> {
  const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
  return rows.flatMap((row) => (isCaseEventKind(row.kind) ? [{ kind: row.kind, actorKind: row.actorKind, at: row.at, details: row.details }] : []));
}

export async function reporterThread(db: Queryable, caseId: string): Promise<(MessageRow & { authorName: string | null })[]> {
  return db
    .select({
      id: caseMessages.id,
      seq: caseMessages.seq,
      caseId: caseMessages.caseId,
      thread: caseMessages.thread,
      kind: caseMessages.kind,
      authorKind: caseMessages.authorKind,
      authorStaffId: caseMessages.authorStaffId,
      sealedBody: caseMessages.sealedBody,
      createdAt: caseMessages.createdAt,
      authorName: staff.name,
    })
    .from(caseMessages)
    .leftJoin(staff, eq(staff.id, caseMessages.authorStaffId))
    .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.thread, 'reporter')))
    .orderBy(asc(caseMessages.seq));
}

async function activeWithRole(db: Queryable, role: string, orgId: string | null): Promise<Recipient[]> {
  const rows = await db
    .select({ staffId: staff.id, publicKey: staff.publicKey })
    .from(roleGrants)
    .innerJoin(staff, eq(staff.id, roleGrants.staffId))
    .where(and(eq(roleGrants.role, role), orgId === null ? isNull(roleGrants.orgId) : eq(roleGrants.orgId, orgId), eq(staff.active, true)))
    .orderBy(asc(staff.createdAt));
  return rows;
}

export async function recipientCandidates(db: Queryable, orgId: string | null): Promise<RecipientCandidates> {
  const networkHandlers = await activeWithRole(db, 'handler', null);
  return {
    scopeHandlers: orgId === null ? networkHandlers : await activeWithRole(db, 'handler', orgId),
    networkHandlers,
    networkAdmins: await activeWithRole(db, 'admin', null),
  };
}

/** The status of a stored case; the table's check constraint admits only known values. */
export function statusOf(row: Pick<CaseRow, 'status'>): CaseStatus {
  if (!isCaseStatus(row.status)) throw new Error(`case status ${row.status} is unknown`);
  return row.status;
}
