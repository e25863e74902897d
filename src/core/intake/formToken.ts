/**
 * Signed form tokens for reporter forms, which work without cookies: the server signs
 * (HMAC-SHA256 under a deployment secret) the purpose, the issue time and a random nonce, and
 * keeps nothing until the form comes back. A forged token fails the signature; an old one is
 * expired; the nonce of a form that created something is remembered until the token would
 * expire, so sending the same form twice creates one report.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, fromBase64Url, randomBytes, toBase64Url, utf8ToBytes } from '../crypto/bytes.ts';

export type FormTokenCheck = { ok: true; nonce: string; issuedAt: Date } | { ok: false; problem: 'forged' | 'expired' };

/** A reporter may take a long time to write; an expired form is shown again with what was typed. */
export const REPORT_FORM_HOURS = 24;
/** Follow-up forms (messages, path changes) live as long as a follow-up session could. */
export const FOLLOW_UP_FORM_HOURS = 12;

const SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** Clocks of several app processes may differ a little. */
const CLOCK_SKEW_SECONDS = 60;

function mac(key: Uint8Array, purpose: string, issuedAt: number, nonce: string): string {
  return toBase64Url(hmac(sha256, key, utf8ToBytes(`redress/form-token/v1|${purpose}|${issuedAt}|${nonce}`)));
}

export function signFormToken(key: Uint8Array, purpose: string, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const nonce = toBase64Url(randomBytes(16));
  return `${issuedAt}.${nonce}.${mac(key, purpose, issuedAt, nonce)}`;
}

export function verifyFormToken(key: Uint8Array, token: unknown, purpose: string, now: Date, maxAgeHours: number): FormTokenCheck {
  if (typeof token !== 'string') return { ok: false, problem: 'forged' };
  const match = SHAPE.exec(token);
  if (!match) return { ok: false, problem: 'forged' };
  const [, issuedText = '', nonce = '', signature = ''] = match;
  const issuedAt = Number(issuedText);
  if (!equalBytes(fromBase64Url(signature), fromBase64Url(mac(key, purpose, issuedAt, nonce)))) return { ok: false, problem: 'forged' };
  const age = now.getTime() / 1000 - issuedAt;
  if (age < -CLOCK_SKEW_SECONDS) return { ok: false, problem: 'forged' };
  if (age > maxAgeHours * 3600) return { ok: false, problem: 'expired' };
  return { ok: true, nonce, issuedAt: new Date(issuedAt * 1000) };
}
