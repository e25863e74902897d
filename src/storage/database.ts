/**
 * Opening storage. One SQL dialect, PostgreSQL, on two backends: embedded PGlite in a data
 * folder (the zero-config default) or a PostgreSQL server through DATABASE_URL. Migrations from
 * drizzle/ are applied at start-up on either; a database written by a newer Redress is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import * as schema from './schema/index.ts';
import { applyMigrations } from './migrations.ts';
import { acquireDataDirLock } from './dataDirLock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Backend = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  backend: Backend;
  /** Where the data lives, for messages: a folder or a server address without credentials. */
  location: string;
  close(): Promise<void>;
  /** The embedded engine, present on PGlite only (for folder images in tests and backups). */
  pglite?: PGlite;
};

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Apply pending migrations (the default); `false` only checks the version. */
  migrate?: boolean;
  /** For tests: a PGlite folder image to start from instead of running initdb. */
  pgliteImage?: Blob;
  /** In-memory PGlite (tests): no folder, no lock. */
  inMemory?: boolean;
};

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options);
  try {
    await applyMigrations(database.db, migrationsFolder, { apply: options.migrate ?? true });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const location = describeServer(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('DATABASE_UNREACHABLE', { detail: `${location} (${reason})` });
  }
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return { db, backend: 'postgres', location, close: () => pool.end() };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.inMemory) {
    const client = await PGlite.create({ loadDataDir: options.pgliteImage });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return { db, backend: 'pglite', location: 'memory', close: () => client.close(), pglite: client };
  }
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pgdata');
  ensureWritable(dataDir);
  const releaseLock = acquireDataDirLock(dataDir);
  try {
    const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
    const client = await PGlite.create({
      dataDir: databaseDir,
      loadDataDir: fresh ? options.pgliteImage : undefined,
    });
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      backend: 'pglite',
      location: dataDir,
      pglite: client,
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

function ensureWritable(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.R_OK);
    const probe = path.join(dataDir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch {
    throw new AppError('DATA_DIR_UNWRITABLE', { detail: dataDir });
  }
}

/** Runs `work` in one transaction; everything it writes, audit entries included, commits together. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

export async function ping(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Raw SQL returning rows, on either driver (both answer `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Raw SQL with `$1…$n` parameters, handed straight to the driver under drizzle, on the same
 * connection (inside the transaction when `db` is one). Only for hot paths whose whole work is one
 * call to a database function (usecases/escrow: the evaluation and the placement): drizzle's
 * `execute` costs more CPU than such a statement on the embedded database — it rebuilds the query
 * from its parts and makes PGlite merge its ~320 result parsers with drizzle's own for every
 * result, 0.2–0.3 ms a call (bench/escrow.ts). Both drivers answer `{ rows }` with their default
 * parsing (json as objects, arrays as arrays, bigint as a string or a BigInt): callers read only
 * values both give alike. The driver's error is thrown as is (`code`, `constraint`).
 */
export async function driverRows<T>(db: Queryable, text: string, params: readonly unknown[]): Promise<T[]> {
  // drizzle keeps the driver's client (PGlite or its transaction; a pg Pool or PoolClient) on its session.
  const client = (db as unknown as { session?: { client?: { query?: unknown } } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('storage: no driver client under this drizzle database');
  const result = await (client.query as (text: string, params: unknown[]) => Promise<{ rows: T[] }>).call(client, text, [...params]);
  return result.rows;
}

/**
 * Reads that do not depend on each other, run one after another. Inside a transaction there is
 * one connection, which answers one statement at a time anyway; queueing statements on a busy
 * pg client is deprecated (removed in pg 9), so a use-case never hands a transaction to
 * `Promise.all`.
 */
export async function inSequence<T extends readonly unknown[]>(steps: { readonly [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}
