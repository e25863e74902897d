/**
 * Case handling in real Chromium, JavaScript on, against a real server whose clock the test moves
 * forward. Everyone uses a browser of their own: the administrator sets up an organisation and
 * invites four staff (a handler who also investigates, a second handler, a decision-maker and an
 * appeal reviewer). A formal case goes end to end — consent to contact, written notice, the
 * respondent's portal, the evidence review, the report, a decision by someone who never
 * investigated, the written outcome to both, an appeal decided by someone who took no other
 * part, closure. A restorative case is proposed, both parties consent, the respondent withdraws
 * and the case resumes the formal investigation, which the reporter is told. Every page shown
 * passes axe-core, keeps to the strict CSP, fits a phone screen and asks nothing of any other host.
 */
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import type { TestBrowser } from '../support/browser.ts';
import { addOrganisationAtAdmin, authenticatorCodes, browserSuite, inviteStaff, joinAsStaff, setUpAsFirstAdministrator, signIn as signInAs } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Lakeshore Care Network', name: 'Odile Marchetti', email: 'odile.marchetti@example.org', password: 'green herons by the old mill' };
const organisation = { name: 'Harbour Arts Collective', slug: 'harbour-arts' };
type Staff = { name: string; email: string; password: string; roles: string[]; secret: string; browser?: TestBrowser };
const staff: Record<'amara' | 'bruno' | 'dmitri' | 'esme', Staff> = {
  amara: { name: 'Amara Quintero', email: 'amara.quintero@example.org', password: 'copper bells ring at dawn', roles: ['handler', 'investigator'], secret: '' },
  bruno: { name: 'Bruno Fairweather', email: 'bruno.fairweather@example.org', password: 'the tide brings small shells', roles: ['handler'], secret: '' },
  dmitri: { name: 'Dmitri Okonkwo', email: 'dmitri.okonkwo@example.org', password: 'maple leaves on wet stone', roles: ['decision_maker'], secret: '' },
  esme: { name: 'Esme Lindqvist', email: 'esme.lindqvist@example.org', password: 'a lantern at the ferry gate', roles: ['appeal_reviewer'], secret: '' },
};
const allNoticeContents = ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'];

