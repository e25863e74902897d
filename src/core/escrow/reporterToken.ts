/**
 * The pseudonymous reporter token: what makes "distinct reporters" mean distinct people without
 * the server keeping who they are. It is an HMAC-SHA256, under a server secret, of a verified
 * membership e-mail (normalised, so "Ana@Example.org" and "ana@example.org" are one reporter)
 * or of an invitation code. The e-mail itself is never kept: only the token, and while a
 * one-time code is outstanding, an HMAC of that code.
 *
 * The token feeds the share abscissa x = H(token, tag), so two entries from one reporter on one
 * respondent land on the same point and count once. Pure functions; storage lives elsewhere.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors.ts';
import { equalBytes, randomBytes } from '../crypto/bytes.ts';
import { fromCrockford, groupBy4, toCrockford } from '../crypto/recoveryKey.ts';
import type { Identifier } from './identifiers.ts';

declare const reporterToken: unique symbol;
export type ReporterToken = Uint8Array & { readonly [reporterToken]: true };

export type EmailIdentifier = Extract<Identifier, { kind: 'email' }>;

const minSecretLength = 32;
const invitationBytes = 20;

function label(purpose: string, value: string): Uint8Array {
  return new TextEncoder().encode(`redress/escrow/${purpose}/v1\u0000${value}`);
}

function requireSecret(serverSecret: Uint8Array): void {
  if (serverSecret.length < minSecretLength) {
    throw new AppError('CONFIG_INVALID', { detail: 'the escrow reporter-token secret must be at least 32 bytes' });
  }
}

export function reporterTokenForEmail(serverSecret: Uint8Array, email: EmailIdentifier): ReporterToken {
  requireSecret(serverSecret);
  return hmac(sha256, serverSecret, label('reporter-token/email', email.value)) as ReporterToken;
}

/** An invitation code issued by Redress: 160 random bits, written in grouped Crockford base32. */
export function newInvitationCode(): string {
  return groupBy4(toCrockford(randomBytes(invitationBytes)));
}

/** The token for an invitation code as typed (any case, spaces or dashes), or undefined if malformed. */
export function reporterTokenForInvitation(serverSecret: Uint8Array, typedCode: string): ReporterToken | undefined {
  requireSecret(serverSecret);
  const code = fromCrockford(typedCode, invitationBytes);
  if (!code) return undefined;
  return hmac(sha256, serverSecret, label('reporter-token/invitation', toCrockford(code))) as ReporterToken;
}

/**
 * The form a token travels in to the reporter's client, which needs it for the share point:
 * unpadded base64url, through atob/btoa so that the browser bundle needs no Buffer.
 */
export function formatReporterToken(token: ReporterToken): string {
  return btoa(String.fromCharCode(...token)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function parseReporterToken(text: unknown): ReporterToken | undefined {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/.test(text)) return undefined;
  const binary = atob(`${text.replace(/-/g, '+').replace(/_/g, '/')}=`);
  return Uint8Array.from(binary, (character) => character.charCodeAt(0)) as ReporterToken;
}

/** An eight-digit one-time code sent to the membership e-mail to prove the reporter reads it. */
export function newVerificationCode(): string {
  const value = new DataView(randomBytes(8).buffer).getBigUint64(0) % 100_000_000n;
  return value.toString().padStart(8, '0');
}

/** What is kept while a code is outstanding: bound to the address, so a code for one address fails for another. */
export function verificationCodeDigest(serverSecret: Uint8Array, email: EmailIdentifier, code: string): Uint8Array {
  requireSecret(serverSecret);
  return hmac(sha256, serverSecret, label('verification-code', `${email.value}\u0000${code.replace(/\s/g, '')}`));
}

export function verificationCodeMatches(serverSecret: Uint8Array, email: EmailIdentifier, typed: string, kept: Uint8Array): boolean {
  return equalBytes(verificationCodeDigest(serverSecret, email, typed), kept);
}

/**
 * A per-(reporter, respondent) key the server can compute at submission from the signed-in
 * reporter's token and the entry's tag, to refuse a second entry on the same tag and to count
 * distinct reporters before alerting counsellors. Unlinkable across tags without the token.
 */
export function entryDedupeKey(token: ReporterToken, tag: Uint8Array): Uint8Array {
  return hmac(sha256, token, new Uint8Array([...label('entry-dedupe', ''), ...tag]));
}
