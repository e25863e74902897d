/**
 * The case-handling pages in real Chromium against a real server, with JavaScript on: a reporter
 * sends a formal report; a handler filters the inbox (and mistypes a filter), meets the
 * no-conflict gate, declares and sees the full case page with its action forms, sends a stale
 * form and is shown the refusal (409); the case is taken to the written notice through the
 * use-cases; the handler opens the redaction form and the respondent panel and creates an
 * invitation; the respondent enters the code and reaches the portal; the reporter follows the
 * case with the receipt; the network administrator sees the break-glass page, the procedures,
 * a procedure editor, retention and the case's audit trail. Staff are signed in by a session
 * made through the use-cases (the sign-in pages have their own browser tests). Every page passes
 * axe-core, keeps to the strict CSP, fits a phone screen and asks nothing of any other host.
 */
import { desc } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import { cases, network } from '../../src/storage/schema/index.ts';
import { openCaseKey } from '../../src/usecases/cases/caseAccess.ts';
import { makeContext, type Context } from '../../src/usecases/context.ts';
import { SESSION_COOKIE } from '../../src/web/app.ts';
import { browserSuite } from '../support/browserFlows.ts';
import { caseStaff, type CaseStaff } from '../support/caseFixtures.ts';
import { testArgon2, testBackends, type TestDatabase } from '../support/databases.ts';
import { addOrganisation } from '../support/intakeFixtures.ts';
import { noticeText, reporterActs, staffActs } from '../support/respondentFixtures.ts';

const t = translator('en');

const account = 'At the autumn fundraiser the events manager kept touching my arm and telling me to smile more.';

