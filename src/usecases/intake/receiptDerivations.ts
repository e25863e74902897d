/**
 * At most two receipt derivations run at once in a process; the rest wait their turn in order.
 * Each Argon2id run takes 64 MiB and a core for ~0.1 s: without a bound, a flood of guesses
 * would take every worker thread (staff sign-in shares them) and the memory with it. The bound
 * is also what caps the global guessing rate (docs/threat-model.md). Waiting is never refusal,
 * so a flood slows a real reporter down but cannot shut them out.
 */
export const CONCURRENT_DERIVATIONS = 2;

let running = 0;
const waiting: (() => void)[] = [];

export async function withDerivationSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_DERIVATIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
