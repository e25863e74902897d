import crypto from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, cookieBrowser, inputValue, receiptFrom, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import { sealDocument } from '../../core/intake/caseCrypto.ts';
import { queryRows } from '../../storage/database.ts';
import { caseDocuments, cases } from '../../storage/schema/index.ts';
import { actOnCase } from '../../usecases/cases/actOnCase.ts';
import { openCaseKey } from '../../usecases/cases/caseAccess.ts';
import type { App } from '../app.ts';

describeStorage('the reporter’s side of case handling on the follow-up page', (use) => {
  let app: App;
  let database: TestDatabase;
  let orgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let chiara: CaseStaff;
  let dmitri: CaseStaff;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);
  const laterDays = (days: number) => {
    clockOffset += days * 86_400_000;
  };

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    await setUpNetwork(app, database);
    orgId = await addOrganisation(database.db, { slug: 'harbour-arts', name: 'Harbour Arts Centre' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId }] });
    chiara = await caseStaff(database, { name: 'Chiara Russo', grants: [{ role: 'investigator', orgId }] });
    dmitri = await caseStaff(database, { name: 'Dmitri Volkov', grants: [{ role: 'decision_maker', orgId }] });
  });
  afterAll(async () => {
    await app.close();
  });

  async function report(path: string): Promise<{ receipt: string; caseId: string }> {
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/harbour-arts/report');
    const sent = await reporter.post('/o/harbour-arts/report', {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      q_account: 'The stage manager shouted at me and threw my script on the floor.',
      path,
      identity: 'anonymous',
      intent: 'submit',
    });
    const [row] = await database.db.select({ id: cases.id }).from(cases).where(eq(cases.orgId, orgId)).orderBy(desc(cases.ref)).limit(1);
    if (!row) throw new Error('no case');
    return { receipt: receiptFrom(sent.body), caseId: row.id };
  }

  /** Opens the follow-up page with the receipt, the way a reporter without JavaScript does. */
  async function signIn(receipt: string): Promise<CookieBrowser> {
    clockOffset += 120_000;
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    clockOffset += 6_000;
    const inside = await reporter.post('/follow-up', { challenge: inputValue(page.body, 'challenge'), pow: '', receipt });
    if (inside.statusCode !== 303) throw new Error(`follow-up sign-in failed: ${inside.statusCode}`);
    return reporter;
  }

  async function post(reporter: CookieBrowser, path: string, form: Record<string, string | string[]> = {}) {
    const page = await reporter.get('/follow-up');
    return reporter.post(`/follow-up/${path}`, { formToken: inputValue(page.body, 'formToken'), ...form });
  }

  const at = () => ({ ...database.context, clock: now });
  async function act(who: CaseStaff, caseId: string, action: Record<string, unknown>) {
    const outcome = await actOnCase(at(), who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  async function stateOf(caseId: string): Promise<string> {
    const [row] = await database.db.select({ state: cases.state, status: cases.status, path: cases.path }).from(cases).where(eq(cases.id, caseId));
    return JSON.stringify(row);
  }

  async function staffTheCase(caseId: string) {
    await act(amara, caseId, { type: 'declareNoConflict' });
    await act(amara, caseId, { type: 'assign', staffId: amara.id, as: 'handler' });
    await act(amara, caseId, { type: 'acknowledge' });
    await act(amara, caseId, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await act(amara, caseId, { type: 'triage', priority: 'normal', retaliationRisk: 'medium' });
  }

  it('lets the reporter agree to the respondent being contacted and withdraw it, until the respondent has been told', async () => {
    const { receipt, caseId } = await report('formal');
    const reporter = await signIn(receipt);
    let page = await reporter.get('/follow-up');
    expect(page.body).toContain('Contacting the person you reported');
    expect(page.body).toContain('Once they have been told, this cannot be undone.');
    expect(page.body).toContain('You have not agreed to the respondent being contacted.');

    expect((await post(reporter, 'contact', { intent: 'allow' })).headers.location).toContain('/follow-up?done=contact-allowed&');
    page = await reporter.get('/follow-up?done=contact-allowed');
    expect(page.body).toContain('Your agreement was recorded.');
    expect(page.body).toContain('They have not been told yet.');
    expect((await post(reporter, 'contact', { intent: 'revoke' })).statusCode).toBe(303);
    expect(JSON.parse(await stateOf(caseId)).state.respondentContactConsent).toBeNull();
    expect((await post(reporter, 'contact', { intent: 'allow' })).statusCode).toBe(303);
    const [audit] = await queryRows<{ details: { by?: string }; actor_id: string | null }>(
      database.db,
      sql`select details, actor_id from audit_log where action = 'case.action.allowRespondentContact' and subject_id = ${caseId} limit 1`,
    );
    expect(audit).toMatchObject({ details: { by: 'reporter' }, actor_id: null });

    await staffTheCase(caseId);
    await act(amara, caseId, { type: 'notifyRespondent', noticeRef: 'Notice of the allegations, your rights and the process.', contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'] });
    const told = await signIn(receipt);
    page = await told.get('/follow-up');
    expect(page.body).toContain('The respondent has been told of the case. This cannot be undone.');
    expect(page.body).not.toContain('Withdraw my agreement');
    const before = await stateOf(caseId);
    const refused = await post(told, 'contact', { intent: 'revoke' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This could not be done, and nothing was changed. The respondent has already been told, so your agreement can no longer be withdrawn.');
    expect(await stateOf(caseId)).toBe(before);
    expect((await post(told, 'contact', { intent: 'maybe' })).statusCode).toBe(400);
  });

  it('shows what was sent to the reporter and the appeal deadline, never notes, reasons or what went to the respondent, and takes one appeal', async () => {
    const { receipt, caseId } = await report('formal');
    const reporter = await signIn(receipt);
    await post(reporter, 'contact', { intent: 'allow' });
    await staffTheCase(caseId);
    await act(amara, caseId, { type: 'assign', staffId: chiara.id, as: 'investigator' });
    await act(amara, caseId, { type: 'assign', staffId: dmitri.id, as: 'decision_maker' });
    await act(chiara, caseId, { type: 'declareNoConflict' });
    await act(dmitri, caseId, { type: 'declareNoConflict' });
    await act(amara, caseId, { type: 'giveFeedback', summaryRef: 'FEEDBACK: we have opened a formal investigation.' });
    await act(amara, caseId, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'MEASURE: rehearsals moved to the east studio for you.' });
    await act(amara, caseId, { type: 'addMeasure', for: 'respondent', kind: 'interim', descriptionRef: 'RESPONDENT-MEASURE: keep away from rehearsals.' });
    await act(amara, caseId, { type: 'extendDeadline', deadline: 'notice', days: 5, reason: 'EXTENSION-REASON: the lighting crew is on tour.' });
    await act(amara, caseId, { type: 'notifyRespondent', noticeRef: 'NOTICE-TEXT: the allegations against you.', contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'] });
    const { caseKey } = await openCaseKey(database.db, amara.member, caseId, 'case.open');
    const noteId = crypto.randomUUID();
    await database.db.insert(caseDocuments).values({
      id: noteId,
      caseId,
      kind: 'note',
      sealedWith: 'case',
      sealedBody: sealDocument(caseKey, caseId, noteId, { text: 'INTERNAL-NOTE: ask the wardrobe team.' }),
      authorKind: 'staff',
      authorStaffId: amara.id,
      createdAt: now(),
    });
    laterDays(1);
    await act(chiara, caseId, { type: 'openEvidenceReview' });
    laterDays(10);
    await act(chiara, caseId, { type: 'closeEvidenceReview' });
    await act(chiara, caseId, { type: 'submitInvestigationReport', reportRef: 'REPORT: two witnesses confirm the shouting.' });
    await act(dmitri, caseId, { type: 'decide', outcome: 'responsible', standardOfEvidence: 'preponderanceOfEvidence', reasonsRef: 'DECISION-REASONS: consistent accounts.', sanctions: ['A written warning'], remedies: [] });
    laterDays(1);
    await act(amara, caseId, { type: 'issueOutcome', letterRef: 'OUTCOME: the respondent was found responsible.' });

    const back = await signIn(receipt);
    let page = await back.get('/follow-up');
    for (const shown of ['FEEDBACK:', 'MEASURE: rehearsals', 'REPORT: two witnesses', 'OUTCOME: the respondent', 'Sent to you in writing', 'You were sent: the written outcome.']) expect(page.body).toContain(shown);
    for (const hidden of ['RESPONDENT-MEASURE', 'EXTENSION-REASON', 'NOTICE-TEXT', 'INTERNAL-NOTE', 'DECISION-REASONS', 'A written warning']) expect(page.body).not.toContain(hidden);
    const [row] = await database.db.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId));
    const outcomeDay = (row?.state as { steps: { stepAction: string; at: string }[] }).steps.find((step) => step.stepAction === 'issueOutcome')?.at.slice(0, 10) ?? '';
    const lastDay = new Date(Date.parse(`${outcomeDay}T00:00:00Z`) + 10 * 86_400_000);
    const lastDayText = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(lastDay);
    expect(page.body).toContain(`Last day to appeal: ${lastDayText}`);
    expect(page.body).toContain(`You can appeal until ${lastDayText}, included.`);

    const late = await post(back, 'path', { path: 'informal' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('A decision or an agreement has been reached, so this is no longer possible.');

    const before = await stateOf(caseId);
    const noGrounds = await post(back, 'appeal', { statement: 'The warning is too light for what happened.' });
    expect(noGrounds.statusCode).toBe(400);
    expect(noGrounds.body).toContain('Choose at least one reason for your appeal.');
    expect(noGrounds.body).toContain('The warning is too light for what happened.');
    expect(await stateOf(caseId)).toBe(before);
    const appealed = await post(back, 'appeal', { grounds: ['disproportionateSanction', 'newEvidence'], statement: 'The warning is too light for what happened.' });
    expect(appealed.headers.location).toContain('/follow-up?done=appeal&');
    page = await back.get('/follow-up');
    expect(page.body).toContain('because: The sanction or the remedies do not fit what happened; There is new evidence');
    expect(page.body).toContain('The warning is too light for what happened.');
    expect(page.body).toContain('Your appeal is being considered.');
    expect(page.body).not.toContain('Send my appeal');
    const again = await post(back, 'appeal', { grounds: 'newEvidence' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('You have already appealed. Each party can appeal once.');

    expect((await post(back, 'adviser', { adviser: '   ' })).statusCode).toBe(400);
    expect((await post(back, 'adviser', { adviser: 'Jordan Reyes, union representative, jordan.reyes@example.org' })).headers.location).toContain('/follow-up?done=adviser&');
    page = await back.get('/follow-up');
    expect(page.body).toContain('Jordan Reyes, union representative');
    const adviserRows = await database.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, caseId), eq(caseDocuments.kind, 'nameAdviser.adviserRef')));
    expect(adviserRows).toMatchObject([{ sealedWith: 'case', authorKind: 'reporter' }]);
    expect(Buffer.from(adviserRows[0]?.sealedBody ?? []).toString('latin1')).not.toContain('Jordan');

    const withdraw = await post(back, 'withdraw', { confirm: 'yes' });
    expect(withdraw.statusCode).toBe(409);
  });

  it('takes the reporter’s consent to informal resolution, and its withdrawal resumes the formal investigation', async () => {
    const { receipt, caseId } = await report('formal');
    const reporter = await signIn(receipt);
    expect((await post(reporter, 'path', { path: 'informal' })).statusCode).toBe(303);
    let page = await reporter.get('/follow-up');
    expect(page.body).toContain('The chosen path changed from “Formal investigation” to “');
    expect(page.body).toContain('You have not given your consent to informal resolution.');
    expect((await post(reporter, 'informal', { intent: 'consent' })).headers.location).toContain('/follow-up?done=informal-consent&');
    page = await reporter.get('/follow-up');
    expect(page.body).toContain('You gave your consent on');
    expect((await post(reporter, 'informal', { intent: 'withdraw' })).headers.location).toContain('/follow-up?done=informal-withdrawn&');
    const [row] = await database.db.select({ procedureId: cases.procedureId, path: cases.path }).from(cases).where(eq(cases.id, caseId));
    expect(row).toEqual({ procedureId: 'formal-investigation', path: 'formal' });
    page = await reporter.get('/follow-up');
    expect(page.body).toContain('to “Formal investigation”');
    expect(page.body).not.toContain('I consent to informal resolution');
    const refused = await post(reporter, 'informal', { intent: 'consent' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This is possible only while your report follows informal resolution.');
  });
});
