/**
 * `redress verify-audit` against tampering by someone who owns the database: with the
 * append-only trigger switched off they alter, delete or reorder entries, and the command must
 * exit 1 naming the entry where the chain breaks. Runs on PGlite folders and on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/storage/auditLog.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { copyFolder, folderTemplate, onPglite, onPostgres, onPostgresServer, postgresDatabases, runRedress } from './support/redressProcess.ts';

const ENTRIES = 6;

const tampering: { name: string; statements: string[]; expected: RegExp }[] = [
  {
    name: "alters an entry's details",
    statements: [`update audit_log set details = '{"n": 99}' where seq = 3`],
    expected: /BROKEN at entry 3: altered/,
  },
  { name: 'deletes an entry in the middle', statements: ['delete from audit_log where seq = 3'], expected: /BROKEN at entry 4: sequence-gap/ },
  {
    name: 'swaps two entries',
    statements: [
      'update audit_log set seq = -3 where seq = 3',
      'update audit_log set seq = 3 where seq = 4',
      'update audit_log set seq = 4 where seq = -3',
    ],
    expected: /BROKEN at entry 3: missing-or-reordered/,
  },
  { name: 'deletes the last entry', statements: [`delete from audit_log where seq = ${ENTRIES}`], expected: new RegExp(`BROKEN at entry ${ENTRIES}: head-mismatch`) },
];

const asOwner = (statements: string[]) => [
  'alter table audit_log disable trigger audit_log_append_only',
  ...statements,
  'alter table audit_log enable trigger audit_log_append_only',
];

async function writeEntries(options: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const database = await openDatabase(options);
  try {
    for (let n = 1; n <= ENTRIES; n += 1) {
      await database.db.transaction((tx) => recordAudit(tx, { actorId: null, action: 'case.viewed', subjectType: 'case', subjectId: `c${n}`, details: { n } }));
    }
  } finally {
    await database.close();
  }
}

describe.runIf(onPglite)('redress verify-audit on a PGlite folder', () => {
  let root: string;
  let populated: string;
  let counter = 0;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-verify-'));
    populated = copyFolder(await folderTemplate(root), path.join(root, 'populated'));
    await writeEntries({ dataDir: populated });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits 0 on an intact log', async () => {
    const outcome = await runRedress(['verify-audit'], { REDRESS_DATA_DIR: populated });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Audit log intact: ${ENTRIES} entries`);
  });

  for (const scenario of tampering) {
    it(`exits 1 when the owner ${scenario.name}`, async () => {
      const folder = copyFolder(populated, path.join(root, `tampered-${(counter += 1)}`));
      const client = await PGlite.create({ dataDir: path.join(folder, 'pgdata') });
      for (const statement of asOwner(scenario.statements)) await client.exec(statement);
      await client.close();
      const outcome = await runRedress(['verify-audit'], { REDRESS_DATA_DIR: folder });
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toMatch(scenario.expected);
    });
  }
});

describe.runIf(onPostgresServer)('redress verify-audit on PostgreSQL', () => {
  const databases = postgresDatabases(process.env.TEST_DATABASE_URL ?? '');
  afterAll(() => databases.dropAll());

  async function populatedDatabase(): Promise<string> {
    const url = await databases.create();
    await writeEntries({ dataDir: '', databaseUrl: url });
    return url;
  }

  it('exits 0 on an intact log', async () => {
    const outcome = await runRedress(['verify-audit'], { DATABASE_URL: await populatedDatabase() });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Audit log intact: ${ENTRIES} entries`);
  });

  for (const scenario of tampering) {
    it(`exits 1 when the owner ${scenario.name}`, async () => {
      const url = await populatedDatabase();
      await onPostgres(url, async (client) => {
        for (const statement of asOwner(scenario.statements)) await client.query(statement);
      });
      const outcome = await runRedress(['verify-audit'], { DATABASE_URL: url });
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toMatch(scenario.expected);
    });
  }
});
