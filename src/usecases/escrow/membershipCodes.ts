/**
 * What proving membership by e-mail shares between sending a code and checking it: the address
 * normalised exactly as the reporter token normalises it, and the throttle keys, which are
 * HMACs under the key-file secret so that the throttle table names no address.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '../../core/crypto/bytes.ts';
import { AppError } from '../../core/errors.ts';
import { parseIdentifier } from '../../core/escrow/identifiers.ts';
import type { EmailIdentifier } from '../../core/escrow/reporterToken.ts';
import type { ThrottlePolicy } from '../../core/throttle.ts';

export const CODE_MINUTES = 15;

/** Codes sent to one address: three freely, then an hour's wait at most between them. */
export const sendingThrottle: ThrottlePolicy = { freeFailures: 3, baseSeconds: 60, maxSeconds: 3600 };
/** Wrong codes for one address: five typos freely, then growing waits (a code lives 15 minutes). */
export const guessingThrottle: ThrottlePolicy = { freeFailures: 5, baseSeconds: 30, maxSeconds: 3600 };

export function membershipEmail(text: unknown): EmailIdentifier {
  const parsed = parseIdentifier({ kind: 'email', text: typeof text === 'string' ? text : '' });
  if (!parsed.ok || parsed.identifier.kind !== 'email') throw new AppError('ESCROW_IDENTIFIER_INVALID', { detail: `membership e-mail: ${parsed.ok ? 'kind' : parsed.problem}` });
  return parsed.identifier;
}

export function domainOf(email: EmailIdentifier): string {
  return email.value.slice(email.value.lastIndexOf('@') + 1);
}

export function throttleKey(secret: Uint8Array, purpose: 'send' | 'guess', email: EmailIdentifier): string {
  return bytesToHex(hmac(sha256, secret, utf8ToBytes(`redress/escrow/throttle/${purpose}/v1\u0000${email.value}`)));
}
