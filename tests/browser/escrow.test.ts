/**
 * Allegation escrow in real Chromium against a real server: an administrator appoints an escrow
 * counsellor, who issues two invitation codes; two reporters, with JavaScript, each place an
 * allegation naming the same invented person written differently (case and spaces of an
 * e-mail) — the first after a malformed address is refused in the page; the counsellor sees one
 * match and reads both allegations; each reporter sees the match on the follow-up page, and one
 * chooses to go on, which makes a report with a receipt of its own; the counsellor's next opening
 * of the match adds that reporter's account to the report, which the counsellor then opens, and
 * the reporter follows it with its receipt. Without JavaScript the escrow page says why it needs it and offers the other
 * paths, and the follow-up still works. Every page passes axe-core, keeps to the strict CSP,
 * fits a phone screen and asks nothing of any other host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { createEscrowKeyFile } from '../../src/storage/escrow/escrowKeys.ts';
import { openBrowser } from '../support/browser.ts';
import { authenticatorCodes, browserSuite, inviteStaff, joinAsStaff, setUpAsFirstAdministrator, signIn, signOut } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Riverbend Women’s Alliance', name: 'Farida Osei', email: 'farida.osei@example.org', password: 'blue kites over the harbour' };
const counsellor = { name: 'Imani Njeri', email: 'imani.njeri@example.org', password: 'seven lanterns in the rain' };
const reporters = [
  { spelling: 'Dario.Invented@Example.org', account: 'Dario kept me late and would not let me leave the office.' },
  { spelling: '  dario.invented@example.ORG ', account: 'At the retreat he cornered me in the corridor.' },
];

for (const backend of testBackends()) {
  describe(`allegation escrow between two reporters and a counsellor [${backend}]`, () => {
    let keyFolder = '';
    let counsellorSecret = '';
    let invitationLink = '';
    const codes: string[] = [];
    const receipts: string[] = [];
    let reportReceipt = '';

    // The escrow key lives outside the database; a PostgreSQL deployment must be given one. Set
    // before the suite's server starts, removed after it stops.
    beforeAll(() => {
      keyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-browser-escrow-'));
      const keyFile = path.join(keyFolder, 'escrow-keys.json');
      createEscrowKeyFile(keyFile);
      process.env.REDRESS_ESCROW_KEY_FILE = keyFile;
    });
    afterAll(() => {
      delete process.env.REDRESS_ESCROW_KEY_FILE;
      fs.rmSync(keyFolder, { recursive: true, force: true });
    });
    const suite = browserSuite(backend, { everyone: { javaScript: true } });
    const use = () => suite.browser('everyone');
    const authenticator = authenticatorCodes();
    const signInCounsellor = async () => signIn(use(), counsellor, { code: await authenticator(counsellorSecret), label: 'counsellor' });

    test('the administrator sets up the network and invites an escrow counsellor', async () => {
      const { goto, checkPage } = use();
      await setUpAsFirstAdministrator(use(), suite.server().setupLink, admin, authenticator);

      expect(await goto('/escrow/settings')).toBe(200);
      await checkPage('escrow settings');
      invitationLink = await inviteStaff(use(), counsellor, [{ role: 'escrow_counsellor', scope: 'network' }]);
      await signOut(use());
    });

    test('the counsellor joins and issues two invitation codes', async () => {
      const { page, goto, follow, checkPage } = use();
      counsellorSecret = await joinAsStaff(use(), invitationLink, counsellor, 'counsellor', authenticator);

      expect(await follow(page.getByRole('link', { name: t('escrow.staff.nav') }))).toBe(200);
      await checkPage('escrow matches, none yet');
      expect(await page.getByText(t('escrow.staff.noMatches')).isVisible()).toBe(true);
      for (const label of ['first', 'second']) {
        expect(await follow(page.getByRole('button', { name: t('escrow.staff.invite') }))).toBe(200);
        await checkPage(`${label} invitation code`);
        codes.push((await page.locator('[data-escrow-invitation-code]').textContent())?.trim() ?? '');
        expect(await goto('/escrow/matches')).toBe(200);
        await checkPage('escrow matches');
      }
      expect(codes[0]).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
      expect(codes[1]).not.toBe(codes[0]);
      await signOut(use());
    });

    async function placeAllegation(index: number, firstTry?: string): Promise<string> {
      const { page, goto, checkPage } = use();
      const reporter = reporters[index];
      if (!reporter) throw new Error('no such reporter');
      expect(await goto('/escrow')).toBe(200);
      await page.getByLabel(t('escrow.form.invitationCode')).waitFor({ state: 'visible' });
      expect(await page.getByText(t('escrow.page.scriptTitle')).isVisible()).toBe(false);
      await checkPage(`escrow page, reporter ${index + 1}`);
      await page.getByLabel(t('escrow.form.invitationCode')).fill(codes[index] ?? '');
      await page.getByRole('button', { name: t('escrow.form.useInvitation') }).click();
      await page.getByText(t('escrow.form.verified')).waitFor({ state: 'visible' });
      await page.getByLabel(t('escrow.form.account')).fill(reporter.account);
      if (firstTry) {
        await page.getByLabel(t('escrow.form.respondentEmail')).fill(firstTry);
        await page.getByRole('button', { name: t('escrow.form.submit') }).click();
        await page.locator('#field-respondentEmail-error').waitFor({ state: 'visible' });
        expect(await page.locator('#field-respondentEmail-error').textContent()).toBe(t('escrow.problems.email_malformed'));
        expect(await page.getByRole('alert').first().textContent()).toBe(t('escrow.problems.email_malformed'));
        await checkPage(`escrow page with a malformed address, reporter ${index + 1}`);
      }
      await page.getByLabel(t('escrow.form.respondentEmail')).fill(reporter.spelling);
      await page.getByRole('button', { name: t('escrow.form.submit') }).click();
      await page.locator('[data-escrow-receipt]').waitFor({ state: 'visible', timeout: 30_000 });
      const receipt = (await page.locator('[data-escrow-receipt]').textContent())?.trim() ?? '';
      expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(await page.getByLabel(t('escrow.form.account')).isVisible()).toBe(false);
      await checkPage(`escrow receipt, reporter ${index + 1}`);
      return receipt;
    }

    test('two reporters place allegations naming the same person, written differently', async () => {
      receipts.push(await placeAllegation(0, 'dario.invented@@example.org'));
      receipts.push(await placeAllegation(1));
      expect(receipts[1]).not.toBe(receipts[0]);
    });

    test('the counsellor sees one match and reads both allegations', async () => {
      const { page, follow, checkPage } = use();
      await signInCounsellor();
      expect(await follow(page.getByRole('link', { name: t('escrow.staff.nav') }))).toBe(200);
      await checkPage('escrow matches with a new match');
      expect(await page.locator('[data-escrow-new-matches]').getAttribute('data-escrow-new-matches')).toBe('1');
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(t('escrow.staff.new'));
      expect(await follow(rows.first().getByRole('link'))).toBe(200);
      await checkPage('escrow match opened');
      const accounts = await page.locator('[data-escrow-account]').allTextContents();
      expect(accounts.map((text) => text.trim()).sort()).toEqual(reporters.map((reporter) => reporter.account).sort());
      expect(await follow(page.getByRole('link', { name: t('escrow.match.back') }))).toBe(200);
      await checkPage('escrow matches, read');
      expect(await page.locator('[data-escrow-new-matches]').count()).toBe(0);
      await signOut(use());
    });

    test('each reporter sees the match on the follow-up page, and one chooses to go on', async () => {
      const { page, goto, follow, checkPage } = use();
      for (const [index, receipt] of receipts.entries()) {
        expect(await goto('/escrow/follow-up')).toBe(200);
        await checkPage(`escrow follow-up, reporter ${index + 1}`);
        await page.getByLabel(t('escrow.followUp.receipt')).fill(receipt);
        await page.getByText(t('intake.followUp.powReady')).waitFor({ state: 'visible', timeout: 60_000 });
        expect(await follow(page.getByRole('button', { name: t('escrow.followUp.open') }))).toBe(200);
        await checkPage(`escrow status, reporter ${index + 1}`);
        expect(await page.locator('[data-escrow-state]').textContent()).toBe(t('escrow.status.matched'));
      }
      expect(await follow(page.getByRole('button', { name: t('escrow.status.proceed') }))).toBe(200);
      await checkPage('escrow report made, its receipt shown once');
      expect(await page.getByRole('status').textContent()).toContain(t('escrow.status.reportCreated'));
      reportReceipt = ((await page.locator('[data-escrow-report-receipt] .receipt-code').textContent()) ?? '').trim();
      expect(reportReceipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(await page.getByRole('button', { name: t('escrow.status.decline') }).count()).toBe(0);
      expect(await page.locator('main').getByRole('link', { name: t('escrow.status.reportFollowUp') }).isVisible()).toBe(true);
    });

    test('the counsellor opens the match again, which adds the account to the report, and opens the report', async () => {
      const { page, follow, checkPage } = use();
      await signInCounsellor();
      expect(await follow(page.getByRole('link', { name: t('escrow.staff.nav') }))).toBe(200);
      await checkPage('escrow matches, a reporter went on');
      expect(await follow(page.locator('tbody tr').first().getByRole('link'))).toBe(200);
      await checkPage('escrow match with a report');
      const report = page.locator('[data-escrow-entry-report]');
      expect(await report.count()).toBe(1);
      expect(await report.textContent()).toContain(t('escrow.match.report'));
      expect(await follow(report.getByRole('link'))).toBe(200);
      await checkPage('the report, before declaring no conflict');
      expect(await follow(page.getByRole('button', { name: t('caseHandling.gate.noConflictButton') }))).toBe(200);
      await checkPage('the report made from escrow');
      expect(await page.locator('main').textContent()).toContain(reporters[1]?.account ?? '');
      await signOut(use());
    });

    test('the reporter follows the report with its own receipt', async () => {
      const { page, goto, follow, checkPage } = use();
      expect(await goto('/follow-up')).toBe(200);
      await checkPage('report follow-up sign-in');
      await page.getByLabel(t('intake.followUp.receipt')).fill(reportReceipt);
      await page.getByText(t('intake.followUp.powReady')).waitFor({ state: 'visible', timeout: 60_000 });
      expect(await follow(page.getByRole('button', { name: t('intake.followUp.open') }))).toBe(200);
      await checkPage('the report from escrow, as its reporter sees it');
      expect(await page.getByRole('heading', { name: t('intake.followUp.withdrawTitle') }).isVisible()).toBe(true);
    });

    test('without JavaScript the escrow page says why it needs it, offers the other paths, and the follow-up still works', async () => {
      const noScript = await openBrowser({ serverUrl: suite.server().url, javaScript: false });
      try {
        expect(await noScript.goto('/escrow')).toBe(200);
        await noScript.checkPage('escrow page without JavaScript');
        expect(await noScript.page.getByRole('heading', { name: t('escrow.page.scriptTitle') }).isVisible()).toBe(true);
        expect(await noScript.page.getByLabel(t('escrow.form.invitationCode')).isVisible()).toBe(false);
        expect(await noScript.page.getByRole('link', { name: t('escrow.page.pathReport') }).isVisible()).toBe(true);
        expect(await noScript.follow(noScript.page.getByRole('link', { name: t('escrow.page.pathStatus') }))).toBe(200);
        await noScript.checkPage('escrow follow-up without JavaScript');
        await noScript.page.getByLabel(t('escrow.followUp.receipt')).fill(receipts[0] ?? '');
        const wait = Number((await noScript.page.locator('[data-pow-status]').textContent())?.match(/\d+/)?.[0] ?? '5');
        await new Promise((resolve) => setTimeout(resolve, (wait + 1) * 1000));
        expect(await noScript.follow(noScript.page.getByRole('button', { name: t('escrow.followUp.open') }))).toBe(200);
        await noScript.checkPage('escrow status without JavaScript');
        expect(await noScript.page.locator('[data-escrow-state]').textContent()).toBe(t('escrow.status.matched'));
        expect(noScript.takeProblems()).toEqual([]);
        expect(noScript.uncheckedPages()).toEqual([]);
      } finally {
        await noScript.close();
      }
    });
  });
}
