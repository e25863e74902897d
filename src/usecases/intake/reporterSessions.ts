/**
 * A reporter's follow-up session, opened with the receipt and nothing else. The cookie carries
 * a random token; the database keeps only its hash and the case key sealed under a key derived
 * from the token, so no key derivation is needed per request and a dump alone opens nothing.
 * Sessions end after 30 idle minutes or 4 hours, on sign-out, or when the cookie is gone (it
 * is a browser-session cookie: closing the browser forgets it).
 */
import { eq, lt } from 'drizzle-orm';
import { fromBase64Url } from '../../core/crypto/bytes.ts';
import { deriveSubkey } from '../../core/crypto/kdf.ts';
import { unwrapForReporterSession, wrapForReporterSession, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { isTokenShaped, newToken, tokenHash } from '../../core/secrets.ts';
import type { Queryable } from '../../storage/database.ts';
import { reporterSessions } from '../../storage/schema/index.ts';

export const REPORTER_IDLE_MINUTES = 30;
export const REPORTER_SESSION_HOURS = 4;

export type ReporterSession = { sessionId: string; token: string; caseId: string };

function sessionKey(token: string): Uint8Array {
  return deriveSubkey(fromBase64Url(token), 'reporter-session-key');
}

export async function startReporterSession(db: Queryable, input: { caseId: string; caseKey: CaseKey; now: Date }): Promise<ReporterSession> {
  const token = newToken();
  const sessionId = tokenHash(token);
  await db.insert(reporterSessions).values({
    id: sessionId,
    caseId: input.caseId,
    sealedCaseKey: wrapForReporterSession(sessionKey(token), input.caseKey, input.caseId, sessionId),
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + REPORTER_SESSION_HOURS * 3_600_000),
  });
  return { sessionId, token, caseId: input.caseId };
}

/** The session for a cookie token, or undefined (unknown, idle too long, expired). */
export async function loadReporterSession(db: Queryable, token: unknown, now: Date): Promise<ReporterSession | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const sessionId = tokenHash(token);
  const [row] = await db
    .select({ caseId: reporterSessions.caseId, lastSeenAt: reporterSessions.lastSeenAt, expiresAt: reporterSessions.expiresAt })
    .from(reporterSessions)
    .where(eq(reporterSessions.id, sessionId));
  if (!row) return undefined;
  if (row.expiresAt <= now || row.lastSeenAt.getTime() + REPORTER_IDLE_MINUTES * 60_000 <= now.getTime()) {
    await db.delete(reporterSessions).where(eq(reporterSessions.id, sessionId));
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(reporterSessions).set({ lastSeenAt: now }).where(eq(reporterSessions.id, sessionId));
  }
  return { sessionId, token, caseId: row.caseId };
}

/** The case key held by the session; only the cookie token opens it. */
export async function sessionCaseKey(db: Queryable, session: ReporterSession): Promise<CaseKey | undefined> {
  const [row] = await db.select({ sealed: reporterSessions.sealedCaseKey }).from(reporterSessions).where(eq(reporterSessions.id, session.sessionId));
  if (!row) return undefined;
  return unwrapForReporterSession(sessionKey(session.token), row.sealed, session.caseId, session.sessionId);
}

export async function endReporterSession(db: Queryable, session: Pick<ReporterSession, 'sessionId'>): Promise<void> {
  await db.delete(reporterSessions).where(eq(reporterSessions.id, session.sessionId));
}

export async function purgeExpiredReporterSessions(db: Queryable, now: Date): Promise<number> {
  const deleted = await db.delete(reporterSessions).where(lt(reporterSessions.expiresAt, now)).returning({ id: reporterSessions.id });
  return deleted.length;
}
