import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff } from '../../../tests/support/toolkit.ts';
import type { Actor } from '../../core/policy.ts';
import { queryRows } from '../../storage/database.ts';
import { claimDue } from '../../storage/outboxStore.ts';
import { listTemplates } from '../../storage/toolkit/templateStore.ts';
import { actionPointWithNotes, actionPointsFor, createActionPoint, isOverdue, overdueFor, recordProgress } from './actionPoints.ts';
import { openRound } from './openRound.ts';
import { toolkitOutboxHandlers } from './toolkitMail.ts';
import type { Mail } from '../../jobs/mail.ts';

describeStorage('action points', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let roundId: string;
  let coordinator: Actor;
  let outsider: Actor;
  let now = new Date('2026-03-02T10:00:00Z');

  beforeAll(async () => {
    database = use();
    database.context.clock = () => now;
    orgId = await addOrganisation(database, 'sunrise-health', 'Sunrise Health');
    const other = await addOrganisation(database, 'delta-rights', 'Delta Rights');
    coordinator = await addStaff(database, 'lucia.moreno@example.org', 'Lucía Moreno', [{ role: 'assessment_coordinator', orgId }]);
    outsider = await addStaff(database, 'kofi.mensah@example.org', 'Kofi Mensah', [{ role: 'assessment_coordinator', orgId: other }]);
    const templateId = (await listTemplates(database.db)).find((template) => template.builtIn)?.id ?? '';
    roundId = await openRound(database.context, coordinator, { title: 'Sunrise 2026', orgId, templateId, form: 'long', closesOn: '2026-03-31' });
  });

  const point = () => ({
    orgId,
    roundId,
    domainKey: 'safeguarding',
    questionKey: 'safeguarding.trained-focal-points',
    title: 'Train two focal points per office',
    ownerName: 'HR lead',
    ownerEmail: 'hr.lead@example.org',
    dueOn: '2026-04-15',
    indicator: 'Offices with two trained focal points',
    target: 'All 6 offices',
  });

  it('records an action point with its owner, indicator and target, and queues reminders for the owner', async () => {
    const id = await createActionPoint(database.context, coordinator, point(), 'https://redress.example');
    const { point: saved, notes } = await actionPointWithNotes(database.context, coordinator, id);
    expect(saved).toMatchObject({ status: 'planned', ownerEmail: 'hr.lead@example.org', dueOn: '2026-04-15', target: 'All 6 offices' });
    expect(notes).toEqual([]);
    const queued = await queryRows<{ run_at: string }>(database.db, sql`select run_at::text from outbox where kind = 'mail.toolkit-action-reminder' order by run_at`);
    expect(queued).toHaveLength(2);
    expect(queued[0]?.run_at.startsWith('2026-04-08')).toBe(true);
    expect(queued[1]?.run_at.startsWith('2026-04-16')).toBe(true);
  });

  it('refuses a question from another domain and an outsider', async () => {
    await expect(createActionPoint(database.context, coordinator, { ...point(), questionKey: 'culture.respect' }, 'https://x')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(createActionPoint(database.context, outsider, point(), 'https://x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await actionPointsFor(database.context, coordinator, orgId)).toHaveLength(1);
  });

  it('shows as overdue once its date passes, until it is done', async () => {
    const [saved] = await actionPointsFor(database.context, coordinator, orgId);
    if (!saved) throw new Error('no action point');
    expect(await overdueFor(database.context, coordinator)).toEqual([]);
    now = new Date('2026-04-16T10:00:00Z');
    expect((await overdueFor(database.context, coordinator)).map((overdue) => overdue.id)).toEqual([saved.id]);
    expect(await overdueFor(database.context, outsider)).toEqual([]);
    expect(isOverdue(saved, '2026-04-16')).toBe(true);

    const sent: Mail[] = [];
    const handlers = toolkitOutboxHandlers({ send: async (mail) => void sent.push(mail), close: () => undefined }, database.context);
    for (const message of await claimDue(database.db, now, 10)) await handlers[message.kind]?.(message);
    expect(sent.map((mail) => mail.to)).toEqual(['hr.lead@example.org', 'hr.lead@example.org']);
    expect(sent[1]?.subject).toContain('overdue');

    await recordProgress(database.context, coordinator, { id: saved.id, status: 'done', note: 'Six offices trained in April.', dueOn: null }, 'https://x');
    expect(await overdueFor(database.context, coordinator)).toEqual([]);
    const { notes } = await actionPointWithNotes(database.context, coordinator, saved.id);
    expect(notes).toMatchObject([{ notedOn: '2026-04-16', status: 'done', note: 'Six offices trained in April.' }]);
  });
});
