/**
 * Storage for the respondent's side: invitations (link hash, code salt, wrapped key, expiry,
 * revocation, wrong-code count), portal sessions, and what the respondent may read — the
 * documents, files and thread messages sealed with the respondent key. Nothing here reads the
 * reporter's thread or anything sealed with the case key alone.
 */
import { and, asc, eq, lt, sum } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { currentNetwork } from './networkQueries.ts';
import { caseAttachments, caseDocuments, caseMessages, organisations, respondentAccess, respondentSessions, staff } from './schema/index.ts';

export type AccessRow = typeof respondentAccess.$inferSelect;
export type RespondentSessionRow = typeof respondentSessions.$inferSelect;

export async function insertAccess(db: Queryable, row: typeof respondentAccess.$inferInsert): Promise<void> {
  await db.insert(respondentAccess).values(row);
}

export async function accessByTokenHash(db: Queryable, tokenHash: string): Promise<AccessRow | undefined> {
  const [row] = await db.select().from(respondentAccess).where(eq(respondentAccess.tokenHash, tokenHash));
  return row;
}

/** The invitation, locked until the transaction ends (two code attempts are counted one after the other). */
export async function lockAccess(db: Queryable, id: string): Promise<AccessRow | undefined> {
  const [row] = await db.select().from(respondentAccess).where(eq(respondentAccess.id, id)).for('update');
  return row;
}

export async function accessById(db: Queryable, id: string): Promise<AccessRow | undefined> {
  const [row] = await db.select().from(respondentAccess).where(eq(respondentAccess.id, id));
  return row;
}

export async function accessesOfCase(db: Queryable, caseId: string): Promise<AccessRow[]> {
  return db.select().from(respondentAccess).where(eq(respondentAccess.caseId, caseId)).orderBy(asc(respondentAccess.createdAt), asc(respondentAccess.id));
}

export async function updateAccess(db: Queryable, id: string, changes: Partial<Pick<AccessRow, 'failedAttempts' | 'lastFailedAt' | 'firstUsedAt' | 'revokedAt'>>): Promise<void> {
  await db.update(respondentAccess).set(changes).where(eq(respondentAccess.id, id));
}

export async function insertSession(db: Queryable, row: typeof respondentSessions.$inferInsert): Promise<void> {
  await db.insert(respondentSessions).values(row);
}

export async function sessionWithAccess(db: Queryable, sessionId: string): Promise<{ session: RespondentSessionRow; access: AccessRow } | undefined> {
  const [row] = await db
    .select({ session: respondentSessions, access: respondentAccess })
    .from(respondentSessions)
    .innerJoin(respondentAccess, eq(respondentAccess.id, respondentSessions.accessId))
    .where(eq(respondentSessions.id, sessionId));
  return row;
}

export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.update(respondentSessions).set({ lastSeenAt: now }).where(eq(respondentSessions.id, sessionId));
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(respondentSessions).where(eq(respondentSessions.id, sessionId));
}

export async function deleteSessionsOfAccess(db: Queryable, accessId: string): Promise<void> {
  await db.delete(respondentSessions).where(eq(respondentSessions.accessId, accessId));
}

export async function purgeExpiredRespondentSessions(db: Queryable, now: Date): Promise<void> {
  await db.delete(respondentSessions).where(lt(respondentSessions.expiresAt, now));
}

/** Documents sealed with the respondent key, oldest first. */
export async function respondentDocuments(db: Queryable, caseId: string): Promise<(typeof caseDocuments.$inferSelect)[]> {
  return db
    .select()
    .from(caseDocuments)
    .where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.sealedWith, 'respondent')))
    .orderBy(asc(caseDocuments.createdAt), asc(caseDocuments.id));
}

export type AttachmentRow = typeof caseAttachments.$inferSelect;

/** Files sealed with the respondent key: the respondent's own and those shared with them. */
export async function respondentAttachments(db: Queryable, caseId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.sealedWith, 'respondent')))
    .orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.id));
}

export async function respondentAttachment(db: Queryable, caseId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, attachmentId), eq(caseAttachments.sealedWith, 'respondent')));
  return row;
}

/** Bytes of the respondent's files, for their own per-case limit (the reporter's side has its own). */
export async function respondentStoredBytes(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(caseAttachments.sizeBytes) })
    .from(caseAttachments)
    .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.sealedWith, 'respondent'), eq(caseAttachments.addedBy, 'respondent')));
  return Number(row?.total ?? 0);
}

export type ThreadRow = Pick<typeof caseMessages.$inferSelect, 'id' | 'kind' | 'authorKind' | 'sealedBody' | 'createdAt'> & { authorName: string | null };

/** The respondent's thread only; the reporter's thread is never selected here. */
export async function respondentThread(db: Queryable, caseId: string): Promise<ThreadRow[]> {
  return db
    .select({
      id: caseMessages.id,
      kind: caseMessages.kind,
      authorKind: caseMessages.authorKind,
      sealedBody: caseMessages.sealedBody,
      createdAt: caseMessages.createdAt,
      authorName: staff.name,
    })
    .from(caseMessages)
    .leftJoin(staff, eq(staff.id, caseMessages.authorStaffId))
    .where(and(eq(caseMessages.caseId, caseId), eq(caseMessages.thread, 'respondent')))
    .orderBy(asc(caseMessages.seq));
}

/** Rows for files sealed with the respondent key (the files themselves are written by the caller). */
export async function insertRespondentFiles(
  db: Queryable,
  input: { caseId: string; files: readonly { id: string; storageName: string; sealedMetadata: Uint8Array; size: number }[]; addedBy: 'respondent' | 'staff'; now: Date },
): Promise<void> {
  if (input.files.length === 0) return;
  await db.insert(caseAttachments).values(
    input.files.map((file) => ({
      id: file.id,
      caseId: input.caseId,
      messageId: null,
      storageName: file.storageName,
      sealedMetadata: file.sealedMetadata,
      sizeBytes: file.size,
      createdAt: input.now,
      sealedWith: 'respondent',
      addedBy: input.addedBy,
    })),
  );
}

/** Who handles the case, as the portal names it: the organisation, or the network for a network case. */
export async function organisationName(db: Queryable, orgId: string | null): Promise<string> {
  if (orgId === null) return (await currentNetwork(db))?.name ?? '';
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row?.name ?? '';
}
