/**
 * Growing delays after failed attempts, pure. The first few failures are free (typos happen);
 * after that each failure doubles the wait, capped, and a success clears the count. Keys are
 * accounts or receipts, never IP addresses.
 */
export type ThrottlePolicy = { freeFailures: number; baseSeconds: number; maxSeconds: number };

export const signInThrottle: ThrottlePolicy = { freeFailures: 5, baseSeconds: 2, maxSeconds: 15 * 60 };

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = failures - policy.freeFailures;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(exponent, 30));
}

export function secondsUntil(blockedUntil: Date | null | undefined, now: Date): number {
  if (!blockedUntil) return 0;
  return Math.max(0, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
}
