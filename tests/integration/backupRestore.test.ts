/**
 * `redress backup` and `redress restore` as an operator runs them: PGlite folder to a new folder,
 * PGlite folder to a new PostgreSQL database and back, with the refusals that protect data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { makeContext } from '../../src/usecases/context.ts';
import { testArgon2, type TestDatabase } from '../support/databases.ts';
import { browserFor, setUpNetwork, testApp } from '../support/webApp.ts';
import { canonicalDump, folderDigest, type Dump } from './support/canonicalDump.ts';
import { copyFolder, expectOneClearLine, folderTemplate, onPglite, onPostgresServer, postgresDatabases, runRedress, startRedress } from './support/redressProcess.ts';

let root: string;
let source: string;
let sourceDump: Dump;
let backupFile: string;

async function dumpOf(options: { dataDir: string; databaseUrl?: string }): Promise<Dump> {
  const database = await openDatabase({ ...options, migrate: false });
  try {
    return await canonicalDump(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-backup-cli-'));
  source = copyFolder(await folderTemplate(root), path.join(root, 'source'));
  const database = await openDatabase({ dataDir: source });
  const testDatabase: TestDatabase = { ...database, context: makeContext(database.db, { argon2: testArgon2 }), dispose: () => database.close() };
  const app = await testApp(testDatabase);
  const admin = await setUpNetwork(app, testDatabase);
  await browserFor(app).post('/sign-in', { email: admin.email, password: 'wrong password', code: '' });
  await app.close();
  await database.close();
  fs.mkdirSync(path.join(source, 'attachments', 'evidence'), { recursive: true });
  fs.writeFileSync(path.join(source, 'attachments', 'evidence', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]));
  sourceDump = await dumpOf({ dataDir: source });
  backupFile = path.join(root, 'redress-backup.jsonl.gz');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.runIf(onPglite)('redress backup and restore on PGlite folders', () => {
  it('backs up a folder, and refuses to overwrite an existing backup', async () => {
    const outcome = await runRedress(['backup', backupFile], { REDRESS_DATA_DIR: source });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/Backed up \d+ rows from \d+ tables and 1 attachments/);
    expect(outcome.stderr).toMatch(/Backing up rows: (\d+)\/\1/);
    const again = await runRedress(['backup', backupFile], { REDRESS_DATA_DIR: source });
    expect(again.code).toBe(1);
    expect(expectOneClearLine(again.stderr)).toContain('already exists');
  });

  it('restores into a new folder with identical rows and attachments, which then serves', async () => {
    const target = path.join(root, 'restored');
    const outcome = await runRedress(['restore', backupFile], { REDRESS_DATA_DIR: target });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/Restored \d+ rows .* into .*restored/);
    expect(outcome.stdout).toMatch(/Audit log intact: \d+ entries/);
    expect(await dumpOf({ dataDir: target })).toEqual(sourceDump);
    expect(folderDigest(path.join(target, 'attachments'))).toEqual(folderDigest(path.join(source, 'attachments')));
    const server = await startRedress({ REDRESS_DATA_DIR: target });
    try {
      expect(server.setupUrl).toBeUndefined();
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });

  it('refuses to restore over a folder that holds data, changing nothing', async () => {
    const before = await dumpOf({ dataDir: source });
    const outcome = await runRedress(['restore', backupFile], { REDRESS_DATA_DIR: source });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/Restore needs an empty data folder or database/);
    expect(await dumpOf({ dataDir: source })).toEqual(before);
  });

  it('refuses a truncated backup and leaves no folder behind', async () => {
    const truncated = path.join(root, 'truncated.gz');
    fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, 3000));
    const target = path.join(root, 'never-restored');
    const outcome = await runRedress(['restore', truncated], { REDRESS_DATA_DIR: target });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/not a Redress backup or is damaged/);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('says so when there is nothing to back up, creating nothing', async () => {
    const empty = path.join(root, 'no-such-folder');
    const outcome = await runRedress(['backup', path.join(root, 'nothing.gz')], { REDRESS_DATA_DIR: empty });
    expect(outcome.code).toBe(1);
    expect(expectOneClearLine(outcome.stderr)).toMatch(/There is no Redress database in/);
    expect(fs.existsSync(empty)).toBe(false);
  });
});

describe.runIf(onPostgresServer)('redress restore between PGlite and PostgreSQL', () => {
  const databases = postgresDatabases(process.env.TEST_DATABASE_URL ?? '');
  afterAll(() => databases.dropAll());

  it('restores a PGlite backup into a new PostgreSQL database, and that one back into a folder', async () => {
    if (!fs.existsSync(backupFile)) expect((await runRedress(['backup', backupFile], { REDRESS_DATA_DIR: source })).code).toBe(0);
    const url = await databases.create();
    const attachmentsHome = path.join(root, 'postgres-deployment');
    const restored = await runRedress(['restore', backupFile], { DATABASE_URL: url, REDRESS_DATA_DIR: attachmentsHome });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Audit log intact/);
    expect(await dumpOf({ dataDir: '', databaseUrl: url })).toEqual(sourceDump);
    expect(folderDigest(path.join(attachmentsHome, 'attachments'))).toEqual(folderDigest(path.join(source, 'attachments')));

    const secondBackup = path.join(root, 'from-postgres.jsonl.gz');
    expect((await runRedress(['backup', secondBackup], { DATABASE_URL: url, REDRESS_DATA_DIR: attachmentsHome })).code).toBe(0);
    const folder = path.join(root, 'back-to-pglite');
    expect((await runRedress(['restore', secondBackup], { REDRESS_DATA_DIR: folder })).code).toBe(0);
    expect(await dumpOf({ dataDir: folder })).toEqual(sourceDump);

    const again = await runRedress(['restore', backupFile], { DATABASE_URL: url, REDRESS_DATA_DIR: path.join(root, 'elsewhere') });
    expect(again.code).toBe(1);
    expect(expectOneClearLine(again.stderr)).toMatch(/already holds rows/);
  });
});
