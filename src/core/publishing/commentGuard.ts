/**
 * Keeping spam off reader comments without third-party services and without knowing who
 * anyone is (no IP address, no user agent, no cookie):
 * - a form token: an HMAC of the post and the time the form was issued, so it needs no
 *   storage; a submission sooner than a person could type, or from a very old form, is refused;
 * - a honeypot field people never see or fill;
 * - an optional proof of work the comment script computes (leading zero bits of a SHA-256);
 * - a global rate limit over all comments in a time window, which a comment with a valid proof
 *   of work may exceed up to a hard ceiling, so readers with JavaScript get through a spam wave
 *   and readers without it are asked to wait a little.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, toBase64Url, utf8ToBytes } from '../crypto/bytes.ts';

export const commentGuardPolicy = {
  /** Nobody reads a post and writes a comment in less time. */
  minSeconds: 4,
  /** A form left open longer than this is reloaded. */
  maxSeconds: 2 * 24 * 3600,
  powBits: 14,
  windowSeconds: 600,
  /** Comments per window accepted without proof of work. */
  softLimit: 30,
  /** Comments per window accepted at all. */
  hardLimit: 120,
} as const;

export type CommentGuardPolicy = { [K in keyof typeof commentGuardPolicy]: number };

/** A token belongs to one post, named by its address (`subject`), and one moment of issue. */
function mac(key: Uint8Array, subject: string, issuedAt: number): string {
  return toBase64Url(hmac(sha256, key, utf8ToBytes(`redress/comment-form|${subject}|${issuedAt}`)).slice(0, 18));
}

export function issueFormToken(key: Uint8Array, subject: string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${issuedAt}.${mac(key, subject, issuedAt)}`;
}

export type FormTokenVerdict = 'ok' | 'invalid' | 'too-fast' | 'expired';

export function checkFormToken(
  key: Uint8Array,
  subject: string,
  token: unknown,
  now: Date,
  policy: Pick<CommentGuardPolicy, 'minSeconds' | 'maxSeconds'> = commentGuardPolicy,
): FormTokenVerdict {
  if (typeof token !== 'string') return 'invalid';
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{24})$/.exec(token);
  if (!match?.[1] || !match[2]) return 'invalid';
  const issuedAt = Number(match[1]);
  if (!equalBytes(utf8ToBytes(match[2]), utf8ToBytes(mac(key, subject, issuedAt)))) return 'invalid';
  const age = now.getTime() / 1000 - issuedAt;
  if (age < policy.minSeconds) return 'too-fast';
  if (age > policy.maxSeconds) return 'expired';
  return 'ok';
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The work is bound to the form token, so it cannot be computed once and reused elsewhere. */
export function proofOfWorkValid(token: string, nonce: unknown, bits: number = commentGuardPolicy.powBits): boolean {
  if (typeof nonce !== 'string' || !/^[0-9]{1,12}$/.test(nonce)) return false;
  return leadingZeroBits(sha256(utf8ToBytes(`${token}:${nonce}`))) >= bits;
}

/** Solves the puzzle; the comment script does the same in the browser. For tests and the CLI. */
export function solveProofOfWork(token: string, bits: number = commentGuardPolicy.powBits): string {
  for (let nonce = 0; ; nonce += 1) {
    if (leadingZeroBits(sha256(utf8ToBytes(`${token}:${nonce}`))) >= bits) return String(nonce);
  }
}

export type Admission = { ok: true } | { ok: false; retryInSeconds: number };

/** Whether one more comment fits in the current window, given how many it already holds. */
export function admitComment(
  input: { countInWindow: number; withProofOfWork: boolean; now: Date },
  policy: Pick<CommentGuardPolicy, 'softLimit' | 'hardLimit' | 'windowSeconds'> = commentGuardPolicy,
): Admission {
  const limit = input.withProofOfWork ? policy.hardLimit : policy.softLimit;
  if (input.countInWindow < limit) return { ok: true };
  return { ok: false, retryInSeconds: Math.max(1, policy.windowSeconds - (Math.floor(input.now.getTime() / 1000) % policy.windowSeconds)) };
}

/** The start of the fixed window `now` falls in. */
export function windowStart(now: Date, policy: Pick<CommentGuardPolicy, 'windowSeconds'> = commentGuardPolicy): Date {
  const seconds = Math.floor(now.getTime() / 1000);
  return new Date((seconds - (seconds % policy.windowSeconds)) * 1000);
}
