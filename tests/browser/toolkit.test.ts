/**
 * The Accountability Toolkit in real Chromium, against a real server: a coordinator opens a
 * round and prints codes; five colleagues answer on a phone-sized screen with JavaScript off;
 * results stay hidden while fewer than five have answered and appear once the fifth has and the
 * round is closed; the coordinator adds an action point, which shows as overdue once its due
 * date has passed (the server's clock is moved on, and the coordinator signs in again then).
 * Every page shown passes axe-core, keeps to the strict CSP and fits a phone screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { totpCodeAt } from '../../src/core/totp.ts';
import { translator } from '../../src/i18n/index.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { organisations, roleGrants, staff } from '../../src/storage/schema/index.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { freshDatabase, testBackends, type TestDatabase } from '../support/databases.ts';

const t = translator('en');
const coordinator = { network: 'Highland Solidarity Network', name: 'Adaeze Nwosu', email: 'adaeze.nwosu@example.org', password: 'seven quiet herons over the river' };
const DAY = 86_400_000;

for (const backend of testBackends()) {
  describe(`an assessment round from invitation to overdue action point [${backend}]`, () => {
    let server: RunningServer | undefined;
    let postgres: TestDatabase | undefined;
    let dataDir = '';
    let staffBrowser: TestBrowser | undefined;
    let colleagueBrowser: TestBrowser | undefined;
    let setupLink = '';
    let totpSecret = '';
    let codes: string[] = [];
    let roundPath = '';
    let actionTitle = '';
    let clockOffset = 0;

    const use = (browser: TestBrowser | undefined) => {
      if (!browser) throw new Error('browser not started');
      return browser;
    };

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-toolkit-browser-'));
      if (backend === 'postgres') postgres = await freshDatabase('postgres');
      const printed: string[] = [];
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REDRESS_DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '', LOG_LEVEL: 'warn' });
      server = await startServer(config, (line) => printed.push(line));
      server.app.redress.context.clock = () => new Date(Date.now() + clockOffset);
      setupLink = /(https?:\/\/\S+\/setup\/\S+)/.exec(printed.join('\n'))?.[1] ?? '';
      staffBrowser = await openBrowser({ serverUrl: server.url, javaScript: false });
      colleagueBrowser = await openBrowser({ serverUrl: server.url, javaScript: false });
    });

    afterEach(() => {
      for (const browser of [staffBrowser, colleagueBrowser]) {
        expect(use(browser).takeProblems()).toEqual([]);
        expect(use(browser).uncheckedPages()).toEqual([]);
      }
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await colleagueBrowser?.close();
      await server?.stop();
      await postgres?.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    async function signIn(at: Date): Promise<void> {
      const { page, goto, follow, checkPage } = use(staffBrowser);
      await goto('/sign-in');
      await checkPage('sign-in');
      await page.getByLabel(t('signIn.email')).fill(coordinator.email);
      await page.getByLabel(t('signIn.password')).fill(coordinator.password);
      await page.getByLabel(t('signIn.code')).fill(totpCodeAt(totpSecret, at));
      expect(await follow(page.getByRole('button', { name: t('signIn.submit') }))).toBe(200);
      await checkPage('staff home');
    }

    test('the coordinator sets up the network and becomes an organisation’s assessment coordinator', async () => {
      const { page, goto, follow, checkPage } = use(staffBrowser);
      expect(await goto(setupLink)).toBe(200);
      await checkPage('setup');
      await page.getByLabel(t('setup.networkName')).fill(coordinator.network);
      await page.getByLabel(t('setup.defaultLanguage')).selectOption('en');
      await page.getByLabel(t('setup.adminName')).fill(coordinator.name);
      await page.getByLabel(t('setup.adminEmail')).fill(coordinator.email);
      await page.getByLabel(t('setup.password'), { exact: true }).fill(coordinator.password);
      await page.getByLabel(t('setup.passwordAgain')).fill(coordinator.password);
      expect(await follow(page.getByRole('button', { name: t('setup.submit') }))).toBe(200);
      await checkPage('authenticator enrolment');
      totpSecret = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')) ?? '';
      await page.getByLabel(t('totp.code')).fill(totpCodeAt(totpSecret, new Date()));
      expect(await follow(page.getByRole('button', { name: t('totp.submit') }))).toBe(200);
      await checkPage('recovery secrets');
      // The member organisation and the coordinator's role in it are fixtures (the administration pages have their own tests).
      const db = server?.database.db;
      if (!db) throw new Error('no server');
      const [organisation] = await db.insert(organisations).values({ slug: 'glen-women', name: 'Glen Women’s Centre', languages: ['en'], country: 'GB' }).returning({ id: organisations.id });
      const [member] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, coordinator.email));
      await db.insert(roleGrants).values({ staffId: member?.id ?? '', orgId: organisation?.id ?? '', role: 'assessment_coordinator' });
    });

    test('a round opens for the organisation and five invitation codes are printed', async () => {
      const { page, goto, follow, checkPage } = use(staffBrowser);
      expect(await goto('/toolkit')).toBe(200);
      await checkPage('toolkit home');
      await page.getByLabel(t('toolkit.open.titleLabel')).fill('Glen self-assessment 2026');
      await page.getByLabel(t('toolkit.open.scopeLabel')).selectOption({ label: 'Glen Women’s Centre' });
      await page.getByLabel(t('toolkit.open.formLabel')).selectOption('short');
      expect(await follow(page.getByRole('button', { name: t('toolkit.open.submit') }))).toBe(200);
      await checkPage('round page');
      roundPath = new URL(page.url()).pathname;
      await page.getByLabel(t('toolkit.invite.countLabel')).fill('5');
      expect(await follow(page.getByRole('button', { name: t('toolkit.invite.print') }))).toBe(200);
      await checkPage('printable codes');
      codes = (await page.locator('[data-invitation-code]').allTextContents()).map((code) => code.trim());
      expect(codes).toHaveLength(5);
    });

    async function answerAsColleague(index: number): Promise<void> {
      const { page, goto, follow, checkPage } = use(colleagueBrowser);
      expect(await goto('/toolkit/answer')).toBe(200);
      await checkPage(`colleague ${index}: code`);
      await page.getByLabel(t('toolkit.answer.codeLabel')).fill((codes[index] ?? '').toLowerCase());
      expect(await follow(page.getByRole('button', { name: t('toolkit.answer.start'), exact: true }))).toBe(200);
      await checkPage(`colleague ${index}: introduction`);
      await page.getByLabel(t('toolkit.roles.staff')).check();
      expect(await follow(page.getByRole('button', { name: t('toolkit.answer.begin') }))).toBe(200);
      for (let domain = 0; domain < 8; domain += 1) {
        await checkPage(`colleague ${index}: domain ${domain + 1}`);
        if (index === 0 && domain === 0) {
          // Moving on with an unanswered question is refused, and says which.
          expect(await follow(page.getByRole('button', { name: t('toolkit.answer.next') }))).toBe(400);
          await checkPage(`colleague ${index}: domain with missing answers`);
          expect(await page.getByRole('alert').first().textContent()).toContain(t('toolkit.answer.chooseOne'));
        }
        for (const radio of await page.locator('input[type="radio"][value="3"]').all()) await radio.check();
        expect(await follow(page.getByRole('button', { name: t('toolkit.answer.next') }))).toBe(200);
      }
      await checkPage(`colleague ${index}: review`);
      expect(await follow(page.getByRole('button', { name: t('toolkit.answer.send') }))).toBe(200);
      await checkPage(`colleague ${index}: thank you`);
      expect(await page.getByText(t('toolkit.answer.doneNotice')).isVisible()).toBe(true);
    }

    test('two colleagues answer with JavaScript off, one after the other', async () => {
      for (const index of [0, 1]) await answerAsColleague(index);
    });

    test('two more answer, and with four answers no result shows yet', async () => {
      for (const index of [2, 3]) await answerAsColleague(index);
      const { page, goto, checkPage } = use(staffBrowser);
      expect(await goto(roundPath)).toBe(200);
      await checkPage('round with four answers');
      expect(await page.getByText(t('toolkit.round.fewerThanFive')).first().isVisible()).toBe(true);
    });

    test('a used code is refused with a clear message, and nothing is counted twice', async () => {
      const { page, goto, follow, checkPage } = use(colleagueBrowser);
      expect(await goto('/toolkit/answer')).toBe(200);
      await checkPage('code again');
      await page.getByLabel(t('toolkit.answer.codeLabel')).fill(codes[0] ?? '');
      expect(await follow(page.getByRole('button', { name: t('toolkit.answer.start'), exact: true }))).toBe(404);
      await checkPage('used code refused');
      expect(await page.getByText(t('errors.TOOLKIT_INVITATION_INVALID')).isVisible()).toBe(true);
    });

    test('after the fifth answer and closing, the results appear with their chart', async () => {
      await answerAsColleague(4);
      const { page, goto, follow, checkPage } = use(staffBrowser);
      expect(await goto(roundPath)).toBe(200);
      await checkPage('round with five answers');
      expect(await page.getByText(t('toolkit.round.atLeast', { count: 5 })).first().isVisible()).toBe(true);
      await page.getByLabel(t('toolkit.round.closeConfirm')).check();
      expect(await follow(page.getByRole('button', { name: t('toolkit.round.closeButton') }))).toBe(200);
      await checkPage('closed round');
      expect(await follow(page.getByRole('link', { name: t('toolkit.round.organisationResults') }))).toBe(200);
      await checkPage('results');
      expect(await page.locator('figure.chart svg[role="img"]').count()).toBe(1);
      expect(await page.getByRole('heading', { name: t('toolkit.results.byDomain') }).isVisible()).toBe(true);
    });

    test('the coordinator adds an action point, which shows as overdue once its date has passed', async () => {
      const { page, goto, follow, checkPage } = use(staffBrowser);
      actionTitle = 'Publish the code of conduct in every office';
      await page.getByLabel(t('toolkit.actions.titleLabel'), { exact: true }).fill(actionTitle);
      await page.getByLabel(t('toolkit.actions.domainLabel'), { exact: true }).selectOption('policy');
      await page.getByLabel(t('toolkit.actions.ownerLabel'), { exact: true }).fill('Office managers');
      await page.getByLabel(t('toolkit.actions.dueLabel'), { exact: true }).fill(new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10));
      await page.getByLabel(t('toolkit.actions.indicatorLabel'), { exact: true }).fill('Offices with the code on display');
      await page.getByLabel(t('toolkit.actions.targetLabel'), { exact: true }).fill('All offices');
      expect(await follow(page.getByRole('button', { name: t('toolkit.actions.create') }))).toBe(200);
      await checkPage('action point');
      expect(await page.getByText(t('toolkit.actions.overdue'), { exact: false }).count()).toBe(0);

      clockOffset = 8 * DAY;
      await signIn(new Date(Date.now() + clockOffset));
      expect(await goto('/toolkit/actions')).toBe(200);
      await checkPage('action points, one overdue');
      expect(await page.locator('[data-overdue]').getByText(actionTitle).isVisible()).toBe(true);
    });
  });
}
