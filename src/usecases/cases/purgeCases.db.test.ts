import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { describePurge } from '../../cli/caseJobs.ts';
import { attachmentsFolder, writeSealedFiles } from '../../storage/attachmentFiles.ts';
import { queryRows } from '../../storage/database.ts';
import { caseAttachments, caseMessages, cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { actOnCase } from './actOnCase.ts';
import { purgeCases } from './purgeCases.ts';
import { sweepDeadlines } from './sweepDeadlines.ts';

/** Every table that holds something of a case, with its rows for `caseId`. */
async function rowsOfCase(database: TestDatabase, caseId: string): Promise<Record<string, number>> {
  const tables = ['cases', 'case_keys', 'case_messages', 'case_events', 'case_attachments', 'case_documents', 'case_team', 'case_conflicts', 'deadline_reminders'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const column = table === 'cases' ? 'id' : 'case_id';
    const [row] = await queryRows<{ count: number }>(database.db, sql.raw(`select count(*)::int as count from ${table} where ${column} = '${caseId}'`));
    counts[table] = row?.count ?? 0;
  }
  return counts;
}

describeStorage('retention and the purge job', (use) => {
  let database: TestDatabase;
  let dataDir: string;
  let orgId: string;
  let amara: CaseStaff;
  let hugo: CaseStaff;
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10));
  const onDay = (text: string): Context => ({ ...database.context, clock: () => new Date(`${text}T09:00:00Z`) });
  const closed: Record<'internal' | 'formal' | 'held' | 'open', { id: string; ref: number; file: string }> = {} as never;

  async function act(who: CaseStaff, context: Context, caseId: string, action: Record<string, unknown>): Promise<void> {
    const outcome = await actOnCase(context, who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  /** A report with a message and a sealed evidence file, taken by Amara on day 1 and, unless `open`, withdrawn on day 2. */
  async function caseWithFile(path: 'formal' | 'not_sure', options: { open?: boolean } = {}): Promise<{ id: string; ref: number; file: string }> {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, hugo], at: day(1), path });
    const messageId = crypto.randomUUID();
    await database.db.insert(caseMessages).values({ id: messageId, caseId: reported.id, thread: 'reporter', kind: 'message', authorKind: 'reporter', sealedBody: crypto.randomBytes(64), createdAt: day(1) });
    const file = crypto.randomUUID();
    await writeSealedFiles(attachmentsFolder(dataDir), [{ storageName: file, sealed: crypto.randomBytes(256) }]);
    await database.db.insert(caseAttachments).values({ id: file, caseId: reported.id, messageId, storageName: file, sealedMetadata: crypto.randomBytes(48), sizeBytes: 256, createdAt: day(1) });
    await act(amara, { ...database.context, clock: () => day(1) }, reported.id, { type: 'declareNoConflict' });
    await act(amara, { ...database.context, clock: () => day(1) }, reported.id, { type: 'assign', staffId: amara.id, as: 'handler' });
    if (!options.open) await act(amara, { ...database.context, clock: () => day(2) }, reported.id, { type: 'withdrawReport', statementRef: 'The reporter asked in writing to withdraw the report' });
    const [row] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, reported.id));
    return { id: reported.id, ref: row?.ref ?? 0, file };
  }

  const fileExists = (name: string) => fs.existsSync(path.join(attachmentsFolder(dataDir), name));
  const purgeReports = () => queryRows<{ purged: unknown; files_removed: number; kept_for_legal_hold: number; id: string }>(database.db, sql`select id, purged, files_removed, kept_for_legal_hold from purge_reports order by ran_at`);
  const purgeAudits = () => queryRows<{ subject_id: string; details: Record<string, unknown>; actor_id: string | null }>(database.db, sql`select subject_id, details, actor_id from audit_log where action = 'case.purged' order by seq`);

  beforeAll(async () => {
    database = use();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-purge-'));
    orgId = await addOrganisation(database.db, { slug: 'lakeshore-guild', name: 'Lakeshore Guild' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    hugo = await caseStaff(database, { name: 'Hugo Lindqvist', grants: [{ role: 'admin', orgId: null }] });
    closed.internal = await caseWithFile('not_sure');
    closed.formal = await caseWithFile('formal');
    closed.held = await caseWithFile('formal');
    closed.open = await caseWithFile('formal', { open: true });
    await act(hugo, { ...database.context, clock: () => day(3) }, closed.held.id, { type: 'declareNoConflict' });
    await act(hugo, { ...database.context, clock: () => day(3) }, closed.held.id, { type: 'placeLegalHold', reason: 'court order 41/2026 asks us to keep the file' });
    // A check-in after closure, left overdue, so the case has a reminder row that must go with it.
    await act(amara, { ...database.context, clock: () => day(2) }, closed.internal.id, { type: 'scheduleCheckIn', with: 'reporter', topic: 'wellbeing', dueOn: '2026-03-05' });
    await sweepDeadlines({ ...database.context, clock: () => day(9) });
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('mirrors each procedure’s retention: 5 years for the internal channel, 7 for a formal investigation', async () => {
    const rows = await database.db.select({ id: cases.id, purgeOn: cases.purgeOn, legalHold: cases.legalHold }).from(cases);
    const of = (id: string) => rows.find((row) => row.id === id);
    expect(of(closed.internal.id)).toEqual({ id: closed.internal.id, purgeOn: '2031-03-02', legalHold: false });
    expect(of(closed.formal.id)).toEqual({ id: closed.formal.id, purgeOn: '2033-03-02', legalHold: false });
    expect(of(closed.held.id)).toEqual({ id: closed.held.id, purgeOn: '2033-03-02', legalHold: true });
    expect(of(closed.open.id)).toMatchObject({ purgeOn: null });
  });

  it('purges nothing before the retention ends', async () => {
    const report = await purgeCases(onDay('2031-03-01'), { dataDir, via: 'cli' });
    expect(report).toMatchObject({ purged: [], reportId: null, keptForLegalHold: 0, failed: 0, busy: false });
    expect(await purgeReports()).toEqual([]);
  });

  it('lists in a dry run what a purge would delete, and changes nothing', async () => {
    const before = await rowsOfCase(database, closed.internal.id);
    const report = await purgeCases(onDay('2031-03-02'), { dataDir, via: 'cli', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, reportId: null, filesRemoved: 1 });
    expect(report.purged).toEqual([{ ref: closed.internal.ref, closedOn: '2026-03-02', purgeOn: '2031-03-02', procedure: 'internal-channel@1' }]);
    expect(await rowsOfCase(database, closed.internal.id)).toEqual(before);
    expect(fileExists(closed.internal.file)).toBe(true);
    expect(await purgeReports()).toEqual([]);
    expect(await purgeAudits()).toEqual([]);
    const printed = describePurge(report);
    expect(printed[0]).toBe('A purge now would delete 1 case(s) (dry run: nothing was changed):');
    expect(printed[1]).toMatch(/^Case\s+Closed on\s+Purge from\s+Procedure$/);
    expect(printed[3]).toMatch(new RegExp(`^${closed.internal.ref}\\s+2026-03-02\\s+2031-03-02\\s+internal-channel@1$`));
  });

  it('deletes a case whose retention has passed entirely — every row, every file — and reports it by number only', async () => {
    const before = await rowsOfCase(database, closed.internal.id);
    expect(before).toMatchObject({ cases: 1, case_messages: 1, case_attachments: 1, case_team: 1, deadline_reminders: 1 });
    expect(before.case_documents).toBeGreaterThan(0);
    const report = await purgeCases(onDay('2031-03-02'), { dataDir, via: 'cli' });
    expect(report.purged).toEqual([{ ref: closed.internal.ref, closedOn: '2026-03-02', purgeOn: '2031-03-02', procedure: 'internal-channel@1' }]);
    expect(report.filesRemoved).toBe(1);
    expect(Object.values(await rowsOfCase(database, closed.internal.id)).every((count) => count === 0)).toBe(true);
    expect(fileExists(closed.internal.file)).toBe(false);
    // The others stay: the formal ones keep 7 years, the open one is not closed.
    for (const kept of [closed.formal, closed.held, closed.open]) {
      expect((await rowsOfCase(database, kept.id)).cases).toBe(1);
      expect(fileExists(kept.file)).toBe(true);
    }
    const reports = await purgeReports();
    expect(reports).toEqual([
      { id: report.reportId, purged: [{ ref: closed.internal.ref, closedOn: '2026-03-02', purgeOn: '2031-03-02', procedure: 'internal-channel@1' }], files_removed: 1, kept_for_legal_hold: 0 },
    ]);
    expect(await purgeAudits()).toEqual([{ subject_id: closed.internal.id, actor_id: null, details: { report: report.reportId, via: 'cli' } }]);
    // A second run finds nothing left to do, and writes no empty report.
    expect((await purgeCases(onDay('2031-03-03'), { dataDir, via: 'job' })).purged).toEqual([]);
    expect(await purgeReports()).toHaveLength(1);
  });

  it('keeps a case under legal hold past its retention, and purges it once the hold is lifted', async () => {
    const report = await purgeCases(onDay('2033-03-02'), { dataDir, via: 'job' });
    expect(report.purged.map((entry) => entry.ref)).toEqual([closed.formal.ref]);
    expect(report.purged[0]).toEqual({ ref: closed.formal.ref, closedOn: '2026-03-02', purgeOn: '2033-03-02', procedure: 'formal-investigation@1' });
    expect(report.keptForLegalHold).toBe(1);
    expect((await rowsOfCase(database, closed.held.id)).cases).toBe(1);
    expect(fileExists(closed.held.file)).toBe(true);
    expect(fileExists(closed.formal.file)).toBe(false);
    expect((await purgeReports()).at(-1)).toMatchObject({ kept_for_legal_hold: 1, files_removed: 1 });

    await act(hugo, onDay('2034-01-10'), closed.held.id, { type: 'liftLegalHold', reason: 'the court released the file' });
    const after = await purgeCases(onDay('2034-01-11'), { dataDir, via: 'job' });
    expect(after.purged.map((entry) => entry.ref)).toEqual([closed.held.ref]);
    expect(after.keptForLegalHold).toBe(0);
    expect((await rowsOfCase(database, closed.held.id)).cases).toBe(0);
    expect(fileExists(closed.held.file)).toBe(false);
  });

  it('never purges an open case, whatever its columns say: the engine has the last word', async () => {
    await database.db.update(cases).set({ closedAt: day(2), purgeOn: '2027-01-01' }).where(eq(cases.id, closed.open.id));
    const report = await purgeCases(onDay('2040-01-01'), { dataDir, via: 'job' });
    expect(report.purged).toEqual([]);
    expect((await rowsOfCase(database, closed.open.id)).cases).toBe(1);
    expect(fileExists(closed.open.file)).toBe(true);
  });

  it('removes sealed files no case refers to once they are a day old, and nothing else', async () => {
    const folder = attachmentsFolder(dataDir);
    const orphan = crypto.randomUUID();
    const partial = `${crypto.randomUUID()}.partial`;
    const stranger = 'notes-kept-by-the-operator.txt';
    fs.writeFileSync(path.join(folder, orphan), crypto.randomBytes(128));
    fs.writeFileSync(path.join(folder, partial), crypto.randomBytes(64));
    fs.writeFileSync(path.join(folder, stranger), 'not ours');
    const lately = () => ({ ...database.context, clock: () => new Date(Date.now() + 60 * 60 * 1000) });
    const twoDaysOn = () => ({ ...database.context, clock: () => new Date(Date.now() + 2 * 24 * 60 * 60 * 1000) });

    // A file younger than a day may be an upload whose row is about to commit.
    expect((await purgeCases(lately(), { dataDir, via: 'job' })).orphansRemoved).toBe(0);
    expect(fileExists(orphan)).toBe(true);

    const dry = await purgeCases(twoDaysOn(), { dataDir, via: 'cli', dryRun: true });
    expect(dry.orphansRemoved).toBe(2);
    expect(fileExists(orphan)).toBe(true);

    const report = await purgeCases(twoDaysOn(), { dataDir, via: 'job' });
    expect(report.orphansRemoved).toBe(2);
    expect([fileExists(orphan), fileExists(partial), fileExists(stranger), fileExists(closed.open.file)]).toEqual([false, false, true, true]);
    const [audit] = await queryRows<{ details: Record<string, unknown> }>(database.db, sql`select details from audit_log where action = 'attachments.orphans-removed'`);
    expect(audit?.details).toEqual({ files: 2, via: 'job' });
  });
});
