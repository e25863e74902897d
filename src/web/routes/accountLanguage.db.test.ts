import { afterAll, beforeAll, expect, it } from 'vitest';
import { languages } from '../../i18n/index.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addStaff, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('a staff member’s language', (use) => {
  let app: App;
  let database: TestDatabase;
  let browser: CookieBrowser;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    const member = await addStaff(database, { name: 'Odile Marchetti', email: 'odile.marchetti@example.org', grants: [{ role: 'handler', orgId: null }] });
    // One sign-in: a TOTP code is accepted once.
    browser = await signInStaff(app, member, new Date());
  });
  afterAll(async () => {
    await app.close();
  });

  it('can be any language Redress speaks, and the pages then speak it', async () => {
    for (const language of languages) {
      const account = await browser.get('/account');
      const changed = await browser.post('/account/language', { _csrf: csrfFrom(account.body), language });
      expect(changed.statusCode, language).toBe(303);
      expect((await browser.get('/account')).body, language).toContain(`<html lang="${language}"`);
    }
  });

  it('refuses a language Redress does not speak and keeps the one chosen', async () => {
    const account = await browser.get('/account');
    const refused = await browser.post('/account/language', { _csrf: csrfFrom(account.body), language: 'de' });
    expect(refused.statusCode).toBe(400);
    expect((await browser.get('/account')).body).toContain(`<html lang="${languages.at(-1)}"`);
  });
});
