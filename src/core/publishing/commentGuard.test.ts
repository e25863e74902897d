import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import {
  admitComment,
  checkFormToken,
  commentGuardPolicy,
  issueFormToken,
  leadingZeroBits,
  proofOfWorkValid,
  solveProofOfWork,
  windowStart,
} from './commentGuard.ts';

const key = randomBytes(32);
const postId = '4f1c7a52-8d1e-4c57-9a0b-2f64c1d3e9b0';
const issued = new Date('2025-06-01T10:00:00Z');
const after = (seconds: number) => new Date(issued.getTime() + seconds * 1000);

describe('the comment form token', () => {
  it('is accepted once a person could have written something, and not before', () => {
    const token = issueFormToken(key, postId, issued);
    expect(checkFormToken(key, postId, token, after(1))).toBe('too-fast');
    expect(checkFormToken(key, postId, token, after(commentGuardPolicy.minSeconds))).toBe('ok');
    expect(checkFormToken(key, postId, token, after(3600))).toBe('ok');
    expect(checkFormToken(key, postId, token, after(commentGuardPolicy.maxSeconds + 1))).toBe('expired');
  });

  it('belongs to one post and one key', () => {
    const token = issueFormToken(key, postId, issued);
    expect(checkFormToken(key, 'another-post', token, after(60))).toBe('invalid');
    expect(checkFormToken(randomBytes(32), postId, token, after(60))).toBe('invalid');
  });

  it('cannot be back-dated to skip the wait', () => {
    const token = issueFormToken(key, postId, issued);
    const [, mac] = token.split('.');
    const backDated = `${Math.floor(issued.getTime() / 1000) - 60}.${mac}`;
    expect(checkFormToken(key, postId, backDated, after(1))).toBe('invalid');
  });

  it('rejects anything that is not a token without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(checkFormToken(key, postId, value, after(60))).toBe('invalid');
      }),
    );
  });
});

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x0f]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('accepts a solved puzzle and refuses a guess or a solution for another form', () => {
    const token = issueFormToken(key, postId, issued);
    const nonce = solveProofOfWork(token, 10);
    expect(proofOfWorkValid(token, nonce, 10)).toBe(true);
    expect(proofOfWorkValid(issueFormToken(key, postId, after(1)), nonce, 10)).toBe(false);
    expect(proofOfWorkValid(token, 'abc', 10)).toBe(false);
    expect(proofOfWorkValid(token, undefined, 10)).toBe(false);
  });
});

describe('the global comment rate', () => {
  const now = new Date('2025-06-01T10:03:20Z');

  it('admits comments up to the soft limit without proof of work, up to the hard limit with it', () => {
    expect(admitComment({ countInWindow: commentGuardPolicy.softLimit - 1, withProofOfWork: false, now })).toEqual({ ok: true });
    expect(admitComment({ countInWindow: commentGuardPolicy.softLimit, withProofOfWork: false, now })).toEqual({ ok: false, retryInSeconds: 400 });
    expect(admitComment({ countInWindow: commentGuardPolicy.softLimit, withProofOfWork: true, now })).toEqual({ ok: true });
    expect(admitComment({ countInWindow: commentGuardPolicy.hardLimit, withProofOfWork: true, now }).ok).toBe(false);
  });

  it('places every moment in the fixed window that contains it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (moment) => {
        const start = windowStart(moment);
        expect(start.getTime()).toBeLessThanOrEqual(moment.getTime());
        expect(moment.getTime() - start.getTime()).toBeLessThan(commentGuardPolicy.windowSeconds * 1000);
      }),
    );
  });
});
