/**
 * A portal session of the respondent or their adviser, opened with the invitation link and the
 * access code. The cookie carries a random token; the database keeps only its hash and the
 * respondent key sealed under a key derived from the token. A session ends after 30 idle
 * minutes or 4 hours, on sign-out, when its invitation is revoked or expires, or when the
 * browser closes (the cookie has no expiry date).
 */
import { isLanguage, type Language } from '../../i18n/index.ts';
import { accessStatus, type InvitationKind } from '../../core/respondent/invitations.ts';
import { openForSession, sealForSession, sessionKeyOf } from '../../core/respondent/accessCrypto.ts';
import { isTokenShaped, newToken, tokenHash } from '../../core/secrets.ts';
import type { Queryable } from '../../storage/database.ts';
import { deleteSession, insertSession, sessionWithAccess, touchSession } from '../../storage/respondentStore.ts';

export const RESPONDENT_IDLE_MINUTES = 30;
export const RESPONDENT_SESSION_HOURS = 4;

export type RespondentSession = {
  sessionId: string;
  token: string;
  accessId: string;
  caseId: string;
  kind: InvitationKind;
  language: Language;
};

export async function startRespondentSession(db: Queryable, input: { accessId: string; respondentKey: Uint8Array; now: Date }): Promise<string> {
  const token = newToken();
  const sessionId = tokenHash(token);
  await insertSession(db, {
    id: sessionId,
    accessId: input.accessId,
    sealedKey: sealForSession(sessionKeyOf(token), input.respondentKey, input.accessId, sessionId),
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + RESPONDENT_SESSION_HOURS * 3_600_000),
  });
  return token;
}

/** The session for a cookie token, or undefined (unknown, idle too long, expired, invitation ended). */
export async function loadRespondentSession(db: Queryable, token: unknown, now: Date): Promise<RespondentSession | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const sessionId = tokenHash(token);
  const found = await sessionWithAccess(db, sessionId);
  if (!found) return undefined;
  const { session, access } = found;
  const idle = session.lastSeenAt.getTime() + RESPONDENT_IDLE_MINUTES * 60_000 <= now.getTime();
  if (session.expiresAt <= now || idle || accessStatus(access, now) !== 'active') {
    await deleteSession(db, sessionId);
    return undefined;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(db, sessionId, now);
  return {
    sessionId,
    token,
    accessId: access.id,
    caseId: access.caseId,
    kind: access.kind === 'adviser' ? 'adviser' : 'respondent',
    language: isLanguage(access.language) ? access.language : 'en',
  };
}

/** The respondent key held by the session; only the cookie token opens it. */
export async function sessionRespondentKey(db: Queryable, session: RespondentSession): Promise<Uint8Array | undefined> {
  const found = await sessionWithAccess(db, session.sessionId);
  if (!found) return undefined;
  return openForSession(sessionKeyOf(session.token), found.session.sealedKey, session.accessId, session.sessionId);
}

export async function endRespondentSession(db: Queryable, session: Pick<RespondentSession, 'sessionId'>): Promise<void> {
  await deleteSession(db, session.sessionId);
}