for (const backend of testBackends()) {
  describe(`case handling with five people [${backend}]`, () => {
    const suite = browserSuite(backend, {});
    const use = () => suite.server();
    const open = () => suite.open(true);
    const person = (who: Staff) => {
      if (!who.browser) throw new Error(`${who.name} has no browser`);
      return who.browser;
    };

    /** Codes for a step after the last one used and at the server's (moved) time. */
    const nextCode = authenticatorCodes(() => use().now());

    /** Signs in again after the server's clock moved past the session's life. */
    async function signIn(who: Staff): Promise<void> {
      await signInAs(person(who), who, { code: await nextCode(who.secret), label: who.name });
    }

    /** Opens the case, declaring no conflict the first time. */
    async function openCase(who: Staff, caseUrl: string, label: string): Promise<void> {
      const { page, goto, follow, checkPage } = person(who);
      expect(await goto(caseUrl)).toBe(200);
      const gate = page.getByRole('button', { name: t('caseHandling.gate.noConflictButton') });
      if ((await gate.count()) > 0) {
        await checkPage(`${label}: conflict declaration`);
        expect(await follow(gate)).toBe(200);
      }
      await checkPage(label);
    }

    /** The form for an action on the case page (opened with a click when folded). */
    async function actionForm(who: Staff, type: string, extra = ''): Promise<Locator> {
      const { page } = person(who);
      const form = page.locator(`form:has(input[name="type"][value="${type}"])${extra}`).first();
      expect(await form.count(), `${who.name} is offered ${type}`).toBe(1);
      const details = form.locator('xpath=ancestor::details[1]');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      return form;
    }

    /** Sends an action form and expects the case page back without a problem. */
    async function send(who: Staff, form: Locator, label: string): Promise<void> {
      const { page, follow, checkPage } = person(who);
      const status = await follow(form.getByRole('button'));
      if (status !== 200) throw new Error(`${label}: ${status} ${(await page.getByRole('alert').first().textContent()) ?? ''}`);
      await checkPage(label);
    }

    async function act(who: Staff, type: string, fill: (form: Locator) => Promise<void> = async () => {}, extra = ''): Promise<void> {
      const form = await actionForm(who, type, extra);
      await fill(form);
      await send(who, form, `case after ${type}`);
    }

    const assign = (who: Staff, as: string, assignee: Staff) =>
      act(who, 'assign', (form) => form.locator('select[name="staffId"]').selectOption({ label: assignee.name }).then(() => undefined), `:has(input[name="as"][value="${as}"])`);

    /** A report on the organisation's channel; answers the receipt. */
    async function report(reporter: TestBrowser, path: 'formal' | 'informal', account: string): Promise<string> {
      const { page, goto, follow, checkPage } = reporter;
      expect(await goto(`/o/${organisation.slug}/report`)).toBe(200);
      await checkPage('organisation report form');
      await page.getByLabel(t('intake.questions.account.label')).fill(account);
      await page.getByLabel(t(`intake.paths.${path}.label`)).check();
      expect(await follow(page.getByRole('button', { name: t('intake.form.send') }))).toBe(200);
      await checkPage('receipt');
      const receipt = ((await page.locator('.receipt-code').textContent()) ?? '').trim();
      expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      return receipt;
    }

    async function followUp(reporter: TestBrowser, receipt: string, label: string): Promise<void> {
      const { page, goto, follow, checkPage } = reporter;
      expect(await goto('/follow-up')).toBe(200);
      if (new URL(page.url()).pathname === '/follow-up' && (await page.getByLabel(t('intake.followUp.receipt')).count()) === 0) {
        await checkPage(label);
        return;
      }
      await checkPage('follow-up sign-in');
      await page.getByLabel(t('intake.followUp.receipt')).fill(receipt);
      await page.getByText(t('intake.followUp.powReady')).waitFor({ state: 'visible', timeout: 60_000 });
      expect(await follow(page.getByRole('button', { name: t('intake.followUp.open') }))).toBe(200);
      await checkPage(label);
    }

    async function reporterChoice(reporter: TestBrowser, label: string, name: string): Promise<void> {
      const { page, follow, checkPage } = reporter;
      expect(await follow(page.getByRole('button', { name }))).toBe(200);
      await checkPage(label);
    }

    /** The handler invites the respondent; answers the link and the access code. */
    async function inviteRespondent(who: Staff, caseUrl: string): Promise<{ link: string; code: string }> {
      const { page, goto, follow, checkPage } = person(who);
      expect(await goto(`${caseUrl}/respondent`)).toBe(200);
      await checkPage('respondent side');
      expect(await follow(page.getByRole('button', { name: t('respondent.staff.inviteSubmit') }))).toBe(200);
      await checkPage('respondent invitation made');
      const link = (await page.locator('[data-respondent-link]').textContent())?.trim() ?? '';
      const code = (await page.locator('[data-respondent-code]').textContent())?.trim() ?? '';
      expect(code).not.toBe('');
      return { link, code };
    }

    async function openPortal(respondent: TestBrowser, invitation: { link: string; code: string }, label: string): Promise<void> {
      const { page, goto, follow, checkPage } = respondent;
      expect(await goto(invitation.link)).toBe(200);
      await checkPage('respondent access code');
      await page.getByLabel(t('respondent.code.label')).fill(invitation.code);
      expect(await follow(page.getByRole('button', { name: t('respondent.code.submit') }))).toBe(200);
      await checkPage(label);
    }

    beforeAll(async () => {
      const adminBrowser = await open();
      await setUpAsFirstAdministrator(adminBrowser, use().setupLink, admin, nextCode);
      await addOrganisationAtAdmin(adminBrowser, { ...organisation, languages: ['en'], country: 'GB' });
      for (const member of Object.values(staff)) {
        const link = await inviteStaff(adminBrowser, member, member.roles.map((role) => ({ role, scope: { label: organisation.name } })));
        const browser = await open();
        member.browser = browser;
        member.secret = await joinAsStaff(browser, link, member, member.name, nextCode);
      }
    }, 240_000);

    test('a formal case from report to closure, through notice, response, review, decision, outcome and appeal', async () => {
      const { amara, bruno, dmitri, esme } = staff;
      const reporter = await open();
      const respondent = await open();
      const receipt = await report(reporter, 'formal', 'At the spring exhibition the curator repeatedly made comments about my body in front of visitors.');

      // The handler takes the case from the inbox, acknowledges, adds a second handler and triages.
      const { page, goto, follow, checkPage } = person(amara);
      expect(await goto('/inbox')).toBe(200);
      await checkPage('inbox');
      expect(await follow(page.getByRole('table').getByRole('link').first())).toBe(200);
      const caseUrl = new URL(page.url()).pathname;
      await checkPage('case from the inbox, before the declaration');
      await openCase(amara, caseUrl, 'case page');
      await assign(amara, 'handler', amara);
      await act(amara, 'acknowledge');
      await assign(amara, 'handler', bruno);
      await assign(amara, 'investigator', amara);
      await act(amara, 'triage', async (form) => {
        await form.locator('input[name="priority"][value="normal"]').check();
        await form.locator('input[name="retaliationRisk"][value="medium"]').check();
      });
      await assign(amara, 'decision_maker', dmitri);
      await act(amara, 'giveFeedback', (form) => form.locator('textarea[name="summaryRef"]').fill('We are investigating formally and will write to you at each step.'));

      // The reporter agrees that the respondent may be contacted.
      await followUp(reporter, receipt, 'follow-up');
      await reporterChoice(reporter, 'follow-up after consenting to contact', t('reporterCase.contact.allow'));

      // Written notice, and the respondent's invitation.
      const noticeText = 'Written notice: it is alleged that at the spring exhibition you made repeated remarks about a colleague’s body.';
      await openCase(amara, caseUrl, 'case page after consent');
      await act(amara, 'notifyRespondent', async (form) => {
        await form.locator('textarea[name="noticeRef"]').fill(noticeText);
        for (const content of allNoticeContents) await form.locator(`input[name="contents"][value="${content}"]`).check();
      });
      const invitation = await inviteRespondent(amara, caseUrl);

      // The respondent reads the notice in the portal and responds.
      await openPortal(respondent, invitation, 'respondent portal');
      expect(await respondent.page.locator('main').textContent()).toContain(noticeText);
      await respondent.page.getByLabel(t('respondent.steps.respond.label')).fill('I deny making any such remarks and ask to see the evidence.');
      expect(await respondent.follow(respondent.page.getByRole('button', { name: t('respondent.steps.respond.submit') }))).toBe(200);
      await respondent.checkPage('respondent portal after responding');

      // The evidence review opens, and eleven days pass.
      await openCase(amara, caseUrl, 'case page after the response');
      await act(amara, 'openEvidenceReview');
      use().advanceDays(11);
      await signIn(amara);
      await openCase(amara, caseUrl, 'case page eleven days later');
      await act(amara, 'closeEvidenceReview');
      await act(amara, 'submitInvestigationReport', (form) => form.locator('textarea[name="reportRef"]').fill('Investigation report: two visitors confirm the remarks; the respondent denies them.'));

      // The decision-maker, who never investigated, decides with the standard of evidence.
      await signIn(dmitri);
      await openCase(dmitri, caseUrl, 'case page for the decision-maker');
      await act(dmitri, 'decide', async (form) => {
        await form.locator('input[name="outcome"][value="responsible"]').check();
        await form.locator('input[name="standardOfEvidence"][value="preponderanceOfEvidence"]').check();
        await form.locator('textarea[name="reasonsRef"]').fill('On the balance of probabilities the remarks were made, as two independent witnesses describe.');
      });

      // The written outcome goes to both.
      const letter = 'Written outcome: the respondent is found responsible for the remarks at the spring exhibition.';
      await openCase(amara, caseUrl, 'case page after the decision');
      await act(amara, 'issueOutcome', (form) => form.locator('textarea[name="letterRef"]').fill(letter));
      await followUp(reporter, receipt, 'follow-up with the outcome');
      expect(await reporter.page.locator('main').textContent()).toContain(letter);
      await openPortal(respondent, invitation, 'respondent portal with the outcome');
      expect(await respondent.page.locator('main').textContent()).toContain(letter);

      // The respondent appeals; the appeal reviewer, who took no other part, decides it.
      await respondent.page.locator('input[name="grounds"][value="newEvidence"]').check();
      await respondent.page.getByLabel(t('respondent.steps.appeal.label')).fill('A witness who was present that evening has come forward.');
      expect(await respondent.follow(respondent.page.getByRole('button', { name: t('respondent.steps.appeal.submit') }))).toBe(200);
      await respondent.checkPage('respondent portal after appealing');
      await openCase(amara, caseUrl, 'case page with an appeal');
      await assign(amara, 'appeal_reviewer', esme);
      await signIn(esme);
      await openCase(esme, caseUrl, 'case page for the appeal reviewer');
      await act(esme, 'decideAppeal', async (form) => {
        await form.locator('input[name="result"][value="upheld"]').check();
        await form.locator('textarea[name="reasonsRef"]').fill('The new witness did not see the exhibition hall; the decision stands.');
      });

      // Once the appeal window has passed, the handler closes the case.
      use().advanceDays(11);
      await signIn(amara);
      await openCase(amara, caseUrl, 'case page after the appeal window');
      await act(amara, 'close', (form) => form.locator('textarea[name="summaryRef"]').fill('Outcome issued, appeal decided, measures in place.'));
      expect(await page.locator('form:has(input[name="type"][value="close"])').count()).toBe(0);
      expect(await page.locator('main').textContent()).toContain(`${t('procedures.steps.closure')} — `);
    }, 240_000);

    test('a restorative case that both parties consent to, until the respondent withdraws and the formal path resumes', async () => {
      const { amara, bruno } = staff;
      const reporter = await open();
      const respondent = await open();
      const receipt = await report(reporter, 'informal', 'During the harbour festival rehearsals the stage manager kept shouting at me and mocking my accent.');

      // The handler takes the new case, acknowledges, adds a second handler and triages.
      const { page, goto, checkPage } = person(amara);
      expect(await goto('/inbox')).toBe(200);
      await checkPage('inbox with the restorative case');
      const unread = page.locator('tr.unread').getByRole('link');
      expect(await unread.count()).toBe(1);
      const caseUrl = (await unread.getAttribute('href')) ?? '';
      expect(caseUrl).toMatch(/^\/cases\//);
      await openCase(amara, caseUrl, 'restorative case page');
      await assign(amara, 'handler', amara);
      await act(amara, 'acknowledge');
      await assign(amara, 'handler', bruno);
      await act(amara, 'triage', async (form) => {
        await form.locator('input[name="priority"][value="normal"]').check();
        await form.locator('input[name="retaliationRisk"][value="low"]').check();
      });

      // The reporter agrees that the respondent may be contacted, and consents to informal resolution.
      await followUp(reporter, receipt, 'restorative follow-up');
      await reporterChoice(reporter, 'restorative follow-up after consenting to contact', t('reporterCase.contact.allow'));
      await reporterChoice(reporter, 'follow-up after consenting to informal resolution', t('reporterCase.informal.consent'));
      expect(await reporter.page.locator('main').textContent()).toContain(t('reporterCase.done.informal-consent'));

      // The handler proposes informal resolution and invites the respondent, who consents in the portal.
      await openCase(amara, caseUrl, 'restorative case page after consent');
      await act(amara, 'proposeInformal');
      const invitation = await inviteRespondent(amara, caseUrl);
      expect(invitation.link).not.toBe('');
      await openPortal(respondent, invitation, 'respondent portal with a proposal of informal resolution');
      await respondent.page.getByLabel(t('respondent.steps.consent.label')).fill('I would like to talk this through with a facilitator.');
      expect(await respondent.follow(respondent.page.getByRole('button', { name: t('respondent.steps.consent.submit') }))).toBe(200);
      await respondent.checkPage('respondent portal after consenting');

      // The respondent withdraws; the case resumes the formal investigation.
      await respondent.page.getByLabel(t('respondent.steps.withdrawConsent.label')).fill('On reflection I would rather answer the allegation formally.');
      expect(await respondent.follow(respondent.page.getByRole('button', { name: t('respondent.steps.withdrawConsent.submit') }))).toBe(200);
      await respondent.checkPage('respondent portal after withdrawing');
      expect(await respondent.page.getByRole('button', { name: t('respondent.steps.withdrawConsent.submit') }).count()).toBe(0);

      await openCase(amara, caseUrl, 'case page after the withdrawal');
      expect(await page.locator('main').textContent()).toContain(t('procedures.templates.formalInvestigation.name'));
      expect(await page.locator('form:has(input[name="type"][value="notifyRespondent"])').count()).toBe(1);

      // The reporter is told that informal resolution ended.
      await followUp(reporter, receipt, 'follow-up after the withdrawal');
      const timeline = (await reporter.page.locator('.timeline').textContent()) ?? '';
      expect(timeline).toContain(t('intake.timeline.delivered', { what: t('intake.deliveries.informalEnded') }));
      expect(await reporter.page.getByRole('button', { name: t('reporterCase.informal.consent') }).count()).toBe(0);
    }, 120_000);
  });
}
