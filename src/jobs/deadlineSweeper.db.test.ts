import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../tests/support/databases.ts';
import { addOrganisation } from '../../tests/support/intakeFixtures.ts';
import { purgeCommand, sweepCommand } from '../cli/caseJobs.ts';
import { loadConfig } from '../config.ts';
import { queryRows } from '../storage/database.ts';
import { cases } from '../storage/schema/index.ts';
import { actOnCase } from '../usecases/cases/actOnCase.ts';
import { startDeadlineSweeper } from './deadlineSweeper.ts';

describeStorage('the case jobs beside the server, and on the command line', (use, backend) => {
  let database: TestDatabase;
  let dataDir: string;
  let amara: CaseStaff;
  let orgId: string;
  let now = new Date('2026-03-06T10:00:00Z');
  const logged: string[] = [];
  const log = { info: (_object: unknown, message?: string) => void logged.push(String(message)), error: (_object: unknown, message?: string) => void logged.push(`error: ${String(message)}`) };

  beforeAll(async () => {
    database = use();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-jobs-'));
    orgId = await addOrganisation(database.db, { slug: 'orchard-alliance', name: 'Orchard Alliance' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sweeps on every run and purges once a day', async () => {
    const due = await reportedCase(database.db, { orgId, holders: [amara], at: new Date('2026-03-01T10:00:00Z') });
    const gone = await reportedCase(database.db, { orgId, holders: [amara], at: new Date('2019-01-01T10:00:00Z'), path: 'not_sure' });
    const context = { ...database.context, clock: () => new Date('2019-01-02T10:00:00Z') };
    for (const action of [{ type: 'declareNoConflict' }, { type: 'assign', staffId: amara.id, as: 'handler' }, { type: 'withdrawReport', statementRef: 'The reporter asked in writing to withdraw' }]) {
      const outcome = await actOnCase(context, amara.member, gone.id, action);
      if (!outcome.ok) throw new Error(`${action.type} refused`);
    }
    const sweeper = startDeadlineSweeper({ context: { ...database.context, clock: () => now }, dataDir, log, intervalMs: 3_600_000, firstRunMs: 3_600_000 });
    try {
      const first = await sweeper.runOnce();
      expect(first.sweep.reminders).toBeGreaterThanOrEqual(1);
      expect(first.purge?.purged.map((entry) => entry.procedure)).toEqual(['internal-channel@1']);
      expect(await database.db.select().from(cases).where(eq(cases.id, gone.id))).toEqual([]);
      const [reminder] = await queryRows<{ kind: string }>(database.db, sql`select kind from deadline_reminders where case_id = ${due.id}`);
      expect(reminder?.kind).toBe('due');

      now = new Date('2026-03-06T16:00:00Z');
      expect((await sweeper.runOnce()).purge).toBeNull();
      now = new Date('2026-03-07T00:05:00Z');
      expect((await sweeper.runOnce()).purge).not.toBeNull();
    } finally {
      await sweeper.stop();
    }
    expect(logged).toContain('purge');
    expect(logged.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it.runIf(backend === 'postgres')('runs `redress sweep` and `redress purge --dry-run` against DATABASE_URL', async () => {
    const lines: string[] = [];
    const config = { ...loadConfig({}), databaseUrl: database.url, dataDir };
    const swept = await sweepCommand(config, (line) => lines.push(line));
    expect(swept.busy).toBe(false);
    expect(lines[0]).toMatch(/^Checked \d+ case\(s\): \d+ next deadline\(s\) updated, \d+ reminder\(s\) queued\.$/);
    const report = await purgeCommand(config, { dryRun: true }, (line) => lines.push(line));
    expect(report.dryRun).toBe(true);
    expect(lines).toContain('A purge now would delete nothing.');
    expect(lines).toContain('Past retention but kept under legal hold: 0');
  });
});
