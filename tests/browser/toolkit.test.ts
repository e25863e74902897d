/**
 * The Accountability Toolkit in real Chromium, against a real server: a coordinator opens a
 * round and prints codes; five colleagues answer on a phone-sized screen with JavaScript off;
 * results stay hidden while fewer than five have answered and appear once the fifth has and the
 * round is closed; the coordinator adds an action point, which shows as overdue once its due
 * date has passed (the server's clock is moved on, and the coordinator signs in again then).
 * Every page shown passes axe-core, keeps to the strict CSP and fits a phone screen.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { organisations, roleGrants, staff } from '../../src/storage/schema/index.ts';
import { authenticatorCodes, browserSuite, enrolAuthenticator, setUpNetwork, signIn } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');
const coordinator = { network: 'Highland Solidarity Network', name: 'Adaeze Nwosu', email: 'adaeze.nwosu@example.org', password: 'seven quiet herons over the river' };
const DAY = 86_400_000;

for (const backend of testBackends()) {
  describe(`an assessment round from invitation to overdue action point [${backend}]`, () => {
    const suite = browserSuite(backend, { staff: { javaScript: false }, colleague: { javaScript: false } });
    const staffBrowser = () => suite.browser('staff');
    const colleagueBrowser = () => suite.browser('colleague');
    /** Codes at the server's clock, which the last test moves on. */
    const codesAt = authenticatorCodes(() => suite.server().now());
    let totpSecret = '';
    let codes: string[] = [];
    let roundPath = '';
    let actionTitle = '';

    test('the coordinator sets up the network and becomes an organisation’s assessment coordinator', async () => {
      await setUpNetwork(staffBrowser(), suite.server().setupLink, coordinator, { language: 'en' });
      totpSecret = await enrolAuthenticator(staffBrowser(), 'coordinator', codesAt);
      // The member organisation and the coordinator's role in it are fixtures (the administration pages have their own tests).
      const db = suite.server().database.db;
      const [organisation] = await db.insert(organisations).values({ slug: 'glen-women', name: 'Glen Women’s Centre', languages: ['en'], country: 'GB' }).returning({ id: organisations.id });
      const [member] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, coordinator.email));
      await db.insert(roleGrants).values({ staffId: member?.id ?? '', orgId: organisation?.id ?? '', role: 'assessment_coordinator' });
    });

    test('a round opens for the organisation and five invitation codes are printed', async () => {
      const { page, goto, follow, checkPage } = staffBrowser();
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
      const { page, goto, follow, checkPage } = colleagueBrowser();
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
      const { page, goto, checkPage } = staffBrowser();
      expect(await goto(roundPath)).toBe(200);
      await checkPage('round with four answers');
      expect(await page.getByText(t('toolkit.round.fewerThanFive')).first().isVisible()).toBe(true);
    });

    test('a used code is refused with a clear message, and nothing is counted twice', async () => {
      const { page, goto, follow, checkPage } = colleagueBrowser();
      expect(await goto('/toolkit/answer')).toBe(200);
      await checkPage('code again');
      await page.getByLabel(t('toolkit.answer.codeLabel')).fill(codes[0] ?? '');
      expect(await follow(page.getByRole('button', { name: t('toolkit.answer.start'), exact: true }))).toBe(404);
      await checkPage('used code refused');
      expect(await page.getByText(t('errors.TOOLKIT_INVITATION_INVALID')).isVisible()).toBe(true);
    });

    test('after the fifth answer and closing, the results appear with their chart', async () => {
      await answerAsColleague(4);
      const { page, goto, follow, checkPage } = staffBrowser();
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
      const { page, goto, follow, checkPage } = staffBrowser();
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

      suite.server().advanceDays(8);
      await signIn(staffBrowser(), coordinator, { code: await codesAt(totpSecret), label: 'coordinator' });
      expect(await goto('/toolkit/actions')).toBe(200);
      await checkPage('action points, one overdue');
      expect(await page.locator('[data-overdue]').getByText(actionTitle).isVisible()).toBe(true);
    });
  });
}
