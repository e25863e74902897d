import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateAbscissaError, evaluatePolynomial, fieldOrder, interpolateAt, interpolateAtZero, invert, mod } from './shamir.ts';

const element = fc.bigInt({ min: 0n, max: fieldOrder - 1n });
const nonZero = fc.bigInt({ min: 1n, max: fieldOrder - 1n });

describe('Shamir sharing over the ristretto255 scalar field', () => {
  it('gives back the secret from any t points with distinct x', () => {
    fc.assert(
      fc.property(fc.array(element, { minLength: 2, maxLength: 6 }), fc.uniqueArray(nonZero, { minLength: 6, maxLength: 6 }), (coefficients, xs) => {
        const points = xs.slice(0, coefficients.length).map((x) => ({ x, y: evaluatePolynomial(coefficients, x) }));
        expect(interpolateAtZero(points)).toBe(coefficients[0]);
        const extra = xs[5] ?? 1n;
        expect(interpolateAt(points, extra)).toBe(evaluatePolynomial(coefficients, extra));
      }),
      { numRuns: 100 },
    );
  });

  it('does not give the secret from t − 1 points', () => {
    fc.assert(
      fc.property(fc.array(nonZero, { minLength: 3, maxLength: 5 }), fc.uniqueArray(nonZero, { minLength: 5, maxLength: 5 }), (coefficients, xs) => {
        const points = xs.slice(0, coefficients.length - 1).map((x) => ({ x, y: evaluatePolynomial(coefficients, x) }));
        expect(interpolateAtZero(points)).not.toBe(coefficients[0]);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses points that repeat an x or sit at x = 0', () => {
    expect(() => interpolateAtZero([{ x: 5n, y: 1n }, { x: 5n, y: 2n }])).toThrow(DuplicateAbscissaError);
    expect(() => interpolateAtZero([{ x: 5n, y: 1n }, { x: 5n + fieldOrder, y: 1n }])).toThrow(DuplicateAbscissaError);
    expect(() => interpolateAtZero([{ x: 0n, y: 1n }, { x: 1n, y: 2n }])).toThrow(DuplicateAbscissaError);
    expect(() => interpolateAtZero([])).toThrow(DuplicateAbscissaError);
  });

  it('inverts every non-zero element', () => {
    fc.assert(
      fc.property(nonZero, (value) => {
        expect(mod(value * invert(value))).toBe(1n);
      }),
    );
  });
});
