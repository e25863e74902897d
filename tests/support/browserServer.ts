/**
 * A real Redress for browser tests: `startServer` exactly as `redress serve` runs it, on a
 * loopback port of its own, with production Argon2 parameters, on a fresh PGlite data folder or
 * (backend `postgres`) a fresh database of its own on the TEST_DATABASE_URL server. The one-time
 * setup link is read from what the server prints, as an operator would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { inject } from 'vitest';
import { startServer } from '../../src/server.ts';
import { openDatabase, type Backend, type Database } from '../../src/storage/database.ts';
import { freshDatabase, type TestDatabase } from './databases.ts';

export type TestServer = {
  backend: Backend;
  /** The server's own database, for building data through use-cases where quicker than clicking. */
  database: Database;
  /** Where the server says it serves, e.g. http://localhost:40123 */
  url: string;
  /** The one-time setup link printed at start-up. */
  setupLink: string;
  /** The server's clock: the wall clock plus however far `advanceDays` has moved it. */
  now(): Date;
  /** Moves the server's clock forward (deadlines, review periods, session expiry all follow it). */
  advanceDays(days: number): void;
  stop(): Promise<void>;
};

export async function startTestServer(backend: Backend): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-browser-data-'));
  // On PostgreSQL the database is created (and later dropped) by the storage fixture; the
  // server opens its own connections to it like any deployment would.
  let database: TestDatabase | undefined;
  const cleanUp = async () => {
    await database?.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (backend === 'postgres') database = await freshDatabase('postgres');
    else await seedDataFolder(dataDir);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      REDRESS_DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      LOG_LEVEL: 'warn',
    });
    const printed: string[] = [];
    let offsetMs = 0;
    const now = () => new Date(Date.now() + offsetMs);
    const server = await startServer(config, (line) => printed.push(line), { clock: now });
    const setupLink = /(https?:\/\/\S+\/setup\/\S+)/.exec(printed.join('\n'))?.[1];
    if (!setupLink) {
      await server.stop();
      throw new Error(`the server printed no setup link:\n${printed.join('\n')}`);
    }
    return {
      backend,
      database: server.database,
      url: server.url,
      setupLink,
      now,
      advanceDays: (days) => {
        offsetMs += days * 86_400_000;
      },
      stop: async () => {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

let pgliteImage: Blob | undefined;

/**
 * Unpacks the migrated, empty PGlite image made once per run into the folder, so each server
 * skips initdb (seconds and hundreds of MB each); a first start on an empty folder has its own
 * integration tests.
 */
async function seedDataFolder(dataDir: string): Promise<void> {
  pgliteImage ??= new Blob([fs.readFileSync(inject('pgliteImagePath'))]);
  const database = await openDatabase({ dataDir, pgliteImage });
  await database.close();
}
