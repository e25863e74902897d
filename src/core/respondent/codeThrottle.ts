/**
 * Wrong access codes, per invitation (never per address: Redress does not know addresses). Each
 * wrong code makes the next attempt wait longer (5 s, 15 s, 45 s, 2¼ min) and the fifth locks
 * the invitation for good: staff then revoke it and send a new one, through the two channels
 * again. Attempts during a wait are refused without being counted or checked, so waiting is
 * all a typo costs; a malformed code (wrong length, a character that cannot be in a code) is
 * not a guess and is not counted either.
 */
export const codePolicy = { lockAfter: 5, firstDelaySeconds: 5, growth: 3 } as const;

export type CodeAttemptVerdict = { kind: 'open' } | { kind: 'wait'; seconds: number } | { kind: 'locked' };

/** How long the next attempt waits after `failures` wrong codes in a row. */
export function delayAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return codePolicy.firstDelaySeconds * codePolicy.growth ** (failures - 1);
}

export function codeAttemptVerdict(failures: number, lastFailedAt: Date | null, now: Date): CodeAttemptVerdict {
  if (failures >= codePolicy.lockAfter) return { kind: 'locked' };
  if (failures === 0 || lastFailedAt === null) return { kind: 'open' };
  const opensAt = lastFailedAt.getTime() + delayAfterFailures(failures) * 1000;
  const seconds = Math.ceil((opensAt - now.getTime()) / 1000);
  return seconds > 0 ? { kind: 'wait', seconds } : { kind: 'open' };
}

/** Wrong codes the person may still give before the invitation locks. */
export function attemptsLeft(failures: number): number {
  return Math.max(0, codePolicy.lockAfter - failures);
}
