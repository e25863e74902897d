/**
 * Everything deciding whether a staff member may open a case, read in one statement: the case
 * row, the member's wrapped copy of the key (designated or emergency), whether they are
 * conflicted, whether they have live break-glass, and the sealed private key of their session.
 * `openCaseKey` (usecases/cases/caseAccess.ts) decides from it; opening a case is on the hot
 * path, and each of these used to be a round trip of its own.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { caseBreakGlass, caseConflicts, caseKeys, cases, sessions } from './schema/index.ts';
import type { CaseRow } from './caseQueries.ts';

export type CaseForStaff = {
  found: CaseRow;
  key: { wrappedKey: Uint8Array; holder: 'staff' | 'emergency' } | undefined;
  conflicted: boolean;
  breakGlass: boolean;
  /** The session's sealed private key; undefined when the session is gone. */
  sealedSessionKey: Uint8Array | undefined;
};

export async function caseForStaff(db: Queryable, input: { caseId: string; staffId: string; sessionId: string; now: Date }): Promise<CaseForStaff | undefined> {
  const { caseId, staffId, sessionId, now } = input;
  const conflicted = db.select({ one: sql`1` }).from(caseConflicts).where(and(eq(caseConflicts.caseId, cases.id), eq(caseConflicts.staffId, staffId)));
  const glass = db
    .select({ one: sql`1` })
    .from(caseBreakGlass)
    .where(and(eq(caseBreakGlass.caseId, cases.id), eq(caseBreakGlass.staffId, staffId), isNull(caseBreakGlass.endedAt), gt(caseBreakGlass.expiresAt, now)));
  const [row] = await db
    .select({
      found: cases,
      wrappedKey: caseKeys.wrappedKey,
      holder: caseKeys.holder,
      sealedSessionKey: sessions.sealedPrivateKey,
      conflicted: sql<boolean>`exists(${conflicted})`,
      breakGlass: sql<boolean>`exists(${glass})`,
    })
    .from(cases)
    .leftJoin(caseKeys, and(eq(caseKeys.caseId, cases.id), eq(caseKeys.staffId, staffId)))
    .leftJoin(sessions, eq(sessions.id, sessionId))
    .where(eq(cases.id, caseId));
  if (!row) return undefined;
  const holder = row.holder === 'staff' || row.holder === 'emergency' ? row.holder : undefined;
  return {
    found: row.found,
    key: holder && row.wrappedKey ? { wrappedKey: row.wrappedKey, holder } : undefined,
    conflicted: row.conflicted === true,
    breakGlass: row.breakGlass === true,
    sealedSessionKey: row.sealedSessionKey ?? undefined,
  };
}
