/**
 * `redress serve`: open storage, apply migrations, print the setup link on an empty deployment,
 * listen, and close everything on SIGINT/SIGTERM (PGlite must be closed or the process hangs and
 * the folder stays locked).
 */
import type { Config } from './config.ts';
import { AppError } from './core/errors.ts';
import { openDatabase, type Database } from './storage/database.ts';
import { makeContext } from './usecases/context.ts';
import { issueSetupLink } from './usecases/setup/issueSetupLink.ts';
import { buildApp, type App } from './web/app.ts';
import { startOutboxWorker, type OutboxWorker } from './jobs/outboxWorker.ts';
import { startDeadlineSweeper, type DeadlineSweeper } from './jobs/deadlineSweeper.ts';

export type RunningServer = { app: App; database: Database; url: string; stop(): Promise<void> };

/** `clock` stands in for the wall clock (browser tests move time forward; `redress serve` never passes one). */
export async function startServer(config: Config, output: (line: string) => void = console.log, options: { clock?: () => Date } = {}): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: App | undefined;
  let worker: OutboxWorker | undefined;
  let sweeper: DeadlineSweeper | undefined;
  try {
    const context = makeContext(database.db, options.clock ? { clock: options.clock } : {});
    app = await buildApp({ config, context });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new AppError('PORT_IN_USE', { detail: config.port });
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://localhost:${port}`;
    worker = startOutboxWorker({ context, config: { ...config, publicUrl: url }, log: app.log });
    sweeper = startDeadlineSweeper({ context, dataDir: config.dataDir, log: app.log, intervalMs: config.sweepMinutes * 60_000 });
    output(`Redress is serving on ${url} (${database.backend === 'pglite' ? `embedded PostgreSQL in ${database.location}` : `PostgreSQL at ${database.location}`})`);
    const setupToken = await issueSetupLink(context);
    if (setupToken) output(`This Redress is not set up yet. Open this one-time link to create the network and its first administrator:\n\n  ${url}/setup/${setupToken}\n`);
    const runningApp = app;
    const runningWorker = worker;
    const runningSweeper = sweeper;
    let stopping: Promise<void> | undefined;
    return {
      app: runningApp,
      database,
      url,
      stop: () => {
        stopping ??= (async () => {
          await runningSweeper.stop();
          await runningWorker.stop();
          await runningApp.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await sweeper?.stop();
    await worker?.stop();
    await app?.close();
    await database.close();
    throw error;
  }
}
