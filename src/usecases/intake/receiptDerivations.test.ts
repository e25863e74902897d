import { describe, expect, it } from 'vitest';
import { CONCURRENT_DERIVATIONS, withDerivationSlot } from './receiptDerivations.ts';

describe('receipt derivation slots', () => {
  it('run at most two derivations at once and serve the others in order, even after a failure', async () => {
    let active = 0;
    let peak = 0;
    const finished: number[] = [];
    const job = (index: number) =>
      withDerivationSlot(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        if (index === 1) throw new Error('derivation failed');
        finished.push(index);
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => job(index)));
    expect(peak).toBe(CONCURRENT_DERIVATIONS);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(finished).toEqual([0, 2, 3, 4, 5, 6, 7]);
  });
});
