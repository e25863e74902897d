import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCodeAt } from '../../core/totp.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { browserFor, csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';
import { verifyAuditLog } from '../../storage/auditLog.ts';

describeStorage('staff sign-in', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let clockOffset = 0;

  beforeAll(async () => {
    database = use();
    database.context.clock = () => new Date(Date.now() + clockOffset);
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
  });
  afterAll(async () => {
    await app.close();
  });

  /** Each sign-in uses the next 30-second step: a TOTP code is accepted only once. */
  function nextCode(): string {
    clockOffset += 30_000;
    return totpCodeAt(admin.totpSecret, database.context.clock());
  }

  it('signs in with password and the current authenticator code, then out again', async () => {
    const browser = browserFor(app);
    const signedIn = await browser.post('/sign-in', { email: admin.email, password: admin.password, code: nextCode() });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/staff');
    const home = await browser.get('/staff');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Amara Okafor');
    const signedOut = await browser.post('/sign-out', { _csrf: csrfFrom(home.body) });
    expect(signedOut.statusCode).toBe(303);
    expect((await browser.get('/staff')).statusCode).toBe(303);
  });

  it('answers a wrong password, a wrong code and an unknown account in exactly the same words', async () => {
    const wrongPassword = await browserFor(app).post('/sign-in', { email: admin.email, password: 'not the password', code: nextCode() });
    const wrongCode = await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code: '000000' });
    const unknown = await browserFor(app).post('/sign-in', { email: 'nobody@example.org', password: admin.password, code: '123456' });
    for (const response of [wrongPassword, wrongCode, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('The e-mail, password or code is not right.');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(wrongPassword.body)).toBe(strip(unknown.body));
  });

  it('refuses a code that was already used', async () => {
    const code = nextCode();
    expect((await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code })).statusCode).toBe(303);
    expect((await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code })).statusCode).toBe(401);
  });

  it('accepts a recovery code once in place of the authenticator code', async () => {
    const [recoveryCode] = admin.recoveryCodes;
    if (!recoveryCode) throw new Error('no recovery codes were shown');
    expect((await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code: recoveryCode.toLowerCase() })).statusCode).toBe(303);
    expect((await browserFor(app).post('/sign-in', { email: admin.email, password: admin.password, code: recoveryCode })).statusCode).toBe(401);
  });

  it('slows down repeated failures for an account, whether or not it exists', async () => {
    for (const email of ['ghost@example.org', 'second.ghost@example.org']) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) {
        statuses.push((await browserFor(app).post('/sign-in', { email, password: 'wrong password', code: '' })).statusCode);
      }
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.at(-1)).toBe(429);
    }
  });

  it('rejects a form posted from another site and a missing form token', async () => {
    const browser = browserFor(app);
    await browser.post('/sign-in', { email: admin.email, password: admin.password, code: nextCode() });
    const crossSite = await app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { cookie: browser.cookie ?? '', origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(crossSite.statusCode).toBe(403);
    const noToken = await browser.post('/sign-out', {});
    expect(noToken.statusCode).toBe(403);
    expect((await browser.get('/staff')).statusCode).toBe(200);
  });

  it('records sign-ins in an audit log whose chain verifies', async () => {
    const verdict = await verifyAuditLog(database.db);
    expect(verdict.ok).toBe(true);
    expect(verdict.count).toBeGreaterThan(5);
  });
});
