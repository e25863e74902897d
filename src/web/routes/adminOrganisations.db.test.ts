import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../storage/database.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { csrfFrom, setUpNetwork, testApp, type Browser } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('organisation administration', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: Browser;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = (await setUpNetwork(app, database)).browser;
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(path: string, form: Record<string, string | string[]>) {
    const page = await admin.get('/admin/organisations');
    const body = new URLSearchParams({ _csrf: csrfFrom(page.body) });
    for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
    return app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie ?? '' },
      payload: body.toString(),
    });
  }

  async function counts(): Promise<unknown[]> {
    return queryRows(database.db, sql`select (select count(*) from organisations) as organisations, (select count(*) from audit_log) as audit`);
  }

  it('adds an organisation with several languages and shows country and languages by name', async () => {
    const created = await post('/admin/organisations', { name: 'Lakeside Survivors Network', slug: 'Lakeside-Network', languages: ['sw', 'en'], country: 'KE' });
    expect(created.statusCode).toBe(303);
    const [row] = await queryRows<{ slug: string; languages: string[]; country: string }>(database.db, sql`select slug, languages, country from organisations`);
    expect(row).toEqual({ slug: 'lakeside-network', languages: ['sw', 'en'], country: 'KE' });
    const list = await admin.get('/admin/organisations?added=1');
    expect(list.body).toContain('Lakeside Survivors Network');
    expect(list.body).toContain("Swahili, English");
    expect(list.body).toContain('<td>Kenya</td>');
    const spanish = await admin.get('/admin/organisations?lang=es');
    expect(spanish.body).toContain('<td>Kenia</td>');
    expect(spanish.body).toContain('suajili, inglés');
    const [entry] = await queryRows<{ action: string; details: Record<string, unknown> }>(
      database.db,
      sql`select action, details from audit_log where action = 'organisation.created'`,
    );
    expect(entry?.details).toMatchObject({ slug: 'lakeside-network', country: 'KE' });
  });

  it('refuses a short name already in use, and writes nothing', async () => {
    const before = await counts();
    const response = await post('/admin/organisations', { name: 'Another Lakeside', slug: 'lakeside-network', languages: 'en', country: 'UG' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Another organisation already uses this short name.');
    expect(response.body).toContain('value="Another Lakeside"');
    expect(await counts()).toEqual(before);
  });

  it('re-renders every bad organisation form with a 400 and writes nothing', async () => {
    const good = { name: 'Valley Centre', slug: 'valley', languages: 'es', country: 'PE' };
    const before = await counts();
    const bad: Record<string, string | string[]>[] = [
      { ...good, name: '' },
      { ...good, name: 'n'.repeat(201) },
      { ...good, slug: 'v' },
      { ...good, slug: '-valley' },
      { ...good, slug: 'valley-' },
      { ...good, slug: 'val--ley' },
      { ...good, slug: 'valley centre' },
      { ...good, slug: 'vállée' },
      { ...good, slug: 'v'.repeat(41) },
      { ...good, languages: [] },
      { ...good, languages: ['es', 'klingon'] },
      { ...good, languages: 'ES' },
      { ...good, country: '' },
      { ...good, country: 'XX' },
      { ...good, country: 'pe' },
    ];
    for (const form of bad) {
      const response = await post('/admin/organisations', form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(response.body).toContain('class="error-summary"');
    }
    expect(await counts()).toEqual(before);
  });

  it('edits name, languages and country, keeps the short name, and records what changed', async () => {
    const [row] = await queryRows<{ id: string }>(database.db, sql`select id from organisations where slug = 'lakeside-network'`);
    const path = `/admin/organisations/${row?.id}`;
    const before = await counts();
    for (const form of [{ name: '', languages: 'en', country: 'KE' }, { name: 'Lakeside', languages: [], country: 'KE' }, { name: 'Lakeside', languages: 'en', country: 'ZZ' }]) {
      expect((await post(path, form)).statusCode, JSON.stringify(form)).toBe(400);
    }
    expect(await counts()).toEqual(before);
    const saved = await post(path, { name: 'Lakeside Survivors Alliance', languages: ['en', 'sw', 'lg'], country: 'UG', slug: 'ignored' });
    expect(saved.statusCode).toBe(303);
    const page = await admin.get(`${path}?saved=1`);
    expect(page.body).toContain('Lakeside Survivors Alliance');
    expect(page.body).toContain('<code>lakeside-network</code>');
    expect(page.body).toContain('<option value="lg" selected>');
    const [entry] = await queryRows<{ details: Record<string, unknown> }>(database.db, sql`select details from audit_log where action = 'organisation.edited'`);
    expect(entry?.details).toEqual({
      name: { from: 'Lakeside Survivors Network', to: 'Lakeside Survivors Alliance' },
      languages: { from: ['sw', 'en'], to: ['en', 'sw', 'lg'] },
      country: { from: 'KE', to: 'UG' },
    });
    // Saving without a change writes no audit entry.
    const unchanged = await counts();
    expect((await post(path, { name: 'Lakeside Survivors Alliance', languages: ['en', 'sw', 'lg'], country: 'UG' })).statusCode).toBe(303);
    expect(await counts()).toEqual(unchanged);
  });

  it('answers an unknown or malformed organisation id, and anyone but a network admin, with 404', async () => {
    expect((await admin.get('/admin/organisations/4c0e7c2b-8a55-4a39-9a39-0b9f8c8b2d11')).statusCode).toBe(404);
    expect((await admin.get('/admin/organisations/lakeside-network')).statusCode).toBe(404);
    expect((await post('/admin/organisations/4c0e7c2b-8a55-4a39-9a39-0b9f8c8b2d11', { name: 'X', languages: 'en', country: 'KE' })).statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: '/admin/organisations' });
    expect(anonymous.statusCode).toBe(303);
  });
});
