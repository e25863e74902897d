import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayAfter, signInThrottle } from './throttle.ts';

describe('growing delays', () => {
  it('lets the first few failures through without delay', () => {
    for (let failures = 0; failures < signInThrottle.freeFailures; failures += 1) expect(delayAfter(failures, signInThrottle)).toBe(0);
  });

  it('never shrinks as failures grow, and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (failures) => {
        const now = delayAfter(failures, signInThrottle);
        expect(delayAfter(failures + 1, signInThrottle)).toBeGreaterThanOrEqual(now);
        expect(now).toBeLessThanOrEqual(signInThrottle.maxSeconds);
      }),
    );
  });
});
