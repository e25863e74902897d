/**
 * Several `redress serve` processes behind one load balancer share nothing but PostgreSQL:
 * a session begun on one is served by the other, ended on either, and sign-in throttling counts
 * failures from both. Real processes, real HTTP, real Argon2 parameters (the CLI's own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/core/totp.ts';
import { csrfFrom, totpSecretFrom } from '../support/webApp.ts';
import { onPostgresServer, postgresDatabases, startRedress, type RunningRedress } from './support/redressProcess.ts';

/** A cookie-keeping HTTP client for one person, who may talk to either process. */
function person() {
  let cookie: string | undefined;
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      if (pair.startsWith('redress_session=')) cookie = pair.endsWith('=') ? undefined : pair;
    }
    return response;
  };
  const headers = (): Record<string, string> => (cookie ? { cookie } : {});
  return {
    get cookie() {
      return cookie;
    },
    get: async (url: string) => keep(await fetch(url, { headers: headers(), redirect: 'manual' })),
    post: async (url: string, form: Record<string, string>) =>
      keep(
        await fetch(url, {
          method: 'POST',
          headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
          redirect: 'manual',
        }),
      ),
  };
}

describe.runIf(onPostgresServer)('two Redress processes on one PostgreSQL', () => {
  const databases = postgresDatabases(process.env.TEST_DATABASE_URL ?? '');
  let first: RunningRedress | undefined;
  let second: RunningRedress | undefined;
  const admin = person();
  const email = 'ines.valdivia@example.org';
  const password = 'a long enough passphrase for tests';

  beforeAll(async () => {
    const url = await databases.create();
    first = await startRedress({ DATABASE_URL: url }, { setupLink: true });
    if (!first.setupUrl) throw new Error(`no setup link printed:\n${first.stdout()}`);
    expect((await admin.get(first.setupUrl)).status).toBe(200);
    const created = await admin.post(first.setupUrl, {
      networkName: 'Riverside Solidarity Network',
      defaultLanguage: 'en',
      adminName: 'Inés Valdivia',
      adminEmail: email,
      password,
      passwordAgain: password,
    });
    expect(created.status).toBe(303);
    const enrolment = await (await admin.get(`${first.url}/account/totp`)).text();
    const confirmed = await admin.post(`${first.url}/account/totp`, {
      _csrf: csrfFrom(enrolment),
      code: totpCodeAt(totpSecretFrom(enrolment), new Date()),
    });
    expect(confirmed.status).toBe(200);
    // The second process starts on a deployment that is already set up: no setup link.
    second = await startRedress({ DATABASE_URL: url });
  }, 180_000);

  afterAll(async () => {
    for (const server of [first, second]) if (server) expect((await server.stop()).code).toBe(0);
    await databases.dropAll();
  });

  const urls = () => {
    if (!first || !second) throw new Error('servers not started');
    return { a: first.url, b: second.url };
  };

  it('lets the second process serve the session the first one began', async () => {
    const { a, b } = urls();
    expect(second?.setupUrl).toBeUndefined();
    expect((await admin.get(`${a}/staff`)).status).toBe(200);
    const page = await admin.get(`${b}/staff`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Inés Valdivia');
  });

  it('ends the session everywhere when the person signs out on the second process', async () => {
    const { a, b } = urls();
    const home = await (await admin.get(`${b}/staff`)).text();
    const cookie = admin.cookie ?? '';
    const signedOut = await admin.post(`${b}/sign-out`, { _csrf: csrfFrom(home) });
    expect(signedOut.status).toBe(303);
    expect(admin.cookie).toBeUndefined();
    // The old cookie, replayed on the first process, no longer opens anything.
    const replay = await fetch(`${a}/staff`, { headers: { cookie }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/sign-in');
  });

  it('counts failed sign-ins from both processes against the same account', async () => {
    const { a, b } = urls();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const server = attempt % 2 === 0 ? a : b;
      const response = await person().post(`${server}/sign-in`, { email: 'nobody.here@example.org', password: 'wrong password', code: '123456' });
      statuses.push(response.status);
    }
    // Five free failures in all — three on each process would never reach the limit alone.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
