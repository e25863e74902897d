/**
 * Staff sessions, stateless across processes: the cookie carries a random token; the database
 * keeps only its hash and the staff private key sealed under a key derived from the token. Any
 * process can serve the session; signing out, expiry or a lost cookie leaves the sealed key
 * unreadable. No key derivation per request beyond one HKDF when the private key is needed.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { open, seal } from '../../core/crypto/aead.ts';
import { deriveSubkey } from '../../core/crypto/kdf.ts';
import { fromBase64Url } from '../../core/crypto/bytes.ts';
import { publicKeyOf, type KeyPair } from '../../core/crypto/sealedBox.ts';
import { newToken, tokenHash, isTokenShaped } from '../../core/secrets.ts';
import type { RoleGrant } from '../../core/roles.ts';
import type { Queryable } from '../../storage/database.ts';
import { sessions, staff } from '../../storage/schema/index.ts';
import { grantsOf } from '../../storage/staffQueries.ts';

export type SessionLimits = { hours: number; idleMinutes: number };

export type SignedIn = {
  sessionId: string;
  token: string;
  staffId: string;
  name: string;
  email: string;
  language: string;
  grants: RoleGrant[];
  totpEnrolled: boolean;
  expiresAt: Date;
};

function sessionKey(token: string): Uint8Array {
  return deriveSubkey(fromBase64Url(token), 'session-key');
}

export async function startSession(
  db: Queryable,
  input: { staffId: string; keyPair: KeyPair; now: Date; limits: SessionLimits },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newToken();
  const sessionId = tokenHash(token);
  const expiresAt = new Date(input.now.getTime() + input.limits.hours * 3_600_000);
  await db.insert(sessions).values({
    id: sessionId,
    staffId: input.staffId,
    sealedPrivateKey: seal(sessionKey(token), input.keyPair.privateKey, `session:${sessionId}`),
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
  });
  return { token, sessionId, expiresAt };
}

/** The signed-in staff member for a cookie token, or undefined (unknown, expired, idle, disabled). */
export async function loadSession(
  db: Queryable,
  token: unknown,
  now: Date,
  limits: SessionLimits,
): Promise<SignedIn | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const sessionId = tokenHash(token);
  const [row] = await db
    .select({
      staffId: sessions.staffId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      name: staff.name,
      email: staff.email,
      language: staff.language,
      active: staff.active,
      totpSecret: staff.totpSecret,
    })
    .from(sessions)
    .innerJoin(staff, eq(staff.id, sessions.staffId))
    .where(eq(sessions.id, sessionId));
  if (!row || !row.active) return undefined;
  const idleLimit = row.lastSeenAt.getTime() + limits.idleMinutes * 60_000;
  if (row.expiresAt <= now || idleLimit <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return undefined;
  }
  // Sliding idle expiry, written at most once a minute per session.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
  }
  return {
    sessionId,
    token,
    staffId: row.staffId,
    name: row.name,
    email: row.email,
    language: row.language,
    grants: await grantsOf(db, row.staffId),
    totpEnrolled: row.totpSecret !== null,
    expiresAt: row.expiresAt,
  };
}

/** Opens the staff private key held by a session; only the cookie token can. */
export async function sessionKeyPair(db: Queryable, signedIn: Pick<SignedIn, 'sessionId' | 'token'>): Promise<KeyPair | undefined> {
  const [row] = await db.select({ sealed: sessions.sealedPrivateKey }).from(sessions).where(eq(sessions.id, signedIn.sessionId));
  return row ? openSessionKeyPair(signedIn, row.sealed) : undefined;
}

/** Opens a session's sealed private key read by the caller (with the case, by `openCaseKey`). */
export function openSessionKeyPair(signedIn: Pick<SignedIn, 'sessionId' | 'token'>, sealed: Uint8Array): KeyPair {
  const privateKey = open(sessionKey(signedIn.token), sealed, `session:${signedIn.sessionId}`);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function endOtherSessions(db: Queryable, staffId: string, keepSessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.staffId, staffId), sql`${sessions.id} <> ${keepSessionId}`));
}

export async function purgeExpiredSessions(db: Queryable, now: Date): Promise<number> {
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  return deleted.length;
}
