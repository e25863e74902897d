import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, signInStaff, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import { formalInvestigation } from '../../core/procedures/templates/index.ts';
import { cases, procedureDefinitions } from '../../storage/schema/index.ts';
import type { App } from '../app.ts';

describeStorage('administrators adapting procedures', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let orgAdmin: StaffFixture;
  let handler: StaffFixture;
  let orgId: string;
  let browser: Awaited<ReturnType<typeof signInStaff>>;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    orgId = await addOrganisation(database.db, { slug: 'tidewater-union', name: 'Tidewater Union' });
    orgAdmin = await addStaff(database, { name: 'Sefa Amoako', email: 'sefa.amoako@tidewater.example', grants: [{ role: 'admin', orgId }] });
    handler = await addStaff(database, { name: 'Noor Haddad', email: 'noor.haddad@tidewater.example', grants: [{ role: 'handler', orgId }] });
    browser = await signInStaff(app, orgAdmin, new Date());
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the templates and offers a copy under a new id', async () => {
    const list = await browser.get('/admin/procedures');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Formal investigation');
    const editor = await browser.get('/admin/procedures/formal-investigation/1');
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('tidewater-union-formal-investigation');
  });

  it('refuses a copy that weakens due process, with the reason, and stores nothing', async () => {
    const editor = await browser.get('/admin/procedures/formal-investigation/1');
    const weakened = {
      ...formalInvestigation,
      id: 'tidewater-quick',
      steps: formalInvestigation.steps.map((step) => ({ ...step, guards: step.guards.filter((guard) => guard.kind !== 'evidenceReviewMinimum') })),
    };
    const saved = await browser.post('/admin/procedures', { _csrf: csrfFrom(editor.body), scope: orgId, definition: JSON.stringify(weakened) });
    expect(saved.statusCode).toBe(400);
    expect(saved.body).toContain('The definition was not saved');
    expect(await database.db.select().from(procedureDefinitions)).toEqual([]);
    const broken = await browser.post('/admin/procedures', { _csrf: csrfFrom(editor.body), scope: orgId, definition: '{ not json' });
    expect(broken.statusCode).toBe(400);
  });

  it('does not let an organisation admin save for the network or another organisation', async () => {
    const editor = await browser.get('/admin/procedures/formal-investigation/1');
    const copy = { ...formalInvestigation, id: 'network-grab' };
    const saved = await browser.post('/admin/procedures', { _csrf: csrfFrom(editor.body), scope: 'network', definition: JSON.stringify(copy) });
    expect(saved.statusCode).toBe(404);
    expect(await database.db.select().from(procedureDefinitions)).toEqual([]);
  });

  it('saves a valid copy as version 1, then 2, and new reports to the organisation follow the newest', async () => {
    const editor = await browser.get('/admin/procedures/formal-investigation/1');
    const copy = { ...formalInvestigation, id: 'tidewater-formal', version: 7, appeals: { windowDays: 14, decisionWithinDays: 20 } };
    for (const expected of [1, 2]) {
      const saved = await browser.post('/admin/procedures', { _csrf: csrfFrom(editor.body), scope: orgId, definition: JSON.stringify(copy) });
      expect(saved.statusCode).toBe(303);
      expect(decodeURIComponent(saved.headers.location ?? '')).toContain(`tidewater-formal v${expected}`);
    }
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/tidewater-union/report');
    const sent = await reporter.post('/o/tidewater-union/report', {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      q_account: 'An invented account for the adapted procedure.',
      path: 'formal',
      identity: 'anonymous',
      intent: 'submit',
    });
    expect(sent.statusCode).toBe(200);
    const [row] = await database.db.select({ procedureId: cases.procedureId, procedureVersion: cases.procedureVersion }).from(cases).where(eq(cases.orgId, orgId));
    expect(row).toEqual({ procedureId: 'tidewater-formal', procedureVersion: 2 });
    expect(handler.id).toBeTruthy();
    expect(admin.email).toBeTruthy();
  });
});
