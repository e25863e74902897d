import { inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../tests/support/databases.ts';
import { addOrganisation } from '../../tests/support/intakeFixtures.ts';
import { inboxPage, labelMatch, overdueCount, type InboxRequest } from './inboxQueries.ts';
import { cases } from './schema/index.ts';

describeStorage('the inbox query', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let handler: CaseStaff;
  const ids: string[] = [];

  beforeAll(async () => {
    database = use();
    orgId = await addOrganisation(database.db, { slug: 'willow-centre', name: 'Willow Centre' });
    handler = await caseStaff(database, { name: 'Farida Haidari', grants: [{ role: 'handler', orgId }] });
    for (let index = 0; index < 6; index += 1) ids.push((await reportedCase(database.db, { orgId, holders: [handler], at: new Date(Date.UTC(2026, 1, 1 + index)) })).id);
    await database.db.update(cases).set({ labels: ['night shift'], nextDueOn: '2026-02-10', deadlineStatus: 'overdue' }).where(inArray(cases.id, ids.slice(0, 4)));
  });

  const request = (criteria: InboxRequest['criteria']): InboxRequest => ({
    staffId: handler.id,
    scope: { everywhere: false, orgIds: [orgId], network: false },
    criteria,
    today: '2026-03-01',
    limit: 10,
  });

  it('finds a rare label’s cases through its index, a common one by walking, and the same page either way', async () => {
    const few = await labelMatch(database.db, 'night shift', 10);
    const many = await labelMatch(database.db, 'night shift', 3);
    expect(new Set(few?.among)).toEqual(new Set(ids.slice(0, 4)));
    expect(many).toEqual({ label: 'night shift' });
    expect(await labelMatch(database.db, 'day shift', 10)).toBeNull();
    const throughIndex = await inboxPage(database.db, request({ label: few }));
    const byWalking = await inboxPage(database.db, request({ label: many }));
    expect(throughIndex.map((row) => row.id)).toEqual(ids.slice(0, 4).reverse());
    expect(byWalking.map((row) => row.id)).toEqual(throughIndex.map((row) => row.id));
    expect(await inboxPage(database.db, request({ label: null }))).toEqual([]);
  });

  it('counts overdue cases no further than its cap', async () => {
    expect(await overdueCount(database.db, request({}), 10)).toBe(4);
    expect(await overdueCount(database.db, request({}), 3)).toBe(3);
    expect(await overdueCount(database.db, { ...request({}), today: '2026-02-10' }, 10)).toBe(0);
  });
});
