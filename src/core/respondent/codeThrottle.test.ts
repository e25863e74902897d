import { describe, expect, it } from 'vitest';
import { attemptsLeft, codeAttemptVerdict, codePolicy, delayAfterFailures } from './codeThrottle.ts';

describe('wrong access codes', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 3, 1, 9, 0, seconds));

  it('cost nothing before the first one', () => {
    expect(codeAttemptVerdict(0, null, at(0))).toEqual({ kind: 'open' });
  });

  it('make each next attempt wait longer: 5 s, 15 s, 45 s, 135 s', () => {
    expect([1, 2, 3, 4].map(delayAfterFailures)).toEqual([5, 15, 45, 135]);
    expect(codeAttemptVerdict(1, at(0), at(2))).toEqual({ kind: 'wait', seconds: 3 });
    expect(codeAttemptVerdict(1, at(0), at(5))).toEqual({ kind: 'open' });
    expect(codeAttemptVerdict(3, at(0), at(44))).toEqual({ kind: 'wait', seconds: 1 });
    expect(codeAttemptVerdict(4, at(0), new Date(at(0).getTime() + 135_000))).toEqual({ kind: 'open' });
  });

  it('lock the invitation for good at the fifth', () => {
    expect(codePolicy.lockAfter).toBe(5);
    expect(codeAttemptVerdict(5, at(0), new Date(at(0).getTime() + 86_400_000))).toEqual({ kind: 'locked' });
    expect(attemptsLeft(0)).toBe(5);
    expect(attemptsLeft(4)).toBe(1);
    expect(attemptsLeft(7)).toBe(0);
  });
});
