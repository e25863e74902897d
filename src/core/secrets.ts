/**
 * One-time secrets carried by links and cookies (setup links, invitations, session tokens):
 * 256 random bits, base64url. Only their SHA-256 is stored, so a database dump cannot use them.
 */
import { randomBytes, toBase64Url } from './crypto/bytes.ts';
import { sha256Hex } from './crypto/kdf.ts';

export function newToken(): string {
  return toBase64Url(randomBytes(32));
}

export function tokenHash(token: string): string {
  return sha256Hex(`redress-token:${token}`);
}

/** A well-formed token is 43 base64url characters; anything else is refused before any lookup. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
