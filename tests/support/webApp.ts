/**
 * Route tests through Fastify's inject: an app on a test database, a cookie jar, and fixtures
 * that set up a network and sign people in the way a browser would.
 */
import { loadConfig } from '../../src/config.ts';
import { totpCodeAt } from '../../src/core/totp.ts';
import { issueSetupLink } from '../../src/usecases/setup/issueSetupLink.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import type { TestDatabase } from './databases.ts';

export async function testApp(database: TestDatabase): Promise<App> {
  const app = await buildApp({ config: loadConfig({}), context: database.context, logger: false });
  await app.ready();
  return app;
}

export type Browser = {
  get(url: string): Promise<Awaited<ReturnType<App['inject']>>>;
  post(url: string, form: Record<string, string>): Promise<Awaited<ReturnType<App['inject']>>>;
  cookie: string | undefined;
};

/** A cookie-keeping client that posts urlencoded forms with the page's form token. */
export function browserFor(app: App): Browser {
  const jar: Browser = {
    cookie: undefined,
    async get(url) {
      const response = await app.inject({ method: 'GET', url, headers: jar.cookie ? { cookie: jar.cookie } : {} });
      keepCookie(response.headers['set-cookie']);
      return response;
    },
    async post(url, form) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(jar.cookie ? { cookie: jar.cookie } : {}) },
        payload: new URLSearchParams(form).toString(),
      });
      keepCookie(response.headers['set-cookie']);
      return response;
    },
  };
  function keepCookie(header: string | string[] | undefined) {
    for (const line of [header ?? []].flat()) {
      const [pair = ''] = line.split(';');
      if (pair.startsWith('redress_session=')) jar.cookie = pair.endsWith('=') ? undefined : pair;
    }
  }
  return jar;
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

export function totpSecretFrom(html: string): string {
  const match = /data-totp-secret="([A-Z2-7]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no TOTP secret on the page');
  return match[1];
}

export type EnrolledAdmin = { email: string; password: string; totpSecret: string; browser: Browser; recoveryKey: string; recoveryCodes: string[] };

/** Walks the setup link as a person would: network and admin, then TOTP enrolment. */
export async function setUpNetwork(app: App, database: TestDatabase, overrides: { email?: string; password?: string } = {}): Promise<EnrolledAdmin> {
  const token = await issueSetupLink(database.context);
  if (!token) throw new Error('the network is already set up');
  const email = overrides.email ?? 'amara.okafor@example.org';
  const password = overrides.password ?? 'correct horse battery staple';
  const browser = browserFor(app);
  const created = await browser.post(`/setup/${token}`, {
    networkName: 'Coastal Women’s Alliance',
    defaultLanguage: 'en',
    adminName: 'Amara Okafor',
    adminEmail: email,
    password,
    passwordAgain: password,
  });
  if (created.statusCode !== 303) throw new Error(`setup failed: ${created.statusCode} ${created.body.slice(0, 400)}`);
  const enrolment = await browser.get('/account/totp');
  const totpSecret = totpSecretFrom(enrolment.body);
  const confirmed = await browser.post('/account/totp', { _csrf: csrfFrom(enrolment.body), code: totpCodeAt(totpSecret, new Date()) });
  if (confirmed.statusCode !== 200) throw new Error(`enrolment failed: ${confirmed.statusCode}`);
  const recoveryKey = /data-recovery-key[^>]*>([^<]+)</.exec(confirmed.body)?.[1] ?? '';
  const recoveryCodes = [...confirmed.body.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((match) => match[1] ?? '');
  return { email, password, totpSecret, browser, recoveryKey, recoveryCodes };
}
