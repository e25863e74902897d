/**
 * Organisation and staff administration in real Chromium, JavaScript off and on: adding an
 * organisation (with a refused form first), inviting a handler, the invited person accepting
 * and enrolling, the staff member page, the audit log and its verification. Every page shown
 * passes axe-core, keeps to the strict CSP and fits a phone screen.
 */
import { describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { authenticatorCodes, browserSuite, enrolAndContinue, sendInvitation, sendInvitationPassword, setUpAsFirstAdministrator, signIn, signOut } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Highland Women’s Forum', name: 'Farida Osei', email: 'farida.osei@example.org', password: 'blue kites over the harbour' };
const handler = { name: 'Lucía Paredes', email: 'lucia.paredes@example.org', password: 'seven lanterns in the rain' };
const organisation = { name: 'Valley Safe Spaces', slug: 'valley-safe-spaces' };

for (const backend of testBackends()) {
  for (const javaScript of [false, true]) {
    describe(`organisation and staff administration, JavaScript ${javaScript ? 'on' : 'off'} [${backend}]`, () => {
      const suite = browserSuite(backend, { staff: { javaScript } });
      const use = () => suite.browser('staff');
      const codes = authenticatorCodes();
      let adminSecret = '';
      let handlerSecret = '';
      let invitationLink = '';

      test('the first administrator sets up the network', async () => {
        adminSecret = await setUpAsFirstAdministrator(use(), suite.server().setupLink, admin, codes);
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
        invitationLink = await sendInvitation(use(), handler, [{ role: 'handler', scope: { label: organisation.name } }]);
        expect(invitationLink).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
        expect(await goto('/admin/staff')).toBe(200);
        await checkPage('staff with a pending invitation');
        await signOut(use());
      });

      test('the invited handler chooses a password, enrols and sees the organisation by name', async () => {
        const { page, goto, checkPage } = use();
        expect(await goto(invitationLink)).toBe(200);
        await checkPage('invitation');
        expect(await sendInvitationPassword(use(), handler.password, 'not the same words')).toBe(400);
        await checkPage('invitation with errors');
        expect(await sendInvitationPassword(use(), handler.password)).toBe(200);
        handlerSecret = await enrolAndContinue(use(), 'handler', codes);
        expect(handlerSecret).not.toBe('');
        expect(await page.locator('main').textContent()).toContain(t('staffHome.inOrganisation', { organisation: organisation.name }));
        await signOut(use());
        expect(await goto(invitationLink)).toBe(404);
        await checkPage('used invitation link');
      });

      test('the administrator sees the handler, the audit log, and a verified chain', async () => {
        const { page, goto, follow, checkPage } = use();
        await signIn(use(), admin, { code: await codes(adminSecret), label: 'administrator again' });

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
