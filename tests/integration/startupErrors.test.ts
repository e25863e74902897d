/**
 * Start-up as an operator meets it: every way `redress serve` can fail to start says so in one
 * line on stderr, exits with code 1 and leaves nothing half-written; SIGTERM and SIGINT stop it
 * cleanly, closing PGlite and removing the folder's lock.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { migrationsFolder, openDatabase } from '../../src/storage/database.ts';
import { readMigrations } from '../../src/storage/migrations.ts';
import {
  copyFolder,
  expectOneClearLine,
  folderTemplate,
  onPglite,
  onPostgresServer,
  onPostgres,
  postgresDatabases,
  runRedress,
  startRedress,
} from './support/redressProcess.ts';

let root: string;
let template: Promise<string> | undefined;
let counter = 0;
/** A copy of one migrated folder, made on first use (initdb is slow, and PostgreSQL runs need none). */
const freshCopy = async () => copyFolder(await (template ??= folderTemplate(root)), path.join(root, `folder-${(counter += 1)}`));
const lockFile = (folder: string) => path.join(folder, 'redress.lock');

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-startup-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Straight through PGlite: Redress itself (rightly) refuses to open a folder from the future. */
async function tablesOf(folder: string): Promise<string[]> {
  const client = await PGlite.create({ dataDir: path.join(folder, 'pgdata') });
  try {
    const result = await client.query<{ name: string }>(`select tablename || ':' || (select count(*) from redress_migrations) as name from pg_tables where schemaname = 'public' order by 1`);
    return result.rows.map((row) => row.name);
  } finally {
    await client.close();
  }
}

describe.runIf(onPglite)('redress serve refuses to start', () => {
  it('on a malformed DATABASE_URL, before touching the data folder', async () => {
    const folder = path.join(root, 'never-created');
    const outcome = await runRedress(['serve'], { DATABASE_URL: 'mysql://someone@db.example/redress', REDRESS_DATA_DIR: folder });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/DATABASE_URL must look like postgres:\/\//);
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('on a DATABASE_URL nobody answers', async () => {
    const outcome = await runRedress(['serve'], { DATABASE_URL: 'postgres://x@127.0.0.1:1/db' });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/Cannot reach the database: 127\.0\.0\.1:1\/db/);
  });

  it('on a port already in use, and leaves the folder closed and reusable', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const folder = await freshCopy();
    try {
      const outcome = await runRedress(['serve'], { REDRESS_DATA_DIR: folder, PORT: String(port) });
      expect(outcome.code).toBe(1);
      expect(expectOneClearLine(outcome.stderr)).toContain(`Port ${port} is already in use`);
      expect(fs.existsSync(lockFile(folder))).toBe(false);
      expect(outcome.stdout).not.toContain('/setup/');
    } finally {
      blocker.close();
    }
    expect((await tablesOf(folder)).some((table) => table.startsWith('staff:'))).toBe(true);
  });

  it('on a data folder that cannot be written, creating nothing', async () => {
    const regularFile = path.join(root, 'a-regular-file');
    fs.writeFileSync(regularFile, 'not a folder');
    const outcome = await runRedress(['serve'], { REDRESS_DATA_DIR: path.join(regularFile, 'data') });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/The data folder .*a-regular-file\/data cannot be written/);
    expect(fs.readFileSync(regularFile, 'utf8')).toBe('not a folder');
  });

  it('on a data folder another Redress has open, leaving that one running', async () => {
    const folder = await freshCopy();
    const first = await startRedress({ REDRESS_DATA_DIR: folder }, { setupLink: true });
    try {
      const outcome = await runRedress(['serve'], { REDRESS_DATA_DIR: folder });
      expect(outcome.code).toBe(1);
      expect(expectOneClearLine(outcome.stderr)).toMatch(/is already open in another Redress process/);
      expect(fs.readFileSync(lockFile(folder), 'utf8')).toBe(String(first.child.pid));
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
      const otherCommand = await runRedress(['verify-audit'], { REDRESS_DATA_DIR: folder });
      expect(otherCommand.code).toBe(1);
      expectOneClearLine(otherCommand.stderr);
    } finally {
      expect((await first.stop()).code).toBe(0);
    }
  });

  it('on a data folder written by a newer Redress, changing nothing in it', async () => {
    const folder = await freshCopy();
    const database = await openDatabase({ dataDir: folder, migrate: false });
    await database.db.execute(sql`insert into redress_migrations (tag, hash) values ('9999_from_the_future', 'x')`);
    await database.close();
    const before = await tablesOf(folder);
    const outcome = await runRedress(['serve'], { REDRESS_DATA_DIR: folder });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/written by a newer version of Redress \(unknown migrations: 9999_from_the_future\)/);
    expect(await tablesOf(folder)).toEqual(before);
    expect(fs.existsSync(lockFile(folder))).toBe(false);
  });

  it('on an unknown command or option', async () => {
    const outcome = await runRedress(['serv'], {});
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/unknown command 'serv'/);
  });
});

describe.runIf(onPostgresServer)('redress serve on PostgreSQL refuses to start', () => {
  const databases = postgresDatabases(process.env.TEST_DATABASE_URL ?? '');
  afterAll(() => databases.dropAll());

  it('on a database written by a newer Redress, changing nothing in it', async () => {
    const url = await databases.create();
    expect((await runRedress(['migrate'], { DATABASE_URL: url })).code).toBe(0);
    await onPostgres(url, (client) => client.query(`insert into redress_migrations (tag, hash) values ('9999_from_the_future', 'x')`));
    const outcome = await runRedress(['serve'], { DATABASE_URL: url });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/newer version of Redress \(unknown migrations: 9999_from_the_future\)/);
    const tags = await onPostgres(url, (client) => client.query<{ tag: string }>('select tag from redress_migrations order by tag'));
    const known = readMigrations(migrationsFolder).map((migration) => migration.tag);
    expect(tags.rows.map((row) => row.tag)).toEqual([...known, '9999_from_the_future']);
  });

  it('on a database name that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    url.pathname = '/redress_no_such_database';
    const outcome = await runRedress(['serve'], { DATABASE_URL: url.toString() });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/Cannot reach the database: .*redress_no_such_database/);
  });
});

describe.runIf(onPglite)('redress serve stops cleanly', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}: exit code 0 within seconds, PGlite closed, the lock removed, the folder reopens`, async () => {
      const folder = await freshCopy();
      const server = await startRedress({ REDRESS_DATA_DIR: folder }, { setupLink: true });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(fs.existsSync(lockFile(folder))).toBe(true);
      const started = Date.now();
      const outcome = await server.stop(signal);
      expect(outcome.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(outcome.stderr).toBe('');
      expect(fs.existsSync(lockFile(folder))).toBe(false);
      const again = await startRedress({ REDRESS_DATA_DIR: folder }, { setupLink: true });
      expect((await again.stop()).code).toBe(0);
    });
  }
});
