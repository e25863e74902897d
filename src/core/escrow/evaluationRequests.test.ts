import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import { admitEvaluation, blindedFingerprint, defaultEvaluationPolicy } from './evaluationRequests.ts';

const now = new Date('2030-03-01T12:00:00Z');
const fresh = { answeredAt: [], seenFingerprints: new Set<string>() };
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('admitting VOPRF evaluation requests', () => {
  it('admits well-formed fresh elements and returns what to record', () => {
    const blinded = [randomBytes(32), randomBytes(32)];
    expect(admitEvaluation(blinded, fresh, now)).toEqual({ fingerprints: blinded.map(blindedFingerprint) });
  });

  it('refuses a replayed element, within one request or across requests', () => {
    const element = randomBytes(32);
    expect(() => admitEvaluation([element], { ...fresh, seenFingerprints: new Set([blindedFingerprint(element)]) }, now)).toThrowError(
      expect.objectContaining({ code: 'ESCROW_OPRF_REPLAYED' }),
    );
    expect(() => admitEvaluation([element, Uint8Array.from(element)], fresh, now)).toThrowError(
      expect.objectContaining({ code: 'ESCROW_OPRF_REQUEST_INVALID' }),
    );
  });

  it('limits evaluations per reporter token and says when to retry', () => {
    const policy = { maxElementsPerRequest: 4, maxEvaluationsPerWindow: 5, windowSeconds: 3600 };
    const history = { answeredAt: [ago(3000), ago(2000), ago(1000), ago(10)], seenFingerprints: new Set<string>() };
    expect(admitEvaluation([randomBytes(32)], history, now, policy).fingerprints).toHaveLength(1);
    expect(() => admitEvaluation([randomBytes(32), randomBytes(32)], history, now, policy)).toThrowError(
      expect.objectContaining({ code: 'RATE_LIMITED', params: { seconds: 600 } }),
    );
    const old = { answeredAt: [ago(7200), ago(5000), ago(4000), ago(3601)], seenFingerprints: new Set<string>() };
    expect(admitEvaluation([randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)], old, now, policy).fingerprints).toHaveLength(4);
  });

  it('answers any malformed request with a request error, never another kind of failure', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 40 })), { maxLength: 12 }), (junk) => {
        try {
          admitEvaluation(junk, fresh, now);
        } catch (error) {
          expect(error).toMatchObject({ code: 'ESCROW_OPRF_REQUEST_INVALID' });
        }
      }),
    );
    const tooMany = Array.from({ length: defaultEvaluationPolicy.maxElementsPerRequest + 1 }, () => randomBytes(32));
    expect(() => admitEvaluation(tooMany, fresh, now)).toThrowError(expect.objectContaining({ code: 'ESCROW_OPRF_REQUEST_INVALID' }));
  });
});
