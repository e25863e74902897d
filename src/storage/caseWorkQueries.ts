/**
 * Queries for the case work around the procedure: sealed notes and referrals (documents of a
 * kind, with their author's name), labels and category, links between cases, the chain of
 * custody of evidence files (who added each one), and break-glass grants. Everything sealed
 * stays sealed here; opening it is the use-cases' business.
 */
import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from './database.ts';
import { auditLog, caseAttachments, caseBreakGlass, caseDocuments, caseLinks, caseMessages, cases, staff } from './schema/index.ts';

export type AuthoredDocumentRow = {
  id: string;
  kind: string;
  sealedWith: string;
  sealedBody: Uint8Array;
  authorStaffId: string | null;
  authorName: string | null;
  createdAt: Date;
};

/** The case's documents of these kinds, oldest first, with the name of the staff member who wrote each. */
export async function documentsOfKinds(db: Queryable, caseId: string, kinds: readonly string[]): Promise<AuthoredDocumentRow[]> {
  return kinds.length === 0 ? [] : authoredDocuments(db, caseId, inArray(caseDocuments.kind, [...kinds]));
}

/** Documents by id, only those of this case (a reference never reaches another case's document). */
export async function documentsByIds(db: Queryable, caseId: string, ids: readonly string[]): Promise<AuthoredDocumentRow[]> {
  return ids.length === 0 ? [] : authoredDocuments(db, caseId, inArray(caseDocuments.id, [...ids]));
}

async function authoredDocuments(db: Queryable, caseId: string, which: SQL): Promise<AuthoredDocumentRow[]> {
  return db
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      sealedWith: caseDocuments.sealedWith,
      sealedBody: caseDocuments.sealedBody,
      authorStaffId: caseDocuments.authorStaffId,
      authorName: staff.name,
      createdAt: caseDocuments.createdAt,
    })
    .from(caseDocuments)
    .leftJoin(staff, eq(staff.id, caseDocuments.authorStaffId))
    .where(and(eq(caseDocuments.caseId, caseId), which))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.id));
}

export async function setLabelsAndCategory(tx: Tx, caseId: string, input: { labels: string[]; category: string | null }, now: Date): Promise<void> {
  await tx.update(cases).set({ labels: input.labels, category: input.category, updatedAt: now }).where(eq(cases.id, caseId));
}

/** The id of the case with this number, if any (whether the member may open it is asked apart). */
export async function caseIdByRef(db: Queryable, ref: number): Promise<string | undefined> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.ref, ref));
  return row?.id;
}

export type LinkedCaseRow = { id: string; ref: number; status: string; linkedAt: Date };

export async function linkedCasesOf(db: Queryable, caseId: string): Promise<LinkedCaseRow[]> {
  return db
    .select({ id: cases.id, ref: cases.ref, status: cases.status, linkedAt: caseLinks.createdAt })
    .from(caseLinks)
    .innerJoin(cases, eq(cases.id, caseLinks.linkedCaseId))
    .where(eq(caseLinks.caseId, caseId))
    .orderBy(asc(cases.ref));
}

/** Links two cases in both directions; false when they were linked already. */
export async function insertLink(tx: Tx, input: { caseId: string; otherId: string; staffId: string; now: Date }): Promise<boolean> {
  const inserted = await tx
    .insert(caseLinks)
    .values([
      { caseId: input.caseId, linkedCaseId: input.otherId, createdBy: input.staffId, createdAt: input.now },
      { caseId: input.otherId, linkedCaseId: input.caseId, createdBy: input.staffId, createdAt: input.now },
    ])
    .onConflictDoNothing()
    .returning({ caseId: caseLinks.caseId });
  return inserted.length > 0;
}

/** Removes the link in both directions; false when there was none. */
export async function deleteLink(tx: Tx, caseId: string, otherId: string): Promise<boolean> {
  const deleted = await tx
    .delete(caseLinks)
    .where(or(and(eq(caseLinks.caseId, caseId), eq(caseLinks.linkedCaseId, otherId)), and(eq(caseLinks.caseId, otherId), eq(caseLinks.linkedCaseId, caseId))))
    .returning({ caseId: caseLinks.caseId });
  return deleted.length > 0;
}

export type CustodyRow = {
  id: string;
  sealedMetadata: Uint8Array;
  sizeBytes: number;
  createdAt: Date;
  messageId: string | null;
  /** Who wrote the message the file came with ('reporter', 'staff', 'respondent'), if it came with one. */
  messageAuthorKind: string | null;
};

export async function attachmentsWithCustody(db: Queryable, caseId: string): Promise<CustodyRow[]> {
  return db
    .select({
      id: caseAttachments.id,
      sealedMetadata: caseAttachments.sealedMetadata,
      sizeBytes: caseAttachments.sizeBytes,
      createdAt: caseAttachments.createdAt,
      messageId: caseAttachments.messageId,
      messageAuthorKind: caseMessages.authorKind,
    })
    .from(caseAttachments)
    .leftJoin(caseMessages, eq(caseMessages.id, caseAttachments.messageId))
    .where(eq(caseAttachments.caseId, caseId))
    .orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.id));
}

/**
 * Which staff member added which file, as the audit log recorded it when they did
 * (`case.attachment-added`, the attachment ids comma-separated): the log is the custody record.
 */
export async function staffAddedAttachments(db: Queryable, caseId: string): Promise<Map<string, { staffId: string | null; name: string | null }>> {
  const rows = await db
    .select({ actorId: auditLog.actorId, name: staff.name, details: auditLog.details })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, 'case'), eq(auditLog.subjectId, caseId), eq(auditLog.action, 'case.attachment-added')));
  const added = new Map<string, { staffId: string | null; name: string | null }>();
  for (const row of rows) {
    const ids = typeof row.details.attachments === 'string' ? row.details.attachments.split(',') : [];
    for (const id of ids) added.set(id, { staffId: row.actorId, name: row.name });
  }
  return added;
}

export type BreakGlassRow = {
  id: string;
  staffId: string;
  staffName: string | null;
  reasonDocumentId: string | null;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
};

export async function breakGlassOfCase(db: Queryable, caseId: string): Promise<BreakGlassRow[]> {
  return db
    .select({
      id: caseBreakGlass.id,
      staffId: caseBreakGlass.staffId,
      staffName: staff.name,
      reasonDocumentId: caseBreakGlass.reasonDocumentId,
      createdAt: caseBreakGlass.createdAt,
      expiresAt: caseBreakGlass.expiresAt,
      endedAt: caseBreakGlass.endedAt,
    })
    .from(caseBreakGlass)
    .leftJoin(staff, eq(staff.id, caseBreakGlass.staffId))
    .where(eq(caseBreakGlass.caseId, caseId))
    .orderBy(desc(caseBreakGlass.createdAt), asc(caseBreakGlass.id));
}

export async function insertBreakGlass(tx: Tx, row: typeof caseBreakGlass.$inferInsert): Promise<void> {
  await tx.insert(caseBreakGlass).values(row);
}

/** Ends the member's live break-glass on the case now; false when none was live. */
export async function endLiveBreakGlass(tx: Tx, caseId: string, staffId: string, now: Date): Promise<boolean> {
  const ended = await tx
    .update(caseBreakGlass)
    .set({ endedAt: now })
    .where(and(eq(caseBreakGlass.caseId, caseId), eq(caseBreakGlass.staffId, staffId), isNull(caseBreakGlass.endedAt), gt(caseBreakGlass.expiresAt, now)))
    .returning({ id: caseBreakGlass.id });
  return ended.length > 0;
}

/** Staff names by id (people since removed are simply absent). */
export async function staffNames(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
