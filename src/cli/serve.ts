/**
 * `redress serve`: runs until SIGINT or SIGTERM, then closes the database cleanly. The signal
 * handlers are in place before start-up begins: a signal that arrives while the database is
 * still opening or migrating lets start-up finish and then shuts down, instead of killing the
 * process with PGlite open (which would leave the folder locked and its files mid-write).
 */
import type { Config } from '../config.ts';
import { startServer } from '../server.ts';

export async function serveCommand(config: Config): Promise<void> {
  let received: NodeJS.Signals | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const server = await startServer(config);
    if (!received) await new Promise<void>((resolve) => (wake = resolve));
    server.app.log.info(`received ${received ?? 'a signal'}, shutting down`);
    try {
      await server.stop();
    } catch (error) {
      process.stderr.write(`redress: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
