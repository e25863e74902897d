import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, signInStaff } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('support resources of a report channel', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    await addOrganisation(database.db, { slug: 'moss-lane', name: 'Moss Lane Centre', languages: ['es'] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('are written by an administrator per language and shown on the channel’s reporter pages', async () => {
    const list = await admin.browser.get('/admin/report-channels');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('/admin/report-channels/o/moss-lane');
    const form = await admin.browser.get('/admin/report-channels/o/moss-lane');
    expect(form.statusCode).toBe(200);
    const saved = await admin.browser.post('/admin/report-channels/o/moss-lane', {
      _csrf: csrfFrom(form.body),
      es: 'Línea de ayuda, 24 horas: 0800 111 222\nCentro de la mujer: calle del Olmo 4',
      en: '',
    });
    expect(saved.statusCode).toBe(303);
    const spanish = await cookieBrowser(app).get('/o/moss-lane/report?lang=es');
    expect(spanish.body).toContain('Línea de ayuda, 24 horas: 0800 111 222');
    expect(spanish.body).toContain('Centro de la mujer: calle del Olmo 4');
    // In English the organisation's own language is the best there is.
    expect((await cookieBrowser(app).get('/o/moss-lane/report?lang=en')).body).toContain('0800 111 222');
    expect((await cookieBrowser(app).get('/report?lang=es')).body).not.toContain('0800 111 222');
  });

  it('refuse text that is too long and answer 404 to staff who do not administer the channel', async () => {
    const form = await admin.browser.get('/admin/report-channels/network');
    const tooLong = await admin.browser.post('/admin/report-channels/network', { _csrf: csrfFrom(form.body), en: 'x'.repeat(4_001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('the limit is 4,000');
    const orgId = await addOrganisation(database.db, { slug: 'pine-row', name: 'Pine Row' });
    const handler = await addStaff(database, { name: 'Oren Talbot', email: 'oren.talbot@example.org', grants: [{ role: 'handler', orgId }] });
    const browser = await signInStaff(app, handler, new Date());
    const home = await browser.get('/staff');
    expect(home.body).toContain('href="/inbox"');
    expect(home.body).not.toContain('href="/admin/report-channels"');
    expect((await browser.get('/admin/report-channels/o/moss-lane')).statusCode).toBe(404);
    expect((await browser.post('/admin/report-channels/o/moss-lane', { _csrf: csrfFrom(home.body), es: 'no' })).statusCode).toBe(404);
  });
});
