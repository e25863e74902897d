import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import { signFormToken, verifyFormToken } from './formToken.ts';

const key = randomBytes(32);
const now = new Date('2031-05-04T10:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('form tokens', () => {
  it('accept a token this server signed for the same purpose, with its nonce', () => {
    const token = signFormToken(key, 'report:network', now);
    const check = verifyFormToken(key, token, 'report:network', later(1), 24);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.issuedAt.getTime()).toBe(now.getTime());
  });

  it('give every form a different nonce', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => signFormToken(key, 'p', now).split('.')[1]));
    expect(nonces.size).toBe(50);
  });

  it('refuse a token signed for another purpose, by another key, or altered', () => {
    const token = signFormToken(key, 'report:network', now);
    expect(verifyFormToken(key, token, 'report:org-1', now, 24)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyFormToken(randomBytes(32), token, 'report:network', now, 24)).toEqual({ ok: false, problem: 'forged' });
    const [issued, nonce, mac] = token.split('.');
    expect(verifyFormToken(key, `${Number(issued) + 1}.${nonce}.${mac}`, 'report:network', now, 24)).toEqual({ ok: false, problem: 'forged' });
  });

  it('call an old token expired, and one from the future forged', () => {
    const token = signFormToken(key, 'p', now);
    expect(verifyFormToken(key, token, 'p', later(25), 24)).toEqual({ ok: false, problem: 'expired' });
    expect(verifyFormToken(key, token, 'p', later(-1), 24)).toEqual({ ok: false, problem: 'forged' });
  });

  it('never accept or crash on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(verifyFormToken(key, input, 'p', now, 24).ok).toBe(false);
      }),
    );
  });
});
