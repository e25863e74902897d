/**
 * Safe intake in real Chromium, JavaScript off and on, against a real server with production
 * Argon2id: a reporter sends a report on the network's channel and writes down the receipt; the
 * network's administrator (who receives reports while the network has no handler) reads it in
 * the inbox and replies; the reporter comes back with the receipt — waiting out the time-lock
 * without JavaScript, or letting the proof of work run with it — and reads the reply. The
 * reporter and the staff member use separate browsers. Every page shown passes axe-core, keeps
 * to the strict CSP, fits a phone screen and asks nothing of any other host.
 */
import { describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { browserSuite, setUpAsFirstAdministrator } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Riverbend Solidarity Network', name: 'Yara Castellanos', email: 'yara.castellanos@example.org', password: 'paper boats on a quiet canal' };
const account = 'During the regional workshop the trainer kept touching my shoulder and would not stop when I asked.';
const evidenceName = 'workshop-notes.txt';
const reply = 'Thank you for writing to us. We have read your report and would like to hear what you need.';

for (const backend of testBackends()) {
  for (const javaScript of [false, true]) {
    describe(`reporting and following up, JavaScript ${javaScript ? 'on' : 'off'} [${backend}]`, () => {
      const suite = browserSuite(backend, { reporter: { javaScript }, staff: { javaScript } });
      const both = () => ({ reporter: suite.browser('reporter'), staff: suite.browser('staff') });
      let receipt = '';

      test('the network is set up by its first administrator', async () => {
        await setUpAsFirstAdministrator(both().staff, suite.server().setupLink, admin);
      });

      test('a reporter sends a report without any cookie and is shown the receipt once', async () => {
        const { page, goto, follow, checkPage } = both().reporter;
        expect(await goto('/report')).toBe(200);
        await checkPage('report form');
        expect(await page.getByRole('link', { name: t('intake.quickExit.label') }).getAttribute('href')).toBe('https://www.wikipedia.org/');

        expect(await follow(page.getByRole('button', { name: t('intake.form.send') }))).toBe(400);
        await checkPage('report form with a missing answer');
        expect(await page.getByRole('alert').textContent()).toContain(t('intake.problems.required'));

        await page.getByLabel(t('intake.questions.account.label')).fill(account);
        const witnesses = page.getByRole('group', { name: `${t('intake.questions.witnesses.label')} ${t('intake.form.optional')}` });
        await witnesses.getByLabel(t('intake.form.yes')).check();
        await page.getByLabel(`${t('intake.questions.witnessDetails.label')} ${t('intake.form.optional')}`).fill('A colleague from the finance team');
        // Evidence goes with the report as a plain multipart form, with or without JavaScript.
        const evidence = page.getByRole('group', { name: `${t('intake.questions.evidence.label')} ${t('intake.form.optional')}` });
        await evidence.getByLabel(t('intake.form.yes')).check();
        await page
          .getByLabel(`${t('intake.questions.evidenceFiles.label')} ${t('intake.form.optional')}`)
          .setInputFiles({ name: evidenceName, mimeType: 'text/plain', buffer: Buffer.from('Notes from the evening of the workshop.\n') });
        await page.getByLabel(t('intake.paths.informal.label')).check();
        expect(await follow(page.getByRole('button', { name: t('intake.form.send') }))).toBe(200);
        await checkPage('receipt');
        receipt = ((await page.locator('.receipt-code').textContent()) ?? '').trim();
        expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
        expect(await page.context().cookies()).toEqual([]);
      });

      test('the administrator reads the report in the inbox and replies', async () => {
        const { page, goto, follow, checkPage } = both().staff;
        expect(await goto('/inbox')).toBe(200);
        await checkPage('inbox');
        expect(await follow(page.getByRole('table').getByRole('link').first())).toBe(200);
        // Nothing of the report is shown before the no-conflict declaration.
        await checkPage('case: conflict declaration');
        expect(await page.getByText(account).count()).toBe(0);
        expect(await follow(page.getByRole('button', { name: t('caseHandling.gate.noConflictButton') }))).toBe(200);
        await checkPage('case');
        expect(await page.getByText(account).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: evidenceName }).first().isVisible()).toBe(true);
        await page.getByLabel(t('caseFile.replyLabel')).fill(reply);
        expect(await follow(page.getByRole('button', { name: t('caseFile.replySend') }))).toBe(200);
        await checkPage('case after replying');
        expect(await page.getByText(t('caseFile.replySent')).isVisible()).toBe(true);
      });

      test('the reporter returns with the receipt and reads the reply', async () => {
        const { page, goto, follow, checkPage } = both().reporter;
        expect(await goto('/follow-up')).toBe(200);
        await checkPage('follow-up sign-in');
        await page.getByLabel(t('intake.followUp.receipt')).fill(receipt.replace(/ /g, '-'));
        // Without JavaScript the form may be sent five seconds after it was shown; with it the
        // proof of work stands in for the wait and the form goes as soon as it is solved.
        if (!javaScript) await page.waitForTimeout(5_500);
        expect(await follow(page.getByRole('button', { name: t('intake.followUp.open') }))).toBe(200);
        await checkPage('follow-up');
        expect(new URL(page.url()).pathname).toBe('/follow-up');
        expect(await page.getByText(reply).isVisible()).toBe(true);
        // A reply is not the acknowledgement (a step of the procedure, taken on the case page).
        expect(await page.getByText(t('intake.status.submitted')).isVisible()).toBe(true);
        const cookies = await page.context().cookies();
        expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite, cookie.expires])).toEqual([['redress_reporter', true, 'Strict', -1]]);

        await page.getByLabel(t('intake.followUp.messageLabel')).fill('Thank you. I would like it to stop, nothing more for now.');
        expect(await follow(page.getByRole('button', { name: t('intake.followUp.messageSend') }))).toBe(200);
        await checkPage('follow-up after a message');
        expect(await page.getByText(t('intake.followUp.done.message')).isVisible()).toBe(true);

        expect(await follow(page.getByRole('button', { name: t('intake.followUp.withdrawButton') }))).toBe(200);
        await checkPage('withdrawal confirmation');
        expect(await follow(page.getByRole('link', { name: t('intake.withdraw.keep') }))).toBe(200);
        await checkPage('follow-up after keeping the report');

        expect(await follow(page.getByRole('button', { name: t('intake.followUp.signOut') }))).toBe(200);
        await checkPage('follow-up after leaving');
        expect(await page.context().cookies()).toEqual([]);
      });
    });
  }
}
