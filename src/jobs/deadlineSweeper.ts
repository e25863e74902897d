/**
 * The case jobs every `redress serve` runs beside the outbox worker: the deadline sweep every
 * few minutes (REDRESS_SWEEP_MINUTES, 5 by default) and, once a day (the first run after
 * midnight UTC), the purge of cases whose retention has passed. On PostgreSQL every process runs
 * them; a lock in the database lets only one do the work at a time, and the reminders' primary
 * key makes each reminder go exactly once whatever happens.
 */
import type { FastifyBaseLogger } from 'fastify';
import { dayOf } from '../core/procedures/index.ts';
import type { Context } from '../usecases/context.ts';
import { purgeCases, type PurgeReport } from '../usecases/cases/purgeCases.ts';
import { sweepDeadlines, type SweepResult } from '../usecases/cases/sweepDeadlines.ts';

export type DeadlineSweeper = {
  /** One sweep, and the day's purge if it has not run in this process today. */
  runOnce(): Promise<{ sweep: SweepResult; purge: PurgeReport | null }>;
  stop(): Promise<void>;
};

export function startDeadlineSweeper(options: {
  context: Context;
  dataDir: string;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
  intervalMs?: number;
  /** The first run waits this long after start (default: one interval, at most a minute). */
  firstRunMs?: number;
}): DeadlineSweeper {
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  let purgedOn: string | null = null;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function runOnce(): Promise<{ sweep: SweepResult; purge: PurgeReport | null }> {
    const sweep = await sweepDeadlines(options.context);
    if (sweep.reminders > 0 || sweep.updated > 0) options.log.info({ ...sweep }, 'deadline sweep');
    const today = dayOf(options.context.clock());
    let purge: PurgeReport | null = null;
    if (purgedOn !== today) {
      purge = await purgeCases(options.context, { dataDir: options.dataDir, via: 'job' });
      // A purge another process was running counts as done for today only when it finished here too.
      if (!purge.busy) purgedOn = today;
      if (purge.purged.length > 0 || purge.failed > 0) {
        options.log.info({ purged: purge.purged.length, filesRemoved: purge.filesRemoved, orphansRemoved: purge.orphansRemoved, keptForLegalHold: purge.keptForLegalHold, failed: purge.failed }, 'purge');
      }
    }
    return { sweep, purge };
  }

  const tick = () => {
    if (stopped || running) return;
    running = runOnce()
      .catch((error: unknown) => options.log.error({ err: error }, 'deadline sweeper failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(tick, options.firstRunMs ?? Math.min(intervalMs, 60_000));
  first.unref();
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
