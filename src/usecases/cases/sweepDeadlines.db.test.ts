import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { openDatabase, queryRows } from '../../storage/database.ts';
import { cases, deadlineReminders } from '../../storage/schema/index.ts';
import { makeContext, type Context } from '../context.ts';
import { actOnCase } from './actOnCase.ts';
import { CASE_REMINDER_MAIL, sweepDeadlines } from './sweepDeadlines.ts';

describeStorage('the deadline sweeper', (use, backend) => {
  let database: TestDatabase;
  let orgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  /** 10:00 UTC on a day of March 2026. */
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10));
  const at = (n: number): Context => ({ ...database.context, clock: () => day(n) });

  beforeAll(async () => {
    database = use();
    orgId = await addOrganisation(database.db, { slug: 'harbour-collective', name: 'Harbour Collective' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId }] });
  });

  async function act(who: CaseStaff, n: number, caseId: string, action: Record<string, unknown>): Promise<void> {
    const outcome = await actOnCase(at(n), who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  /** A report handled from day 1: the handler declared no conflict and took it. */
  async function handledReport(path: 'formal' | 'not_sure' = 'formal'): Promise<string> {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, bongani], at: day(1), path });
    await act(amara, 1, reported.id, { type: 'declareNoConflict' });
    await act(amara, 1, reported.id, { type: 'assign', staffId: amara.id, as: 'handler' });
    return reported.id;
  }

  const remindersOf = (caseIds: string[]) =>
    database.db
      .select({ caseId: deadlineReminders.caseId, deadline: deadlineReminders.deadline, kind: deadlineReminders.kind, dueOn: deadlineReminders.dueOn })
      .from(deadlineReminders)
      .where(inArray(deadlineReminders.caseId, caseIds))
      .orderBy(deadlineReminders.caseId, deadlineReminders.kind);

  const queuedFor = async (caseIds: string[]) =>
    (await queryRows<{ payload: Record<string, unknown> }>(database.db, sql`select payload from outbox where kind = ${CASE_REMINDER_MAIL} order by id`))
      .map((row) => row.payload)
      .filter((payload) => caseIds.includes(String(payload.caseId)));

  it('starts a report nobody has handled yet and mirrors its 7-day acknowledgement, leaving the state alone', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const result = await sweepDeadlines(at(2));
    expect(result.busy).toBe(false);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(row).toMatchObject({ state: null, nextDueOn: '2026-03-08', deadlineStatus: 'upcoming', status: 'submitted' });
    expect(await remindersOf([reported.id])).toEqual([]);

    // Two days before the last day it is due, and the key holder is reminded — once.
    await sweepDeadlines(at(6));
    await sweepDeadlines(at(6));
    const [due] = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(due).toMatchObject({ state: null, deadlineStatus: 'due' });
    expect(await remindersOf([reported.id])).toEqual([{ caseId: reported.id, deadline: 'formal-investigation@1:acknowledgement', kind: 'due', dueOn: '2026-03-08' }]);
    expect(await queuedFor([reported.id])).toEqual([{ caseId: reported.id, deadline: 'formal-investigation@1:acknowledgement', kind: 'due', dueOn: '2026-03-08' }]);
  });

  it('reminds once when a step becomes due and once more when it is overdue, with an audit entry for each', async () => {
    const caseId = await handledReport();
    await sweepDeadlines(at(5));
    expect(await remindersOf([caseId])).toEqual([]);
    await sweepDeadlines(at(6));
    await sweepDeadlines(at(8));
    await sweepDeadlines(at(9));
    await sweepDeadlines(at(12));
    expect(await remindersOf([caseId])).toEqual([
      { caseId, deadline: 'formal-investigation@1:acknowledgement', kind: 'due', dueOn: '2026-03-08' },
      { caseId, deadline: 'formal-investigation@1:acknowledgement', kind: 'overdue', dueOn: '2026-03-08' },
    ]);
    expect((await queuedFor([caseId])).map((payload) => payload.kind)).toEqual(['due', 'overdue']);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ nextDueOn: '2026-03-08', deadlineStatus: 'overdue' });
    const audits = await queryRows<{ details: Record<string, unknown>; actor_id: string | null }>(
      database.db,
      sql`select details, actor_id from audit_log where action = 'case.reminder-queued' and subject_id = ${caseId} order by seq`,
    );
    expect(audits).toEqual([
      { actor_id: null, details: { deadline: 'formal-investigation@1:acknowledgement', kind: 'due', dueOn: '2026-03-08' } },
      { actor_id: null, details: { deadline: 'formal-investigation@1:acknowledgement', kind: 'overdue', dueOn: '2026-03-08' } },
    ]);
  });

  it('sends nothing for a step taken in time, and follows the next deadline instead', async () => {
    const caseId = await handledReport('not_sure');
    await act(amara, 3, caseId, { type: 'acknowledge' });
    await sweepDeadlines(at(9));
    expect(await remindersOf([caseId])).toEqual([]);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    // Feedback within 3 months of the acknowledgement (3 March).
    expect(row).toMatchObject({ nextDueOn: '2026-06-03', deadlineStatus: 'upcoming' });
  });

  it('gives an extended deadline a reminder for its new last day', async () => {
    const caseId = await handledReport();
    await act(amara, 2, caseId, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await act(amara, 2, caseId, { type: 'acknowledge' });
    await act(bongani, 2, caseId, { type: 'declareNoConflict' });
    await act(bongani, 2, caseId, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    // The notice is due 14 days after triage (16 March), reminded 3 days before.
    await sweepDeadlines(at(13));
    await act(amara, 14, caseId, { type: 'extendDeadline', deadline: 'notice', days: 7, reason: 'the respondent is on leave until the 20th' });
    await sweepDeadlines(at(14));
    await sweepDeadlines(at(20));
    expect((await remindersOf([caseId])).filter((reminder) => reminder.deadline.endsWith(':notice'))).toEqual([
      { caseId, deadline: 'formal-investigation@1:notice', kind: 'due', dueOn: '2026-03-16' },
      { caseId, deadline: 'formal-investigation@1:notice', kind: 'due', dueOn: '2026-03-23' },
    ]);
  });

  it('keeps sweeping a closed case while a check-in is pending', async () => {
    const caseId = await handledReport();
    await act(amara, 2, caseId, { type: 'withdrawReport', statementRef: 'The reporter asked in writing to withdraw' });
    await act(amara, 2, caseId, { type: 'scheduleCheckIn', with: 'reporter', topic: 'retaliation', dueOn: '2026-03-20' });
    const [closed] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(closed).toMatchObject({ status: 'withdrawn', nextDueOn: '2026-03-20' });
    await sweepDeadlines(at(19));
    expect(await remindersOf([caseId])).toEqual([]);
    await sweepDeadlines(at(20));
    await sweepDeadlines(at(21));
    expect(await remindersOf([caseId])).toEqual([
      { caseId, deadline: 'checkIn:check-in-1', kind: 'due', dueOn: '2026-03-20' },
      { caseId, deadline: 'checkIn:check-in-1', kind: 'overdue', dueOn: '2026-03-20' },
    ]);
  });

  it('queues each reminder exactly once when two processes sweep at the same time', async () => {
    const otherOrg = await addOrganisation(database.db, { slug: 'delta-cooperative', name: 'Delta Cooperative' });
    const handler = await caseStaff(database, { name: 'Chidi Okeke', grants: [{ role: 'handler', orgId: otherOrg }] });
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) ids.push((await reportedCase(database.db, { orgId: otherOrg, holders: [handler], at: day(1) })).id);
    // A second connection pool to the same PostgreSQL stands for a second Redress process.
    const second = backend === 'postgres' && database.url ? await openDatabase({ dataDir: '', databaseUrl: database.url }) : undefined;
    try {
      const other = second ? makeContext(second.db) : database.context;
      for (const n of [6, 9]) {
        const results = await Promise.all([
          sweepDeadlines({ ...database.context, clock: () => day(n) }, { batchSize: 3 }),
          sweepDeadlines({ ...other, clock: () => day(n) }, { batchSize: 3 }),
          sweepDeadlines({ ...other, clock: () => day(n) }, { batchSize: 5 }),
        ]);
        expect(results.some((result) => !result.busy)).toBe(true);
      }
    } finally {
      await second?.close();
    }
    const reminders = await remindersOf(ids);
    expect(reminders).toHaveLength(24);
    for (const id of ids) {
      expect(reminders.filter((reminder) => reminder.caseId === id).map((reminder) => reminder.kind)).toEqual(['due', 'overdue']);
    }
    const queued = await queuedFor(ids);
    expect(queued).toHaveLength(24);
    expect(new Set(queued.map((payload) => `${String(payload.caseId)}/${String(payload.kind)}`)).size).toBe(24);
    const [audited] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from audit_log where action = 'case.reminder-queued' and subject_id in ${ids}`,
    );
    expect(audited?.count).toBe(24);
  });

  it('leaves drafts and cases without deadlines out', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await database.db.update(cases).set({ status: 'draft' }).where(eq(cases.id, reported.id));
    await sweepDeadlines(at(20));
    const [row] = await database.db.select().from(cases).where(and(eq(cases.id, reported.id)));
    expect(row).toMatchObject({ nextDueOn: null, deadlineStatus: null });
    expect(await remindersOf([reported.id])).toEqual([]);
  });
});
