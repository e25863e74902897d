/**
 * Fresh databases for storage tests, on every backend under test: PGlite (always, from the
 * migrated image made once per run) and PostgreSQL when TEST_DATABASE_URL is set (a database of
 * its own per test file, dropped afterwards). TEST_BACKENDS=pglite|postgres narrows the list.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, queryRows, type Backend, type Database } from '../../src/storage/database.ts';
import { makeContext, type Context } from '../../src/usecases/context.ts';

/** Argon2id made cheap for tests; production parameters are exercised by the browser tests. */
export const testArgon2 = { memoryKiB: 1024, passes: 1, parallelism: 1 };

export function testBackends(): Backend[] {
  const chosen = process.env.TEST_BACKENDS?.split(',').map((name) => name.trim());
  const available: Backend[] = ['pglite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
  return chosen ? available.filter((backend) => chosen.includes(backend)) : available;
}

export type TestDatabase = Database & { context: Context; url?: string; dispose(): Promise<void> };

let pgliteImage: Blob | undefined;

export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    pgliteImage ??= new Blob([fs.readFileSync(inject('pgliteImagePath'))]);
    const database = await openDatabase({ dataDir: '', inMemory: true, pgliteImage });
    return { ...database, context: makeContext(database.db, { argon2: testArgon2 }), dispose: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `redress_test_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  return {
    ...database,
    url: url.toString(),
    context: makeContext(database.db, { argon2: testArgon2 }),
    dispose: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Empties every table (migrations kept), for tests that need a blank deployment. */
export async function resetData(database: Database): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    database.db,
    sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'redress_migrations'`,
  );
  if (tables.length === 0) return;
  await database.db.execute(sql.raw(`truncate ${tables.map((table) => `"${table.tablename}"`).join(', ')} cascade`));
}

/**
 * Declares the same suite once per backend under test, each with its own fresh database.
 * `use()` gives the database inside tests.
 */
export function describeStorage(name: string, body: (use: () => TestDatabase, backend: Backend) => void): void {
  for (const backend of testBackends()) {
    describe(`${name} [${backend}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await freshDatabase(backend);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      body(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, backend);
    });
  }
}
