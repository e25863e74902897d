import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import {
  chainTerms,
  checkEffort,
  globalTerms,
  guardPolicy,
  issueChallenge,
  leadingZeroBits,
  powSatisfies,
  readChallenge,
  slidingRate,
  solvePow,
  termsFor,
} from './receiptGuard.ts';

const key = randomBytes(32);
const now = new Date('2031-05-04T10:00:00Z');
const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const quiet = globalTerms(0);

describe('the global guard against receipt guessing', () => {
  it('asks a short wait or a light proof of work when all is quiet', () => {
    expect(quiet).toEqual({ wait: 5, difficulty: 16 });
  });

  it('tightens as failures rise, and never beyond the cap however hard it is pushed', () => {
    expect(globalTerms(40).wait).toBeGreaterThan(quiet.wait);
    expect(globalTerms(1_000_000)).toEqual({ wait: 30, difficulty: 22 });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(globalTerms(high).wait).toBeGreaterThanOrEqual(globalTerms(low).wait);
        expect(globalTerms(high).wait).toBeLessThanOrEqual(30);
      }),
    );
  });

  it('counts the failures of the last sixty seconds', () => {
    expect(slidingRate(10, 20, 0)).toBe(30);
    expect(slidingRate(10, 20, 30)).toBe(20);
    expect(slidingRate(10, 20, 60)).toBe(10);
  });
});

describe('a chain of attempts by one reporter', () => {
  it('forgives the first few typos, then waits longer after each failure, up to two minutes', () => {
    expect(chainTerms(0)).toEqual({ wait: 0, difficulty: 0 });
    expect(chainTerms(guardPolicy.freeFailures - 1)).toEqual({ wait: 0, difficulty: 0 });
    const waits = [3, 4, 5, 6, 20].map((failures) => chainTerms(failures).wait);
    expect(waits).toEqual([10, 20, 40, 80, 120]);
    expect(termsFor(0, 5).wait).toBe(40);
  });
});

describe('challenges', () => {
  it('carry signed terms that cannot be altered', () => {
    const { token, challenge } = issueChallenge(key, now, quiet, 2);
    expect(readChallenge(key, token)).toEqual(challenge);
    expect(readChallenge(randomBytes(32), token)).toBeUndefined();
    const easier = token.replace(`.${challenge.wait}.${challenge.difficulty}.`, '.0.1.');
    expect(readChallenge(key, easier)).toBeUndefined();
  });

  it('are never accepted from arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(readChallenge(key, input)).toBeUndefined();
      }),
    );
  });

  it('are refused before their wait is over, and accepted after it', () => {
    const { token, challenge } = issueChallenge(key, now, quiet);
    expect(checkEffort({ token, challenge, pow: '', now: after(2), current: quiet })).toEqual({ ok: false, problem: 'tooSoon', seconds: 3 });
    expect(checkEffort({ token, challenge, pow: '', now: after(5), current: quiet })).toEqual({ ok: true });
  });

  it('are accepted at once with a proof of work, which is bound to the challenge', () => {
    const terms = { wait: 5, difficulty: 8 };
    const { token, challenge } = issueChallenge(key, now, terms);
    const nonce = solvePow(token, 8);
    expect(powSatisfies(token, nonce, 8)).toBe(true);
    expect(checkEffort({ token, challenge, pow: nonce, now, current: terms })).toEqual({ ok: true });
  });

  it('do not accept a proof of work made for another challenge', () => {
    const terms = { wait: 5, difficulty: 8 };
    const first = issueChallenge(key, now, terms);
    const second = issueChallenge(key, now, terms);
    let nonce = 0;
    while (!powSatisfies(first.token, String(nonce), 8) || powSatisfies(second.token, String(nonce), 8)) nonce += 1;
    expect(checkEffort({ token: second.token, challenge: second.challenge, pow: String(nonce), now, current: terms })).toMatchObject({ ok: false, problem: 'tooSoon' });
  });

  it('follow the global terms of the moment when they are stricter than the challenge’s own', () => {
    const { token, challenge } = issueChallenge(key, now, quiet);
    const underAttack = globalTerms(10_000);
    expect(checkEffort({ token, challenge, pow: '', now: after(6), current: underAttack })).toEqual({ ok: false, problem: 'tooSoon', seconds: 24 });
  });

  it('expire after fifteen minutes', () => {
    const { token, challenge } = issueChallenge(key, now, quiet);
    expect(checkEffort({ token, challenge, pow: '', now: after(15 * 60 + 1), current: quiet })).toEqual({ ok: false, problem: 'expired' });
  });

  it('count leading zero bits exactly', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x10]))).toBe(11);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });
});
