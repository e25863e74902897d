/**
 * Throttling receipt guesses without knowing who is guessing (no IP addresses: Tor users share
 * exit nodes). Pure rules; the database keeps the spent challenge ids and the global count.
 *
 * - Every attempt needs a single-use challenge, signed by the server when it shows the form.
 * - The challenge carries its terms: either wait `wait` seconds after it was issued (works
 *   without JavaScript; typing sixteen digits takes longer anyway) or present a hashcash
 *   proof of work of `difficulty` bits (a small script solves it while the reporter types).
 * - Failures anywhere raise a global level over a sliding minute that tightens the terms for
 *   everyone — capped, so an attacker can slow a real reporter down but never lock them out.
 * - A failed attempt hands back a new challenge chained to the old one (it counts the
 *   failures), whose terms grow after a few free typos.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, fromBase64Url, randomBytes, toBase64Url, utf8ToBytes } from '../crypto/bytes.ts';

export type Terms = { wait: number; difficulty: number };

export type Challenge = Terms & { id: string; issuedAtMs: number; failures: number };

export const guardPolicy = {
  /** Seconds a challenge stays usable. */
  lifetimeSeconds: 15 * 60,
  /** Failures per minute, all reporters together, below which nothing tightens. */
  quietFailuresPerMinute: 20,
  /** Global terms by level: the last level is the cap whatever the attack. */
  globalWaits: [5, 10, 20, 30],
  globalDifficulties: [16, 18, 20, 22],
  /** Typos in one chain that cost nothing extra. */
  freeFailures: 3,
  chainBaseWait: 10,
  chainMaxWait: 120,
  chainMaxExtraBits: 4,
} as const;

/** 0 when quiet; one level more for each doubling of the failure rate above quiet, up to the cap. */
export function globalLevel(failuresPerMinute: number): number {
  const quiet = guardPolicy.quietFailuresPerMinute;
  if (!(failuresPerMinute >= quiet)) return 0;
  const last = guardPolicy.globalWaits.length - 1;
  return Math.min(last, 1 + Math.floor(Math.log2(failuresPerMinute / quiet)));
}

export function globalTerms(failuresPerMinute: number): Terms {
  const level = globalLevel(failuresPerMinute);
  return { wait: guardPolicy.globalWaits[level] ?? 30, difficulty: guardPolicy.globalDifficulties[level] ?? 22 };
}

/** Nothing extra for the first few typos; then the wait doubles and the work grows a bit per failure. */
export function chainTerms(failures: number): Terms {
  if (!(failures >= guardPolicy.freeFailures)) return { wait: 0, difficulty: 0 };
  const beyond = Math.floor(failures) - guardPolicy.freeFailures + 1;
  return {
    wait: Math.min(guardPolicy.chainMaxWait, guardPolicy.chainBaseWait * 2 ** Math.min(beyond - 1, 10)),
    difficulty: guardPolicy.globalDifficulties[0] + Math.min(guardPolicy.chainMaxExtraBits, beyond),
  };
}

export function stricter(a: Terms, b: Terms): Terms {
  return { wait: Math.max(a.wait, b.wait), difficulty: Math.max(a.difficulty, b.difficulty) };
}

export function termsFor(failuresPerMinute: number, chainFailures: number): Terms {
  return stricter(globalTerms(failuresPerMinute), chainTerms(chainFailures));
}

function challengeMac(key: Uint8Array, body: string): string {
  return toBase64Url(hmac(sha256, key, utf8ToBytes(`redress/receipt-challenge/v1|${body}`)));
}

export function issueChallenge(key: Uint8Array, now: Date, terms: Terms, failures = 0): { token: string; challenge: Challenge } {
  const challenge: Challenge = { id: toBase64Url(randomBytes(16)), issuedAtMs: now.getTime(), failures, ...terms };
  const body = [challenge.id, challenge.issuedAtMs, challenge.failures, challenge.wait, challenge.difficulty].join('.');
  return { token: `${body}.${challengeMac(key, body)}`, challenge };
}

const SHAPE = /^([A-Za-z0-9_-]{22})\.(\d{1,15})\.(\d{1,4})\.(\d{1,4})\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/;

/** The challenge a form carried, or undefined when it was not issued by this server. */
export function readChallenge(key: Uint8Array, token: unknown): Challenge | undefined {
  if (typeof token !== 'string') return undefined;
  const match = SHAPE.exec(token);
  if (!match) return undefined;
  const [, id = '', issued = '', failures = '', wait = '', difficulty = '', signature = ''] = match;
  const body = [id, issued, failures, wait, difficulty].join('.');
  if (!equalBytes(fromBase64Url(signature), fromBase64Url(challengeMac(key, body)))) return undefined;
  return { id, issuedAtMs: Number(issued), failures: Number(failures), wait: Number(wait), difficulty: Number(difficulty) };
}

function powDigest(token: string, nonce: string): Uint8Array {
  return sha256(utf8ToBytes(`redress-pow:${token}:${nonce}`));
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

/** A proof of work: SHA-256("redress-pow:" ‖ token ‖ ":" ‖ nonce) starts with `difficulty` zero bits. */
export function powSatisfies(token: string, nonce: unknown, difficulty: number): boolean {
  if (typeof nonce !== 'string' || !/^\d{1,20}$/.test(nonce)) return false;
  return leadingZeroBits(powDigest(token, nonce)) >= difficulty;
}

/** What the reporter's browser does (src/web/assets/reporter.js), here for tests and tools. */
export function solvePow(token: string, difficulty: number): string {
  for (let nonce = 0; ; nonce += 1) {
    if (leadingZeroBits(powDigest(token, String(nonce))) >= difficulty) return String(nonce);
  }
}

export type EffortCheck = { ok: true } | { ok: false; problem: 'expired' } | { ok: false; problem: 'tooSoon'; seconds: number };

/**
 * Whether an attempt has paid for itself: a valid proof of work, or enough waiting. The terms
 * are the stricter of the challenge's own and the global ones now, so challenges gathered
 * while all was quiet do not help during an attack.
 */
export function checkEffort(input: { token: string; challenge: Challenge; pow: unknown; now: Date; current: Terms }): EffortCheck {
  const elapsedMs = input.now.getTime() - input.challenge.issuedAtMs;
  if (elapsedMs > guardPolicy.lifetimeSeconds * 1000 || elapsedMs < -60_000) return { ok: false, problem: 'expired' };
  const required = stricter(input.challenge, input.current);
  if (powSatisfies(input.token, input.pow, required.difficulty)) return { ok: true };
  const remainingMs = required.wait * 1000 - elapsedMs;
  if (remainingMs <= 0) return { ok: true };
  return { ok: false, problem: 'tooSoon', seconds: Math.ceil(remainingMs / 1000) };
}

/**
 * The failure rate over a sliding minute from per-minute counts: all of this minute, and the
 * part of the last minute that still falls within sixty seconds.
 */
export function slidingRate(current: number, previous: number, secondsIntoMinute: number): number {
  const weight = Math.max(0, Math.min(1, (60 - secondsIntoMinute) / 60));
  return current + previous * weight;
}
