/**
 * The keys of the respondent's side. The respondent key (core/intake/caseCrypto.ts) opens what
 * the respondent may read; an invitation stores it wrapped under a key that needs both halves
 * of the invitation: Argon2id of the access code (the low-entropy half, made slow to guess)
 * combined through HKDF with the link token (256 random bits, stored only as a hash). A copy
 * of the database and the code, or the database and the link, opens nothing.
 *
 * A portal session then holds the respondent key sealed under a key derived from its cookie
 * token, as reporter sessions do, so no Argon2id runs per request.
 */
import { open, seal } from '../crypto/aead.ts';
import { concatBytes, fromBase64Url } from '../crypto/bytes.ts';
import { deriveKeyFromSecret, deriveSubkey, type Argon2Parameters } from '../crypto/kdf.ts';
import type { AccessCode } from './accessCode.ts';

export const CODE_SALT_BYTES = 16;

const contexts = {
  access: (caseId: string, accessId: string) => `respondent-key:${caseId}:access:${accessId}`,
  session: (accessId: string, sessionId: string) => `respondent-key:access:${accessId}:session:${sessionId}`,
};

export async function accessWrapKey(code: AccessCode, linkToken: string, salt: Uint8Array, argon2: Argon2Parameters): Promise<Uint8Array> {
  const slow = await deriveKeyFromSecret(`redress-respondent-code:${code}`, salt, argon2);
  return deriveSubkey(concatBytes(slow, fromBase64Url(linkToken)), 'respondent-access-wrap');
}

export function wrapForAccess(wrapKey: Uint8Array, respondentKey: Uint8Array, caseId: string, accessId: string): Uint8Array {
  return seal(wrapKey, respondentKey, contexts.access(caseId, accessId));
}

/** Throws DecryptionError when the code (or link) is not the one the invitation was made with. */
export function unwrapForAccess(wrapKey: Uint8Array, wrapped: Uint8Array, caseId: string, accessId: string): Uint8Array {
  return open(wrapKey, wrapped, contexts.access(caseId, accessId));
}

export function sessionKeyOf(cookieToken: string): Uint8Array {
  return deriveSubkey(fromBase64Url(cookieToken), 'respondent-session-key');
}

export function sealForSession(sessionKey: Uint8Array, respondentKey: Uint8Array, accessId: string, sessionId: string): Uint8Array {
  return seal(sessionKey, respondentKey, contexts.session(accessId, sessionId));
}

export function openForSession(sessionKey: Uint8Array, sealed: Uint8Array, accessId: string, sessionId: string): Uint8Array {
  return open(sessionKey, sealed, contexts.session(accessId, sessionId));
}