for (const backend of testBackends()) {
  describe(`the case-handling pages [${backend}]`, () => {
    const suite = browserSuite(backend, { everyone: { javaScript: true } });
    let context: Context;
    let people: { admin: CaseStaff; handler: CaseStaff; secondHandler: CaseStaff; investigator: CaseStaff };
    let receipt = '';
    let caseId = '';
    let caseRef = 0;
    let invitation = { path: '', code: '' };

    const use = () => ({ ...suite.browser('everyone'), server: suite.server() });

    /** Who the browser is: a staff member's session cookie, or nobody. */
    async function as(who: CaseStaff | null): Promise<void> {
      const { page, server: running } = use();
      await page.context().clearCookies();
      if (who) await page.context().addCookies([{ name: SESSION_COOKIE, value: who.member.token, url: running.url }]);
    }

    async function visit(path: string, status: number, label: string): Promise<void> {
      const { goto, checkPage } = use();
      expect(await goto(path)).toBe(status);
      await checkPage(label);
    }

    beforeAll(async () => {
      const server = suite.server();
      context = makeContext(server.database.db, { argon2: testArgon2, clock: server.now });
      const fixtures: TestDatabase = { ...server.database, context, dispose: async () => {} };
      await context.db.insert(network).values({ name: 'Saltmarsh Support Network', defaultLanguage: 'en' });
      const orgId = await addOrganisation(context.db, { slug: 'heron-works', name: 'Heron Works Trust' });
      people = {
        admin: await caseStaff(fixtures, { name: 'Ilse Marwick', grants: [{ role: 'admin', orgId: null }] }),
        handler: await caseStaff(fixtures, { name: 'Tendai Kowalczyk', grants: [{ role: 'handler', orgId }] }),
        secondHandler: await caseStaff(fixtures, { name: 'Rosalind Achterberg', grants: [{ role: 'handler', orgId }] }),
        investigator: await caseStaff(fixtures, { name: 'Oluwaseun Brandt', grants: [{ role: 'investigator', orgId }] }),
      };
    });

    test('a reporter sends a formal report', async () => {
      const { page, follow, checkPage } = use();
      await as(null);
      await visit('/o/heron-works/report', 200, 'report form');
      await page.getByLabel(t('intake.questions.account.label')).fill(account);
      await page.getByLabel(t('intake.paths.formal.label')).check();
      expect(await follow(page.getByRole('button', { name: t('intake.form.send') }))).toBe(200);
      await checkPage('receipt');
      receipt = ((await page.locator('.receipt-code').textContent()) ?? '').trim();
      const [row] = await context.db.select({ id: cases.id, ref: cases.ref }).from(cases).orderBy(desc(cases.ref)).limit(1);
      if (!row) throw new Error('no case');
      caseId = row.id;
      caseRef = row.ref;
    });

    test('the handler filters the inbox, declares no conflict and is refused a stale form', async () => {
      const { page, follow, checkPage } = use();
      const { handler } = people;
      await as(handler);
      await visit('/inbox?priority=normal&category=other', 200, 'inbox with a filter');
      await visit('/inbox?status=lost', 400, 'inbox with a filter in error');
      await visit(`/cases/${caseId}`, 200, 'no-conflict gate');
      expect(await follow(page.getByRole('button', { name: t('caseHandling.gate.noConflictButton') }))).toBe(200);
      await checkPage('case page after declaring');
      expect(await page.getByText(account).isVisible()).toBe(true);

      await staffActs(context, handler, caseId, { type: 'assign', staffId: handler.id, as: 'handler' });
      await visit(`/cases/${caseId}`, 200, 'case page with the action forms');
      // Someone else's tab acknowledged the case meanwhile: this form is stale, and the engine says why.
      await staffActs(context, handler, caseId, { type: 'acknowledge' });
      expect(await follow(page.getByRole('button', { name: t('caseHandling.actions.acknowledge.button') }).first())).toBe(409);
      await checkPage('refusal');
    });

    test('the handler redacts and invites the respondent, who opens the portal with the code', async () => {
      const { page, follow, checkPage } = use();
      const { handler, secondHandler, investigator } = people;
      await staffActs(context, handler, caseId, { type: 'assign', staffId: secondHandler.id, as: 'handler' });
      await staffActs(context, handler, caseId, { type: 'assign', staffId: investigator.id, as: 'investigator' });
      await staffActs(context, secondHandler, caseId, { type: 'declareNoConflict' });
      await staffActs(context, investigator, caseId, { type: 'declareNoConflict' });
      await staffActs(context, handler, caseId, { type: 'triage', priority: 'normal', retaliationRisk: 'medium' });
      const { caseKey } = await context.db.transaction((tx) => openCaseKey(tx, handler.member, caseId, 'case.open', context.clock()));
      await reporterActs(context, { id: caseId, caseKey }, { type: 'allowRespondentContact' });
      await staffActs(context, handler, caseId, {
        type: 'notifyRespondent',
        noticeRef: noticeText,
        contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'],
      });

      await as(handler);
      await visit(`/cases/${caseId}/redactions/investigator`, 200, 'redaction form');
      await visit(`/cases/${caseId}/respondent`, 200, 'respondent staff panel');
      expect(await follow(page.getByRole('button', { name: t('respondent.staff.inviteSubmit') }))).toBe(200);
      await checkPage('invitation created');
      const link = ((await page.locator('[data-respondent-link]').textContent()) ?? '').trim();
      invitation = { path: new URL(link).pathname, code: ((await page.locator('[data-respondent-code]').textContent()) ?? '').trim() };

      await as(null);
      await visit(invitation.path, 200, 'respondent code page');
      await page.getByLabel(t('respondent.code.label')).fill(invitation.code);
      expect(await follow(page.getByRole('button', { name: t('respondent.code.submit') }))).toBe(200);
      await checkPage('respondent portal');
      expect(new URL(page.url()).pathname).toBe('/respond/case');
    });

    test('the reporter follows the case with the receipt', async () => {
      const { page, follow, checkPage } = use();
      await as(null);
      await visit('/follow-up', 200, 'follow-up sign-in');
      await page.getByLabel(t('intake.followUp.receipt')).fill(receipt.replace(/ /g, '-'));
      expect(await follow(page.getByRole('button', { name: t('intake.followUp.open') }))).toBe(200);
      await checkPage('follow-up with case handling');
      expect(new URL(page.url()).pathname).toBe('/follow-up');
      expect(await page.getByRole('heading', { name: t('reporterCase.documents.title') }).isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: t('reporterCase.contact.title') }).isVisible()).toBe(true);
      expect(await page.getByText(t('reporterCase.contact.told')).isVisible()).toBe(true);
    });

    test('the network administrator sees break-glass, procedures, retention and the case trail', async () => {
      await as(people.admin);
      await visit(`/cases/${caseId}/break-glass`, 200, 'break-glass');
      await visit('/admin/procedures', 200, 'procedures');
      await visit('/admin/procedures/formal-investigation/1', 200, 'procedure editor');
      await visit('/admin/retention', 200, 'retention');
      await visit(`/audit/cases/${caseRef}`, 200, 'case audit trail');
    });
  });
}
