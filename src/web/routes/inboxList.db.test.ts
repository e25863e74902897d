import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportedCase } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, signInStaff, type CookieBrowser, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import { queryRows } from '../../storage/database.ts';
import { cases } from '../../storage/schema/index.ts';
import { INBOX_PAGE } from '../../usecases/cases/listInbox.ts';
import type { App } from '../app.ts';

const caseLinks = (html: string) => [...html.matchAll(/href="\/cases\/([0-9a-f-]{36})"/g)].map((match) => match[1] ?? '');
const linkNamed = (html: string, text: string) => new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`).exec(html)?.[1]?.replace(/&amp;/g, '&');

describeStorage('the inbox page', (use) => {
  let app: App;
  let database: TestDatabase;
  let riverside: string;
  let handler: StaffFixture;
  let outsider: StaffFixture;
  let browser: CookieBrowser;
  const now = new Date();
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    riverside = await addOrganisation(database.db, { slug: 'riverside-trust', name: 'Riverside Trust' });
    const hillcrest = await addOrganisation(database.db, { slug: 'hillcrest-centre', name: 'Hillcrest Centre' });
    handler = await addStaff(database, { name: 'Noor Haddad', email: 'noor.haddad@example.org', grants: [{ role: 'handler', orgId: riverside }] });
    outsider = await addStaff(database, { name: 'Pilar Ibarra', email: 'pilar.ibarra@example.org', grants: [{ role: 'handler', orgId: hillcrest }] });
    browser = await signInStaff(app, handler, now);
  });
  afterAll(async () => {
    await app.close();
  });

  async function fileCase(minutesAgo: number, columns: Partial<typeof cases.$inferInsert> = {}) {
    const reported = await reportedCase(database.db, { orgId: riverside, holders: [handler], at: new Date(now.getTime() - minutesAgo * 60_000) });
    if (Object.keys(columns).length > 0) await database.db.update(cases).set(columns).where(eq(cases.id, reported.id));
    return reported.id;
  }

  const auditCount = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log`))[0]?.count ?? 0;

  it('shows the cases in an accessible table inside a scrolling region, with a labelled filter form and the overdue count', async () => {
    await database.db.execute(sql`delete from cases`);
    const overdue = await fileCase(5, { nextDueOn: day(-2), deadlineStatus: 'overdue', priority: 'urgent', category: 'retaliation', labels: ['night shift'] });
    const newer = await fileCase(1);
    const page = await browser.get('/inbox');
    expect(page.statusCode).toBe(200);
    expect(caseLinks(page.body)).toEqual([overdue, newer]);
    expect(page.body).toMatch(/<div class="table-scroll inbox-table" role="region" aria-label="Cases \(the table scrolls sideways on a narrow screen\)" tabindex="0">/);
    expect(page.body).toContain('<caption>Your cases, the next due date first, then the newest</caption>');
    expect(page.body).toContain('<th scope="col">Next due date</th>');
    expect(page.body).toMatch(/<th scope="row"><a href="\/cases\/[0-9a-f-]{36}">Case \d+<\/a><\/th>/);
    expect(page.body).toContain('<form method="get" action="/inbox"');
    for (const field of ['q', 'status', 'step', 'organisation', 'category', 'priority', 'label', 'overdue', 'mine']) expect(page.body).toContain(`for="field-${field}"`);
    expect(page.body).toContain('Cases overdue: 1.');
    expect(page.body).toContain('Riverside Trust');
    expect(page.body).toContain('Urgent');
    expect(page.body).toContain('Retaliation');
    expect(page.body).toContain('night shift');
    expect(page.body).not.toContain('style=');
    expect(page.body).not.toContain('<script');
  });

  it('applies the filters of the GET form and keeps them in the page links', async () => {
    await database.db.execute(sql`delete from cases`);
    const bullying: string[] = [];
    for (let index = 0; index < INBOX_PAGE + 2; index += 1) bullying.push(await fileCase(index, { category: 'bullying', priority: 'high' }));
    const other = await fileCase(0, { category: 'other' });
    const first = await browser.get('/inbox?category=bullying&priority=high&status=&q=');
    expect(first.statusCode).toBe(200);
    expect(caseLinks(first.body)).toEqual(bullying.slice(0, INBOX_PAGE));
    expect(first.body).toMatch(/<option value="bullying" selected/);
    const next = linkNamed(first.body, 'Next page');
    expect(next).toMatch(/^\/inbox\?category=bullying&priority=high&after=/);
    const second = await browser.get(next ?? '');
    expect(caseLinks(second.body)).toEqual(bullying.slice(INBOX_PAGE));
    expect(caseLinks(second.body)).not.toContain(other);
    const previous = linkNamed(second.body, 'Previous page');
    expect(previous).toMatch(/^\/inbox\?category=bullying&priority=high&before=/);
    expect(caseLinks((await browser.get(previous ?? '')).body)).toEqual(bullying.slice(0, INBOX_PAGE));
    expect(linkNamed(second.body, 'First page')).toBe('/inbox?category=bullying&priority=high');
    expect(caseLinks((await browser.get('/inbox?category=other')).body)).toEqual([other]);
  });

  it('answers filters it cannot read with 400, the form and what is wrong, and lists and records nothing', async () => {
    await database.db.execute(sql`delete from cases`);
    await fileCase(1, { category: 'bullying' });
    for (const query of ['status=draft', 'priority=critical&category=bullying', 'organisation=riverside', 'after=not-a-page', 'overdue=yes', 'status=closed&status=submitted', `label=${'x'.repeat(41)}`]) {
      const before = await auditCount();
      const page = await browser.get(`/inbox?${query}`);
      expect(page.statusCode, query).toBe(400);
      expect(page.body).toContain('Some filters could not be read, so no cases are listed.');
      expect(page.body).toContain('class="error-summary"');
      expect(caseLinks(page.body)).toEqual([]);
      expect(await auditCount()).toBe(before);
    }
    const page = await browser.get('/inbox?priority=critical&category=bullying');
    expect(page.body).toContain('Priority: Choose a priority from the list.');
    expect(page.body).toMatch(/<option value="bullying" selected/);
    const spanish = await browser.get('/inbox?status=lost&lang=es');
    expect(spanish.statusCode).toBe(400);
    expect(spanish.body).toContain('Elija un estado de la lista.');
  });

  it('speaks Spanish, and shows another organisation’s handler none of these cases', async () => {
    await database.db.execute(sql`delete from cases`);
    const id = await fileCase(1, { nextDueOn: day(3), deadlineStatus: 'due' });
    const spanish = await browser.get('/inbox?lang=es');
    expect(spanish.body).toContain('Bandeja de entrada');
    expect(spanish.body).toContain('Vence pronto');
    expect(spanish.body).toContain('Ninguno de sus casos está vencido.');
    const other = await signInStaff(app, outsider, now);
    const theirs = await other.get('/inbox');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(id);
    expect(theirs.body).toContain('No cases to show yet.');
  });
});
