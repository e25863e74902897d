/**
 * Organisation and staff administration in real Chromium, JavaScript off and on: adding an
 * organisation (with a refused form first), inviting a handler, the invited person accepting
 * and enrolling, the staff member page, the audit log and its verification. Every page shown
 * passes axe-core, keeps to the strict CSP and fits a phone screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { totpCodeAt } from '../../src/core/totp.ts';
import { translator } from '../../src/i18n/index.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/browserServer.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Highland Women’s Forum', name: 'Farida Osei', email: 'farida.osei@example.org', password: 'blue kites over the harbour' };
const handler = { name: 'Lucía Paredes', email: 'lucia.paredes@example.org', password: 'seven lanterns in the rain' };
const organisation = { name: 'Valley Safe Spaces', slug: 'valley-safe-spaces' };

for (const backend of testBackends()) {
  for (const javaScript of [false, true]) {
    describe(`organisation and staff administration, JavaScript ${javaScript ? 'on' : 'off'} [${backend}]`, () => {
      let server: TestServer | undefined;
      let browser: TestBrowser | undefined;
      let adminSecret = '';
      let handlerSecret = '';
      let invitationLink = '';

      const use = () => {
        if (!browser) throw new Error('browser not started');
        return browser;
      };

      beforeAll(async () => {
        server = await startTestServer(backend);
        browser = await openBrowser({ serverUrl: server.url, javaScript });
      });
      afterEach(() => {
        expect(use().takeProblems()).toEqual([]);
        expect(use().uncheckedPages()).toEqual([]);
      });
      afterAll(async () => {
        await browser?.close();
        await server?.stop();
      });

      async function enrolTotp(label: string): Promise<string> {
        const { page, follow, checkPage } = use();
        expect(new URL(page.url()).pathname).toBe('/account/totp');
        await checkPage(`${label}: authenticator enrolment`);
        const secret = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')) ?? '';
        await page.getByLabel(t('totp.code')).fill(totpCodeAt(secret, new Date()));
        expect(await follow(page.getByRole('button', { name: t('totp.submit') }))).toBe(200);
        await checkPage(`${label}: recovery secrets`);
        expect(await follow(page.getByRole('link', { name: t('recovery.continue') }))).toBe(200);
        await checkPage(`${label}: staff home`);
        return secret;
      }

      async function signOut(): Promise<void> {
        const { page, follow, checkPage } = use();
        expect(await follow(page.getByRole('button', { name: t('layout.signOut') }))).toBe(200);
        await checkPage('signed out');
      }

      test('the first administrator sets up the network', async () => {
        const { page, goto, follow, checkPage } = use();
        if (!server) throw new Error('server not started');
        expect(await goto(server.setupLink)).toBe(200);
        await checkPage('setup');
        await page.getByLabel(t('setup.networkName')).fill(admin.network);
        await page.getByLabel(t('setup.adminName')).fill(admin.name);
        await page.getByLabel(t('setup.adminEmail')).fill(admin.email);
        await page.getByLabel(t('setup.password'), { exact: true }).fill(admin.password);
        await page.getByLabel(t('setup.passwordAgain')).fill(admin.password);
        expect(await follow(page.getByRole('button', { name: t('setup.submit') }))).toBe(200);
        adminSecret = await enrolTotp('administrator');
      });

      test('adds an organisation, after a form with mistakes is shown again', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await goto('/admin/organisations')).toBe(200);
        await checkPage('organisations, none yet');
        await page.getByLabel(t('adminOrganisations.name'), { exact: true }).fill(organisation.name);
        await page.getByLabel(t('adminOrganisations.slug'), { exact: true }).fill('Valley Safe Spaces!');
        expect(await follow(page.getByRole('button', { name: t('adminOrganisations.add') }))).toBe(400);
        await checkPage('organisations with errors');
        expect(await page.getByRole('alert').textContent()).toContain(t('adminOrganisations.slugInvalid'));
        expect(await page.getByLabel(t('adminOrganisations.name'), { exact: true }).inputValue()).toBe(organisation.name);

        await page.getByLabel(t('adminOrganisations.slug'), { exact: true }).fill(organisation.slug);
        await page.getByLabel(t('adminOrganisations.languages')).selectOption(['es', 'qu']);
        await page.getByLabel(t('adminOrganisations.country')).selectOption('PE');
        expect(await follow(page.getByRole('button', { name: t('adminOrganisations.add') }))).toBe(200);
        await checkPage('organisations, one added');
        expect(await page.getByRole('row', { name: new RegExp(organisation.name) }).textContent()).toContain('Peru');

        expect(await follow(page.getByRole('link', { name: organisation.name }))).toBe(200);
        await checkPage('editing an organisation');
      });

      test('invites a handler for the organisation and shows the one-time link', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await goto('/admin/staff')).toBe(200);
        await checkPage('staff');
        expect(await follow(page.getByRole('button', { name: t('adminStaff.invite') }))).toBe(400);
        await checkPage('staff, invitation with errors');
        await page.getByLabel(t('adminStaff.inviteName'), { exact: true }).fill(handler.name);
        await page.getByLabel(t('adminStaff.inviteEmail')).fill(handler.email);
        const firstRow = page.getByRole('group', { name: t('adminStaff.roleRow', { number: '1' }) });
        await firstRow.getByLabel(t('adminStaff.role'), { exact: true }).selectOption('handler');
        await firstRow.getByLabel(t('adminStaff.scope'), { exact: true }).selectOption({ label: organisation.name });
        expect(await follow(page.getByRole('button', { name: t('adminStaff.invite') }))).toBe(200);
        await checkPage('invitation created');
        invitationLink = (await page.locator('[data-invitation-link]').textContent())?.trim() ?? '';
        expect(invitationLink).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
        expect(await goto('/admin/staff')).toBe(200);
        await checkPage('staff with a pending invitation');
        await signOut();
      });

      test('the invited handler chooses a password, enrols and sees the organisation by name', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await goto(invitationLink)).toBe(200);
        await checkPage('invitation');
        await page.getByLabel(t('staffInvitation.password'), { exact: true }).fill(handler.password);
        await page.getByLabel(t('staffInvitation.passwordAgain')).fill('not the same words');
        expect(await follow(page.getByRole('button', { name: t('staffInvitation.submit') }))).toBe(400);
        await checkPage('invitation with errors');
        await page.getByLabel(t('staffInvitation.password'), { exact: true }).fill(handler.password);
        await page.getByLabel(t('staffInvitation.passwordAgain')).fill(handler.password);
        expect(await follow(page.getByRole('button', { name: t('staffInvitation.submit') }))).toBe(200);
        handlerSecret = await enrolTotp('handler');
        expect(handlerSecret).not.toBe('');
        expect(await page.locator('main').textContent()).toContain(t('staffHome.inOrganisation', { organisation: organisation.name }));
        await signOut();
        expect(await goto(invitationLink)).toBe(404);
        await checkPage('used invitation link');
      });

      test('the administrator sees the handler, the audit log, and a verified chain', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await goto('/sign-in')).toBe(200);
        await checkPage('sign-in');
        await page.getByLabel(t('signIn.email')).fill(admin.email);
        await page.getByLabel(t('signIn.password')).fill(admin.password);
        await page.getByLabel(t('signIn.code')).fill(totpCodeAt(adminSecret, new Date(Date.now() + 30_000)));
        expect(await follow(page.getByRole('button', { name: t('signIn.submit') }))).toBe(200);
        await checkPage('administrator signed in again');

        expect(await goto('/admin/staff')).toBe(200);
        await checkPage('staff with the handler');
        expect(await follow(page.getByRole('link', { name: handler.name }))).toBe(200);
        await checkPage('staff member');
        await page.getByLabel(t('adminStaff.role'), { exact: true }).selectOption('investigator');
        await page.getByLabel(t('adminStaff.scope'), { exact: true }).selectOption({ label: organisation.name });
        expect(await follow(page.getByRole('button', { name: t('adminStaff.grant') }))).toBe(200);
        await checkPage('staff member with a new role');
        expect(await page.getByRole('status').textContent()).toContain(t('adminStaff.roleGranted'));

        expect(await goto('/admin/audit')).toBe(200);
        await checkPage('audit log');
        expect(await follow(page.getByRole('button', { name: t('adminAudit.verify') }))).toBe(200);
        await checkPage('audit log verified');
        expect(await page.locator('[data-audit-verdict]').getAttribute('data-audit-verdict')).toBe('intact');

        expect(await goto('/admin/staff?lang=es')).toBe(200);
        await checkPage('staff in Spanish');
        expect(await goto('/admin/organisations?lang=es')).toBe(200);
        await checkPage('organisations in Spanish');
        expect(await page.locator('main').textContent()).toContain('Perú');
      });
    });
  }
}
