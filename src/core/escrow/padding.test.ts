import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padAllegation, paddedLength, PaddingError, unpadAllegation } from './padding.ts';

describe('allegation padding', () => {
  it('round-trips any allegation and hides its length within a power-of-two bucket', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (allegation) => {
        const padded = padAllegation(allegation);
        expect(padded.length).toBe(paddedLength(allegation.length));
        expect(Math.log2(padded.length) % 1).toBe(0);
        expect(padded.length).toBeGreaterThanOrEqual(1024);
        expect(unpadAllegation(padded)).toEqual(allegation);
      }),
      { numRuns: 50 },
    );
    expect(padAllegation(new Uint8Array(10)).length).toBe(padAllegation(new Uint8Array(900)).length);
  });

  it('refuses padding that is not what padAllegation writes', () => {
    const padded = padAllegation(new Uint8Array([1, 2, 3]));
    padded[padded.length - 1] = 1;
    expect(() => unpadAllegation(padded)).toThrow(PaddingError);
    expect(() => unpadAllegation(new Uint8Array(3))).toThrow(PaddingError);
    expect(() => unpadAllegation(new Uint8Array(1024).fill(0xff))).toThrow(PaddingError);
  });

  it('refuses an allegation over 8 MiB', () => {
    expect(() => padAllegation(new Uint8Array(8 * 1024 * 1024 + 1))).toThrowError(expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }));
  });
});
