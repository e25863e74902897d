import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../core/totp.ts';
import { describeStorage, freshDatabase, testBackends, type TestDatabase } from '../../../tests/support/databases.ts';
import { browserFor, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import { canonicalDump, folderDigest, rewriteBackup } from '../../../tests/integration/support/canonicalDump.ts';
import { recordAudit, verifyAuditLog } from '../auditLog.ts';
import { migrationsFolder, openDatabase, queryRows, type Backend, type Database } from '../database.ts';
import { readMigrations } from '../migrations.ts';
import { enqueue } from '../outboxStore.ts';
import { restoreBackup, type RestoreTarget } from './restoreBackup.ts';
import { writeBackup } from './writeBackup.ts';
import type { App } from '../../web/app.ts';

/** A database with no migrations applied: a new data folder or a newly created database. */
async function unmigratedDatabase(backend: Backend): Promise<Database & { dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await openDatabase({ dataDir: '', inMemory: true, migrate: false });
    return { ...database, dispose: () => database.close() };
  }
  const server = process.env.TEST_DATABASE_URL ?? '';
  const name = `redress_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: url.toString(), migrate: false });
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A target that stays open after the restore, so the test can look inside. */
function targetOf(database: TestDatabase, attachmentsDir: string): RestoreTarget {
  return { open: async () => ({ ...database, close: async () => undefined }), attachmentsDir };
}

async function expectRefused(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}

describeStorage('backup and restore', (use, backend) => {
  let source: TestDatabase;
  let app: App;
  let admin: EnrolledAdmin;
  let folder: string;
  let backupFile: string;
  const sourceAttachments = () => path.join(folder, 'source-attachments');

  beforeAll(async () => {
    source = use();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-backup-test-'));
    app = await testApp(source);
    admin = await setUpNetwork(app, source);
    // Real rows of every kind: sessions with sealed keys, failed and good sign-ins, throttling,
    // outbox messages (a bigserial), attachments in nested folders, one of them empty.
    for (const step of [1, 2]) {
      const when = new Date(Date.now() + step * 30_000);
      source.context.clock = () => when;
      await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code: totpCodeAt(admin.totpSecret, when) });
    }
    await browserFor(app).post('/sign-in', { email: 'nobody@example.org', password: 'wrong password', code: '' });
    for (const index of [1, 2, 3]) await enqueue(source.db, 'mail', { to: `person${index}@example.org`, note: 'ünïcödé ✓', nested: { list: [1, null, 'x'] } });
    await source.db.execute(sql`delete from outbox where id = 3`);
    fs.mkdirSync(path.join(sourceAttachments(), 'cases', 'c1'), { recursive: true });
    fs.writeFileSync(path.join(sourceAttachments(), 'cases', 'c1', 'statement.bin'), Buffer.from(Array.from({ length: 2_000_000 }, (_, i) => (i * 7) % 256)));
    fs.writeFileSync(path.join(sourceAttachments(), 'cases', 'empty.txt'), '');
    fs.writeFileSync(path.join(sourceAttachments(), 'note.txt'), 'a small note');
    backupFile = path.join(folder, 'redress.backup.jsonl.gz');
    await writeBackup(source, { file: backupFile, attachmentsDir: sourceAttachments() });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  for (const targetBackend of testBackends()) {
    it(`gives back identical rows, sequences and attachments on ${targetBackend}, with the audit chain intact`, async () => {
      const target = await freshDatabase(targetBackend);
      const attachments = path.join(folder, `restored-${targetBackend}`, 'attachments');
      try {
        const summary = await restoreBackup(backupFile, targetOf(target, attachments));
        expect(summary.audit).toMatchObject({ ok: true });
        expect(await canonicalDump(target.db)).toEqual(await canonicalDump(source.db));
        expect(folderDigest(attachments)).toEqual(folderDigest(sourceAttachments()));
        expect(await verifyAuditLog(target.db)).toMatchObject({ ok: true, count: (await verifyAuditLog(source.db)).count });

        // The restored staff keys work: the administrator signs in on the restored deployment.
        const restoredApp = await testApp(target);
        const later = new Date(Date.now() + 5 * 30_000);
        target.context.clock = () => later;
        const signedIn = await browserFor(restoredApp).post('/sign-in', { email: admin.email, password: admin.password, code: totpCodeAt(admin.totpSecret, later) });
        await restoredApp.close();
        expect(signedIn.statusCode).toBe(303);

        // Sequences continue past the restored rows.
        await enqueue(target.db, 'mail', { to: 'new@example.org' });
        const ids = await queryRows<{ id: string }>(target.db, sql`select id::text from outbox order by id`);
        expect(ids.map((row) => Number(row.id))).toEqual([1, 2, 4]);
      } finally {
        await target.dispose();
      }
    });
  }

  it('refuses a target that holds rows, and leaves it unchanged', async () => {
    const before = await canonicalDump(source.db);
    await expectRefused(restoreBackup(backupFile, targetOf(source, path.join(folder, 'unused'))), 'RESTORE_TARGET_NOT_EMPTY');
    expect(await canonicalDump(source.db)).toEqual(before);
  });

  it('refuses an attachments folder that already holds files, before opening the database', async () => {
    const target = await freshDatabase(backend);
    try {
      await expectRefused(restoreBackup(backupFile, targetOf(target, sourceAttachments())), 'RESTORE_TARGET_NOT_EMPTY');
      expect(Object.values(await canonicalDump(target.db)).every((table) => table.rows === 0)).toBe(true);
    } finally {
      await target.dispose();
    }
  });

  it('refuses a truncated, garbled, forged or foreign file and writes nothing', async () => {
    const bytes = fs.readFileSync(backupFile);
    const damaged: Record<string, Buffer | string> = {
      truncated: bytes.subarray(0, Math.floor(bytes.length / 2)),
      'cut before the gzip trailer': bytes.subarray(0, bytes.length - 4),
      garbled: Buffer.concat([bytes.subarray(0, 2000), Buffer.from('garbage'.repeat(50)), bytes.subarray(2350)]),
      'not gzip': 'just some text\n',
      empty: '',
    };
    const forged = path.join(folder, 'forged.gz');
    rewriteBackup(backupFile, forged, (lines) => lines.map((line) => (line.table === 'staff' ? { ...line, row: { ...(line.row as object), name: 'Mallory' } } : line)), false);
    const withoutEnd = path.join(folder, 'without-end.gz');
    rewriteBackup(backupFile, withoutEnd, (lines) => lines.slice(0, 3));
    const missingRows = path.join(folder, 'missing-rows.gz');
    rewriteBackup(backupFile, missingRows, (lines) => lines.filter((line) => line.table !== 'sessions'));
    const files = [
      ...Object.entries(damaged).map(([name, content]) => {
        const file = path.join(folder, `${name}.gz`);
        fs.writeFileSync(file, content);
        return file;
      }),
      forged,
      withoutEnd,
      missingRows,
      path.join(folder, 'no-such-file.gz'),
    ];
    const target = await freshDatabase(backend);
    const attachments = path.join(folder, 'never-written', 'attachments');
    try {
      for (const file of files) {
        await expectRefused(restoreBackup(file, targetOf(target, attachments)), 'BACKUP_INVALID');
      }
      expect(Object.values(await canonicalDump(target.db)).every((table) => table.rows === 0)).toBe(true);
      expect(fs.existsSync(path.join(folder, 'never-written'))).toBe(false);
    } finally {
      await target.dispose();
    }
  });

  it('refuses a backup made by a newer Redress, naming the unknown migration', async () => {
    const newer = path.join(folder, 'newer.gz');
    rewriteBackup(backupFile, newer, ([header, ...rest]) => [{ ...header, migrations: [...(header?.migrations as string[]), '9999_from_the_future'] }, ...rest]);
    const target = await freshDatabase(backend);
    try {
      await expect(restoreBackup(newer, targetOf(target, path.join(folder, 'unused')))).rejects.toThrow(/newer version of Redress.*9999_from_the_future/);
    } finally {
      await target.dispose();
    }
  });

  it('restores a backup made before later migrations into a new database, then applies them', async () => {
    const [first, ...later] = readMigrations(migrationsFolder);
    if (!first) throw new Error('no migrations');
    // An older deployment: only the first migration, a network and a few audit entries.
    const old = await unmigratedDatabase(backend);
    const older = path.join(folder, 'older.gz');
    try {
      await old.db.transaction(async (tx) => {
        for (const statement of first.statements) await tx.execute(sql.raw(statement));
        await tx.execute(sql`insert into redress_migrations (tag, hash) values (${first.tag}, ${first.hash})`);
        await tx.execute(sql`insert into network (name, default_language) values ('Harbour Collective', 'es')`);
        for (const action of ['network.created', 'staff.enrolled']) await recordAudit(tx, { actorId: null, action });
      });
      await writeBackup(old, { file: older, attachmentsDir: path.join(folder, 'none') });
    } finally {
      await old.dispose();
    }
    const target = await unmigratedDatabase(backend);
    try {
      const summary = await restoreBackup(older, { open: async () => ({ ...target, close: async () => undefined }), attachmentsDir: path.join(folder, 'unused') });
      expect(summary.audit).toMatchObject({ ok: true, count: 2 });
      const tags = await queryRows<{ tag: string }>(target.db, sql`select tag from redress_migrations order by tag`);
      expect(tags.map((row) => row.tag)).toEqual([first.tag, ...later.map((migration) => migration.tag)]);
      expect(await queryRows(target.db, sql`select name, default_language from network`)).toEqual([{ name: 'Harbour Collective', default_language: 'es' }]);
      // The append-only trigger came with a later migration and guards the restored entries.
      await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    } finally {
      await target.dispose();
    }
  });

  it('never overwrites an existing file', async () => {
    await expectRefused(writeBackup(source, { file: backupFile, attachmentsDir: sourceAttachments() }), 'BACKUP_FILE_EXISTS');
  });
});
