import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../core/secrets.ts';
import { totpCodeAt } from '../../core/totp.ts';
import { queryRows } from '../../storage/database.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { browserFor, csrfFrom, setUpNetwork, testApp, totpSecretFrom, type Browser, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

type Member = { id: string; email: string; password: string; browser: Browser; totpSecret: string | undefined };

const password = 'lantern orchard velvet nine';

describeStorage('staff administration', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let clockOffset = 0;
  const organisations: Record<string, string> = {};

  beforeAll(async () => {
    database = use();
    database.context.clock = () => new Date(Date.now() + clockOffset);
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    for (const [slug, name, country] of [
      ['riverside', 'Riverside Women’s Centre', 'KE'],
      ['hillcrest', 'Hillcrest Legal Aid', 'PE'],
    ] as const) {
      const page = await admin.browser.get('/admin/organisations');
      const created = await admin.browser.post('/admin/organisations', { _csrf: csrfFrom(page.body), slug, name, languages: 'en', country });
      expect(created.statusCode).toBe(303);
      organisations[slug] = await scalar(`select id::text as value from organisations where slug = '${slug}'`);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  async function scalar(query: string): Promise<string> {
    const [row] = await queryRows<{ value: unknown }>(database.db, sql.raw(query));
    return String(row?.value);
  }

  async function counts(): Promise<Record<string, string>> {
    const tables = ['invitations', 'organisations', 'staff', 'role_grants', 'audit_log', 'outbox', 'sessions'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await scalar(`select count(*) as value from ${table}`)])));
  }

  /** Each TOTP code is accepted once per step, so every sign-in moves the clock on a step. */
  function nextStep(): Date {
    clockOffset += 30_000;
    return database.context.clock();
  }

  async function invite(by: Browser, form: Record<string, string>) {
    const page = await by.get('/admin/staff');
    return by.post('/admin/staff/invitations', { _csrf: csrfFrom(page.body), language: 'en', ...form });
  }

  function linkFrom(html: string): string {
    const link = /data-invitation-link[^>]*>([^<]+)</.exec(html)?.[1];
    if (!link) throw new Error(`no invitation link on the page: ${html.slice(0, 300)}`);
    return link;
  }

  /** Invites, accepts and (when the roles need it) enrols TOTP, as the invited person would. */
  async function enrol(by: Browser, form: Record<string, string>): Promise<Member> {
    const invited = await invite(by, form);
    expect(invited.statusCode).toBe(200);
    const path = new URL(linkFrom(invited.body)).pathname;
    const browser = browserFor(app);
    const accepted = await browser.post(path, { name: form.name ?? '', password, passwordAgain: password });
    expect(accepted.statusCode).toBeOneOf([200, 303]);
    let totpSecret: string | undefined;
    if (accepted.statusCode === 303) {
      const enrolment = await browser.get('/account/totp');
      totpSecret = totpSecretFrom(enrolment.body);
      const confirmed = await browser.post('/account/totp', { _csrf: csrfFrom(enrolment.body), code: totpCodeAt(totpSecret, nextStep()) });
      expect(confirmed.statusCode).toBe(200);
    }
    const email = (form.email ?? '').toLowerCase();
    const id = await scalar(`select id::text as value from staff where email = '${email}'`);
    return { id, email, password, browser, totpSecret };
  }

  it('invites a handler, who accepts, sets up two-step sign-in and signs in', async () => {
    const invited = await invite(admin.browser, {
      name: 'Tomás Ferreira',
      email: 'Tomas.Ferreira@example.org',
      language: 'es',
      role1: 'handler',
      scope1: organisations.riverside ?? '',
    });
    expect(invited.statusCode).toBe(200);
    const link = linkFrom(invited.body);
    expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = link.split('/').at(-1) ?? '';
    // Only the hash is kept; the list shows the invitation but never the link again.
    expect(await scalar(`select count(*) as value from invitations where token_hash = '${tokenHash(token)}'`)).toBe('1');
    expect(await scalar(`select count(*) as value from invitations where token_hash = '${token}' or email = '${token}'`)).toBe('0');
    const list = await admin.browser.get('/admin/staff');
    expect(list.body).toContain('tomas.ferreira@example.org');
    expect(list.body).not.toContain(token);
    expect(await scalar(`select count(*) as value from outbox`)).toBe('0');

    const tomas = browserFor(app);
    const opened = await tomas.get(`/invite/${token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Riverside Women’s Centre');
    const accepted = await tomas.post(`/invite/${token}`, { name: 'Tomás Ferreira Lima', password, passwordAgain: password });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/account/totp');
    expect((await tomas.get('/staff')).headers.location).toBe('/account/totp');
    const enrolment = await tomas.get('/account/totp');
    const secret = totpSecretFrom(enrolment.body);
    expect((await tomas.post('/account/totp', { _csrf: csrfFrom(enrolment.body), code: totpCodeAt(secret, nextStep()) })).statusCode).toBe(200);

    const fresh = browserFor(app);
    const signedIn = await fresh.post('/sign-in', { email: 'tomas.ferreira@example.org', password, code: totpCodeAt(secret, nextStep()) });
    expect(signedIn.statusCode).toBe(303);
    const home = await fresh.get('/staff');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Tomás Ferreira Lima');
    expect(home.body).toContain('Gestión de casos (punto focal) — en Riverside Women’s Centre');
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log order by seq`);
    expect(actions.map((row) => row.action)).toEqual(expect.arrayContaining(['organisation.created', 'staff.invited', 'staff.enrolled', 'staff.totp-enrolled']));
  });

  it('shows the recovery key at once to someone whose roles need no two-step sign-in', async () => {
    const invited = await invite(admin.browser, { name: 'Ines Duarte', email: 'ines.duarte@example.org', role1: 'author', scope1: 'network' });
    const browser = browserFor(app);
    const accepted = await browser.post(new URL(linkFrom(invited.body)).pathname, { name: 'Ines Duarte', password, passwordAgain: password });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toMatch(/data-recovery-key[^>]*>[0-9A-Z-]{39}</);
    expect((await browser.get('/staff')).statusCode).toBe(200);
    const signedIn = await browserFor(app).post('/sign-in', { email: 'ines.duarte@example.org', password, code: '' });
    expect(signedIn.statusCode).toBe(303);
  });

  it('refuses an e-mail address already on the staff, and writes nothing', async () => {
    const before = await counts();
    const response = await invite(admin.browser, { name: 'Second Amara', email: ' AMARA.OKAFOR@example.org ', role1: 'handler', scope1: 'network' });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Someone with this e-mail address is already on the staff.');
    expect(response.body).toContain('value="Second Amara"');
    expect(await counts()).toEqual(before);
  });

  it('re-renders every bad invitation with a 400 and writes nothing', async () => {
    const good = { name: 'Kofi Mensah', email: 'kofi.mensah@example.org', language: 'en', role1: 'handler', scope1: 'network' };
    const before = await counts();
    const bad: Record<string, string>[] = [
      { ...good, name: '' },
      { ...good, name: 'x'.repeat(201) },
      { ...good, email: 'not an address' },
      { ...good, language: 'xx' },
      { ...good, role1: '' },
      { ...good, role1: 'overlord' },
      { ...good, scope1: '00000000-0000-4000-8000-000000000000' },
      { ...good, scope1: 'nonsense' },
      { ...good, role2: 'investigator', scope2: 'elsewhere' },
    ];
    for (const form of bad) {
      const response = await invite(admin.browser, form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(response.body).toContain('class="error-summary"');
    }
    expect(await counts()).toEqual(before);
  });

  it('lets an organisation admin see and manage only the people of their organisation', async () => {
    const riversideAdmin = await enrol(admin.browser, { name: 'Wanjiru Kamau', email: 'wanjiru@example.org', role1: 'admin', scope1: organisations.riverside ?? '' });
    const hillcrestHandler = await enrol(admin.browser, { name: 'Rosa Quispe', email: 'rosa.quispe@example.org', role1: 'handler', scope1: organisations.hillcrest ?? '' });
    const both = await enrol(admin.browser, {
      name: 'Dalia Mwangi',
      email: 'dalia@example.org',
      role1: 'investigator',
      scope1: organisations.riverside ?? '',
      role2: 'handler',
      scope2: organisations.hillcrest ?? '',
    });
    const orgAdmin = riversideAdmin.browser;

    const list = await orgAdmin.get('/admin/staff');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Wanjiru Kamau');
    expect(list.body).toContain('Dalia Mwangi');
    expect(list.body).not.toContain('Rosa Quispe');
    expect(list.body).not.toContain('Hillcrest Legal Aid');
    expect(list.body).not.toContain('Amara Okafor');

    // Someone of another organisation is answered exactly like an id that does not exist.
    const foreign = await orgAdmin.get(`/admin/staff/${hillcrestHandler.id}`);
    const unknownId = '5b0f6a52-2a47-4c52-9d0e-7d1c7a3f1e55';
    const unknown = await orgAdmin.get(`/admin/staff/${unknownId}`);
    expect(foreign.statusCode).toBe(404);
    // The page links to itself in other languages; apart from the id in those links, identical.
    expect(foreign.body.replaceAll(hillcrestHandler.id, 'ID')).toBe(unknown.body.replaceAll(unknownId, 'ID'));
    expect((await orgAdmin.get('/admin/staff/not-a-uuid')).statusCode).toBe(404);

    const csrf = csrfFrom(list.body);
    const before = await counts();
    for (const [path, form] of [
      [`/admin/staff/${hillcrestHandler.id}/deactivate`, {}],
      [`/admin/staff/${hillcrestHandler.id}/roles/grant`, { role: 'handler', scope: organisations.riverside ?? '' }],
      [`/admin/staff/${hillcrestHandler.id}/roles/revoke`, { role: 'handler', scope: organisations.hillcrest ?? '' }],
      [`/admin/staff/${both.id}/roles/revoke`, { role: 'handler', scope: organisations.hillcrest ?? '' }],
      // Dalia also works for Hillcrest: only a network admin may deactivate her.
      [`/admin/staff/${both.id}/deactivate`, {}],
    ] as const) {
      const response = await orgAdmin.post(path, { _csrf: csrf, ...form });
      expect(response.statusCode, path).toBe(404);
    }
    const crafted = await orgAdmin.post('/admin/staff/invitations', { _csrf: csrf, name: 'Sneaky', email: 'sneaky@example.org', language: 'en', role1: 'admin', scope1: 'network' });
    expect(crafted.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const dalia = await orgAdmin.get(`/admin/staff/${both.id}`);
    expect(dalia.statusCode).toBe(200);
    expect(dalia.body).toContain('Investigator — in Riverside Women’s Centre');
    expect(dalia.body).not.toContain('Hillcrest');
    expect(dalia.body).not.toContain(`/admin/staff/${both.id}/deactivate`);

    for (const path of ['/admin/organisations', '/admin/audit']) expect((await orgAdmin.get(path)).statusCode, path).toBe(404);

    // Within their own organisation they may grant, revoke and invite.
    const granted = await orgAdmin.post(`/admin/staff/${both.id}/roles/grant`, { _csrf: csrf, role: 'decision_maker', scope: organisations.riverside ?? '' });
    expect(granted.statusCode).toBe(303);
    expect((await orgAdmin.get(`/admin/staff/${both.id}`)).body).toContain('Decision-maker — in Riverside Women’s Centre');
    const revoked = await orgAdmin.post(`/admin/staff/${both.id}/roles/revoke`, { _csrf: csrf, role: 'decision_maker', scope: organisations.riverside ?? '' });
    expect(revoked.headers.location).toBe(`/admin/staff/${both.id}?done=revoked`);
    const invited = await invite(orgAdmin, { name: 'Achieng Otieno', email: 'achieng@example.org', role1: 'handler', scope1: organisations.riverside ?? '' });
    expect(invited.statusCode).toBe(200);
    expect((await admin.browser.get(`/admin/staff/${hillcrestHandler.id}`)).statusCode).toBe(200);
  });

  it('lets an organisation admin revoke only invitations wholly within their organisation', async () => {
    const orgAdmin = await enrol(admin.browser, { name: 'Baraka Njoroge', email: 'baraka@example.org', role1: 'admin', scope1: organisations.riverside ?? '' });
    await invite(admin.browser, { name: 'Hillcrest Only', email: 'hillcrest.only@example.org', role1: 'handler', scope1: organisations.hillcrest ?? '' });
    await invite(orgAdmin.browser, { name: 'Riverside Only', email: 'riverside.only@example.org', role1: 'handler', scope1: organisations.riverside ?? '' });
    const hillcrestInvitation = await scalar(`select id::text as value from invitations where email = 'hillcrest.only@example.org'`);
    const riversideInvitation = await scalar(`select id::text as value from invitations where email = 'riverside.only@example.org'`);
    const page = await orgAdmin.browser.get('/admin/staff');
    expect(page.body).not.toContain('hillcrest.only@example.org');
    const csrf = csrfFrom(page.body);
    expect((await orgAdmin.browser.post(`/admin/staff/invitations/${hillcrestInvitation}/revoke`, { _csrf: csrf })).statusCode).toBe(404);
    const revoked = await orgAdmin.browser.post(`/admin/staff/invitations/${riversideInvitation}/revoke`, { _csrf: csrf });
    expect(revoked.statusCode).toBe(303);
    expect(await scalar(`select (revoked_at is not null)::text as value from invitations where id = '${riversideInvitation}'`)).toBe('true');
    expect(await scalar(`select (revoked_at is null)::text as value from invitations where id = '${hillcrestInvitation}'`)).toBe('true');
    expect((await orgAdmin.browser.post(`/admin/staff/invitations/${riversideInvitation}/revoke`, { _csrf: csrf })).statusCode).toBe(404);
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${riversideInvitation}`);
    expect(actions.map((row) => row.action)).toEqual(['staff.invited', 'staff.invitation-revoked']);
  });

  describe('the last network administrator', () => {
    it('cannot lose the role or be deactivated, until someone else holds it', async () => {
      const adminId = await scalar(`select id::text as value from staff where email = '${admin.email}'`);
      const page = await admin.browser.get(`/admin/staff/${adminId}`);
      const csrf = csrfFrom(page.body);
      const before = await counts();
      const revoke = await admin.browser.post(`/admin/staff/${adminId}/roles/revoke`, { _csrf: csrf, role: 'admin', scope: 'network' });
      expect(revoke.statusCode).toBe(409);
      expect(revoke.body).toContain('The network needs at least one administrator');
      const deactivate = await admin.browser.post(`/admin/staff/${adminId}/deactivate`, { _csrf: csrf });
      expect(deactivate.statusCode).toBe(409);
      expect(await counts()).toEqual(before);

      const second = await enrol(admin.browser, { name: 'Leila Haddad', email: 'leila@example.org', role1: 'admin', scope1: 'network' });
      const secondPage = await second.browser.get(`/admin/staff/${adminId}`);
      const demoted = await second.browser.post(`/admin/staff/${adminId}/roles/revoke`, { _csrf: csrfFrom(secondPage.body), role: 'admin', scope: 'network' });
      expect(demoted.statusCode).toBe(303);
      expect(demoted.headers.location).toBe(`/admin/staff/${adminId}?done=revoked`);
      // Amara's own session now reads her new roles: staff administration is gone for her.
      expect((await admin.browser.get('/admin/staff')).statusCode).toBe(404);
      const selfRevoke = await second.browser.post(`/admin/staff/${second.id}/roles/revoke`, { _csrf: csrfFrom(secondPage.body), role: 'admin', scope: 'network' });
      expect(selfRevoke.statusCode).toBe(409);
      const restored = await second.browser.post(`/admin/staff/${adminId}/roles/grant`, { _csrf: csrfFrom(secondPage.body), role: 'admin', scope: 'network' });
      expect(restored.statusCode).toBe(303);
      expect((await admin.browser.get('/admin/staff')).statusCode).toBe(200);
    });
  });

  it('ends every session of a deactivated member at once, and lets them back after reactivation', async () => {
    const member = await enrol(admin.browser, { name: 'Nadia Rahman', email: 'nadia@example.org', role1: 'handler', scope1: organisations.hillcrest ?? '' });
    const secondDevice = browserFor(app);
    expect((await secondDevice.post('/sign-in', { email: member.email, password, code: totpCodeAt(member.totpSecret ?? '', nextStep()) })).statusCode).toBe(303);
    expect(await scalar(`select count(*) as value from sessions where staff_id = '${member.id}'`)).toBe('2');

    const page = await admin.browser.get(`/admin/staff/${member.id}`);
    const deactivated = await admin.browser.post(`/admin/staff/${member.id}/deactivate`, { _csrf: csrfFrom(page.body) });
    expect(deactivated.statusCode).toBe(303);
    expect(await scalar(`select count(*) as value from sessions where staff_id = '${member.id}'`)).toBe('0');
    expect((await member.browser.get('/staff')).statusCode).toBe(303);
    expect((await secondDevice.get('/staff')).statusCode).toBe(303);
    expect((await browserFor(app).post('/sign-in', { email: member.email, password, code: totpCodeAt(member.totpSecret ?? '', nextStep()) })).statusCode).toBe(401);
    expect((await admin.browser.get('/admin/staff')).body).toContain('Deactivated');

    const reactivated = await admin.browser.post(`/admin/staff/${member.id}/reactivate`, { _csrf: csrfFrom(page.body) });
    expect(reactivated.statusCode).toBe(303);
    expect((await browserFor(app).post('/sign-in', { email: member.email, password, code: totpCodeAt(member.totpSecret ?? '', nextStep()) })).statusCode).toBe(303);
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${member.id} order by seq`);
    expect(actions.map((row) => row.action)).toEqual(expect.arrayContaining(['staff.enrolled', 'staff.deactivated', 'staff.reactivated']));
  });

  it('re-renders a bad role grant with a 400 and writes nothing', async () => {
    const memberId = await scalar(`select id::text as value from staff where email = 'rosa.quispe@example.org'`);
    const page = await admin.browser.get(`/admin/staff/${memberId}`);
    const csrf = csrfFrom(page.body);
    const before = await counts();
    const bad: Record<string, string>[] = [{ role: '', scope: 'network' }, { role: 'overlord', scope: 'network' }, { role: 'handler', scope: 'mars' }, {}];
    for (const form of bad) {
      const response = await admin.browser.post(`/admin/staff/${memberId}/roles/grant`, { _csrf: csrf, ...form });
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });
});
