import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveMatchSecrets, keyWrappingKey, shareAbscissa } from './derivation.ts';
import type { ReporterToken } from './reporterToken.ts';
import { fieldOrder } from './shamir.ts';
import { parseThreshold } from './threshold.ts';

const output = fc.uint8Array({ minLength: 64, maxLength: 64 });
const token = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => bytes as ReporterToken);

describe('match derivation', () => {
  it('is a function of the OPRF output alone, and different outputs give different tags and lines', () => {
    fc.assert(
      fc.property(output, output, (a, b) => {
        const t = parseThreshold(3);
        expect(deriveMatchSecrets(a, t)).toEqual(deriveMatchSecrets(Uint8Array.from(a), t));
        if (Buffer.from(a).equals(b)) return;
        const [first, second] = [deriveMatchSecrets(a, t), deriveMatchSecrets(b, t)];
        expect(first.tag).not.toEqual(second.tag);
        expect(first.coefficients[0]).not.toBe(second.coefficients[0]);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the tag, intercept and coefficients independent of each other and of t', () => {
    fc.assert(
      fc.property(output, (bytes) => {
        const two = deriveMatchSecrets(bytes, parseThreshold(2));
        const four = deriveMatchSecrets(bytes, parseThreshold(4));
        expect(two.coefficients).toHaveLength(2);
        expect(four.coefficients).toHaveLength(4);
        expect(four.coefficients.slice(0, 2)).toEqual(two.coefficients);
        expect(four.tag).toEqual(two.tag);
        expect(new Set(four.coefficients).size).toBe(4);
        for (const coefficient of four.coefficients) expect(coefficient < fieldOrder).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('places each reporter on a non-zero x that depends on both the token and the tag', () => {
    fc.assert(
      fc.property(token, token, output, (a, b, bytes) => {
        const { tag } = deriveMatchSecrets(bytes, parseThreshold(2));
        const other = deriveMatchSecrets(bytes.map((byte) => byte ^ 1), parseThreshold(2)).tag;
        const x = shareAbscissa(a, tag);
        expect(x > 0n && x < fieldOrder).toBe(true);
        expect(shareAbscissa(Uint8Array.from(a) as ReporterToken, tag)).toBe(x);
        expect(shareAbscissa(a, other)).not.toBe(x);
        if (!Buffer.from(a).equals(b)) expect(shareAbscissa(b, tag)).not.toBe(x);
      }),
      { numRuns: 50 },
    );
  });

  it('derives a different wrapping key for every intercept and tag', () => {
    const tag = new Uint8Array(32);
    expect(keyWrappingKey(1n, tag)).not.toEqual(keyWrappingKey(2n, tag));
    expect(keyWrappingKey(1n, tag)).not.toEqual(keyWrappingKey(1n, new Uint8Array(32).fill(1)));
  });

  it('refuses an OPRF output of the wrong length', () => {
    expect(() => deriveMatchSecrets(new Uint8Array(32), parseThreshold(2))).toThrowError(expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }));
  });
});

describe('threshold', () => {
  it('accepts whole numbers from 2 to 16 and nothing else', () => {
    expect(parseThreshold(2)).toBe(2);
    expect(parseThreshold('16')).toBe(16);
    for (const bad of [1, 0, 17, 2.5, '2.5', 'two', null, undefined, Number.NaN]) {
      expect(() => parseThreshold(bad)).toThrowError(expect.objectContaining({ code: 'ESCROW_THRESHOLD_INVALID' }));
    }
  });
});
