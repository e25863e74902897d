/** `redress serve`: runs until SIGINT or SIGTERM, then closes the database cleanly. */
import type { Config } from '../config.ts';
import { startServer } from '../server.ts';

export async function serveCommand(config: Config): Promise<void> {
  const server = await startServer(config);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      server.app.log.info(`received ${signal}, shutting down`);
      server.stop().then(resolve, (error: unknown) => {
        process.stderr.write(`redress: shutdown failed: ${String(error)}\n`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}
