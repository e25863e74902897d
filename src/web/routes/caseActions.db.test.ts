import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { reportedCase } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, signInStaff, type CookieBrowser, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, testApp } from '../../../tests/support/webApp.ts';
import { DOCUMENT_MAX_CHARS } from '../../core/cases/handling.ts';
import type { CaseState } from '../../core/procedures/index.ts';
import { queryRows } from '../../storage/database.ts';
import { caseDocuments, caseKeys, cases, network, staff } from '../../storage/schema/index.ts';
import type { App } from '../app.ts';

const account = 'An invented account of what happened at the spring workshop, in the storeroom.';

describeStorage('working a case from its page', (use) => {
  let database: TestDatabase;
  let app: App;
  let orgId: string;
  let amara: StaffFixture;
  let bongani: StaffFixture;
  let chiara: StaffFixture;
  let dmitri: StaffFixture;
  let fatima: StaffFixture;
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 9, 30));

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    await database.db.insert(network).values({ name: 'Estuary Network', defaultLanguage: 'en' });
    orgId = await addOrganisation(database.db, { slug: 'riverside-union', name: 'Riverside Union' });
    amara = await addStaff(database, { name: 'Amara Nwosu', email: 'amara.nwosu@example.org', grants: [{ role: 'handler', orgId }] });
    bongani = await addStaff(database, { name: 'Bongani Khumalo', email: 'bongani.khumalo@example.org', grants: [{ role: 'handler', orgId }] });
    // Chiara may investigate or decide in this organisation; on one case she can only ever do one of the two.
    chiara = await addStaff(database, { name: 'Chiara Lombardi', email: 'chiara.lombardi@example.org', grants: [{ role: 'investigator', orgId }, { role: 'decision_maker', orgId }] });
    dmitri = await addStaff(database, { name: 'Dmitri Volkov', email: 'dmitri.volkov@example.org', grants: [{ role: 'decision_maker', orgId }] });
    fatima = await addStaff(database, { name: 'Fatima Haddad', email: 'fatima.haddad@example.org', grants: [{ role: 'handler', orgId }] });
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    database.context.clock = () => day(2);
  });

  /**
   * Signs in on the given day (the app's clock moves there first). The tests go back and forth
   * in time, so the authenticator's replay guard (last code used) is reset before each sign-in.
   */
  async function on(n: number, person: StaffFixture): Promise<CookieBrowser> {
    database.context.clock = () => day(n);
    await database.db.update(staff).set({ totpLastStep: null }).where(eq(staff.id, person.id));
    return signInStaff(app, person, day(n));
  }

  async function newCase(holders: StaffFixture[], path: 'formal' | 'record_only' = 'formal'): Promise<string> {
    return (await reportedCase(database.db, { orgId, holders, path, at: day(1), account })).id;
  }

  /** Sends one action form as the page offers it: with the page's form token and history count. */
  async function act(browser: CookieBrowser, caseId: string, fields: Record<string, string | string[]>) {
    const page = await browser.get(`/cases/${caseId}`);
    const seen = /name="seen" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    return browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(page.body), seen, ...fields });
  }

  async function done(browser: CookieBrowser, caseId: string, fields: Record<string, string | string[]>): Promise<void> {
    const response = await act(browser, caseId, fields);
    if (response.statusCode !== 303) throw new Error(`${String(fields.type)}: ${response.statusCode} ${/<div class="notice notice-error"[^]*?<\/div>/.exec(response.body)?.[0] ?? ''}`);
  }

  /** Amara opens a new case on day 2, declares no conflict and takes it as its first handler. */
  async function takenByAmara(holders: StaffFixture[] = [amara], path: 'formal' | 'record_only' = 'formal'): Promise<{ caseId: string; browser: CookieBrowser }> {
    const caseId = await newCase(holders, path);
    const browser = await on(2, amara);
    await done(browser, caseId, { type: 'declareNoConflict' });
    await done(browser, caseId, { type: 'assign', staffId: amara.id, as: 'handler' });
    return { caseId, browser };
  }

  async function caseRow(caseId: string) {
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    return row;
  }

  async function documentCount(caseId: string): Promise<number> {
    return (await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId))).length;
  }

  async function audited(caseId: string, action: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where subject_id = ${caseId} and action = ${action}`);
    return row?.n ?? 0;
  }

  it('asks for the no-conflict declaration before showing anything written in the case, and opens it once declared', async () => {
    const caseId = await newCase([amara]);
    const browser = await on(2, amara);
    const gate = await browser.get(`/cases/${caseId}`);
    expect(gate.statusCode).toBe(200);
    expect(gate.body).toContain('Before you open this case');
    expect(gate.body).toContain('Riverside Union');
    expect(gate.body).not.toContain('spring workshop');
    expect(await audited(caseId, 'case.conflict-declaration-shown')).toBe(1);
    expect(await audited(caseId, 'case.viewed')).toBe(0);

    const declared = await browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(gate.body), type: 'declareNoConflict', seen: '0', form: 'declareNoConflict' });
    expect(declared.statusCode).toBe(303);
    expect(declared.headers.location).toBe(`/cases/${caseId}?done=declareNoConflict`);
    const page = await browser.get(declared.headers.location ?? '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('spring workshop');
    expect(page.body).toContain('Done: No conflict of interest declared.');
    expect(page.body).toContain('Formal investigation');
    expect(page.body).toContain('EU Directive 2019/1937 art. 9(1)(b)');
    expect(page.body).toContain('Assign a handler');
    // The case's other work, the respondent's side and the exports have their places on the page.
    expect(page.body).toContain('id="case-notes"');
    expect(page.body).toContain('id="respondent"');
    expect(page.body).toContain(`/cases/${caseId}/export.pdf?version=full`);
    expect(await audited(caseId, 'case.viewed')).toBe(1);
    expect(((await caseRow(caseId))?.state as CaseState).noConflictDeclared).toEqual([amara.id]);

    // The same declaration sent again acts once and says so, with the declaration form's own message.
    const again = await browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(gate.body), type: 'declareNoConflict', seen: '0', form: 'declareNoConflict' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been sent and recorded');
    expect(((await caseRow(caseId))?.state as CaseState).history).toHaveLength(1);
  });

  it('lets a colleague declare their own conflict instead, after which the case is gone for them', async () => {
    const caseId = await newCase([amara, fatima]);
    const browser = await on(2, fatima);
    const gate = await browser.get(`/cases/${caseId}`);
    const missingReason = await browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(gate.body), type: 'recordConflict', seen: '0', form: 'recordConflict', staffId: fatima.id, basis: 'relatedToParty' });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('Before you open this case');
    expect(missingReason.body).not.toContain('spring workshop');
    const declared = await browser.post(`/cases/${caseId}/actions`, {
      _csrf: csrfFrom(gate.body),
      type: 'recordConflict',
      seen: '0',
      form: 'recordConflict',
      staffId: fatima.id,
      basis: 'relatedToParty',
      reason: 'The respondent is my cousin.',
    });
    expect(declared.statusCode).toBe(303);
    expect(declared.headers.location).toBe('/inbox?done=conflictRecorded');
    expect((await browser.get(`/cases/${caseId}`)).statusCode).toBe(404);
    const keys = await database.db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(eq(caseKeys.caseId, caseId));
    expect(keys.map((key) => key.staffId)).toEqual([amara.id]);
  });

  it('shows a refusal with 409 and the typed text, and changes nothing', async () => {
    const caseId = await newCase([amara]);
    const browser = await on(2, amara);
    await done(browser, caseId, { type: 'declareNoConflict' });
    const before = await caseRow(caseId);
    const documents = await documentCount(caseId);
    // Not on the case yet: the engine refuses, and the page says why.
    const refused = await act(browser, caseId, { type: 'giveFeedback', form: 'giveFeedback:feedback', summaryRef: 'We are looking into the storeroom incident.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This could not be done');
    expect(refused.body).toContain('You are not assigned to this case.');
    expect(refused.body).toContain('We are looking into the storeroom incident.');
    expect(await caseRow(caseId)).toEqual(before);
    expect(await documentCount(caseId)).toBe(documents);
  });

  it('answers bad input with 400 and changes nothing', async () => {
    const { caseId, browser } = await takenByAmara();
    const before = await caseRow(caseId);
    const documents = await documentCount(caseId);
    const unknown = await act(browser, caseId, { type: 'deleteEverything' });
    expect(unknown.statusCode).toBe(400);
    const missing = await act(browser, caseId, { type: 'triage', form: 'triage:triage', priority: 'high' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('id="act-triage-triage-retaliationRisk-error"');
    const huge = await act(browser, caseId, { type: 'addMeasure', form: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'x'.repeat(DOCUMENT_MAX_CHARS + 1) });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('This is too long.');
    // Over a megabyte once percent-encoded: still read, and answered as a form with problems.
    const longDecision = await act(browser, caseId, { type: 'decide', form: 'decide:decision', outcome: 'responsible', standardOfEvidence: 'clearAndConvincing', reasonsRef: '€'.repeat(DOCUMENT_MAX_CHARS + 1), sanctions: '€'.repeat(60_000) });
    expect(longDecision.statusCode).toBe(400);
    expect(longDecision.body).toContain('id="act-decide-decision-reasonsRef-error"');
    const forged = await act(browser, caseId, { type: 'assign', staffId: 'not-a-person', as: 'handler' });
    expect(forged.statusCode).toBe(400);
    const noCount = await browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom((await browser.get(`/cases/${caseId}`)).body), type: 'acknowledge' });
    expect(noCount.statusCode).toBe(400);
    expect(await caseRow(caseId)).toEqual(before);
    expect(await documentCount(caseId)).toBe(documents);
  });

  it('takes a repeatable action once when its form is sent twice', async () => {
    const { caseId, browser } = await takenByAmara();
    const page = await browser.get(`/cases/${caseId}`);
    const form = { _csrf: csrfFrom(page.body), seen: /name="seen" value="(\d+)"/.exec(page.body)?.[1] ?? '', type: 'addMeasure', form: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'A quiet room for her interviews.' };
    const [first, second] = await Promise.all([browser.post(`/cases/${caseId}/actions`, form), browser.post(`/cases/${caseId}/actions`, form)]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([303, 409]);
    expect(((await caseRow(caseId))?.state as CaseState).measures).toHaveLength(1);
    expect(await documentCount(caseId)).toBe(1);
  });

  it('works a formal case through its steps with two handlers, an investigator and a decision-maker, up to the written outcome', async () => {
    const { caseId, browser: amaraOn2 } = await takenByAmara([amara, bongani]);
    await done(amaraOn2, caseId, { type: 'acknowledge' });
    const options = async (role: string) => /id="act-assign-[a-z-]+-staffId"[^]*?<\/select>/.exec((await amaraOn2.get(`/cases/${caseId}`)).body.split(`value="assign:${role}"`)[1] ?? '')?.[0] ?? '';
    // Only colleagues holding the grant are offered; nobody holding only the handler grant can investigate.
    expect(await options('investigator')).toContain('Chiara Lombardi');
    expect(await options('investigator')).not.toContain('Bongani Khumalo');
    await done(amaraOn2, caseId, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await done(amaraOn2, caseId, { type: 'assign', staffId: chiara.id, as: 'investigator' });
    // Separation of duties: the investigator can no longer be made the decision-maker, so she is not offered.
    expect(await options('decision_maker')).toContain('Dmitri Volkov');
    expect(await options('decision_maker')).not.toContain('Chiara Lombardi');
    const separated = await act(amaraOn2, caseId, { type: 'assign', form: 'assign:decision_maker', staffId: chiara.id, as: 'decision_maker' });
    expect(separated.statusCode).toBe(409);
    expect(separated.body).toContain('cannot take part as');
    await done(amaraOn2, caseId, { type: 'assign', staffId: dmitri.id, as: 'decision_maker' });

    const bonganiOn2 = await on(2, bongani);
    await done(bonganiOn2, caseId, { type: 'declareNoConflict' });
    await done(bonganiOn2, caseId, { type: 'triage', priority: 'high', retaliationRisk: 'medium' });
    await done(bonganiOn2, caseId, { type: 'allowRespondentContact', statementRef: 'Her signed consent of 2 March, kept in the case file.' });

    const amaraOn3 = await on(3, amara);
    const incomplete = await act(amaraOn3, caseId, { type: 'notifyRespondent', form: 'notifyRespondent:notice', noticeRef: 'You are told of the allegations…', contents: ['allegations', 'rights'] });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.body).toContain('That the respondent is presumed not responsible until the outcome');
    await done(amaraOn3, caseId, {
      type: 'notifyRespondent',
      noticeRef: 'You are told of the allegations about the storeroom on 12 February, of your rights, and that you are presumed not responsible.',
      contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'],
    });

    const chiaraOn3 = await on(3, chiara);
    expect((await chiaraOn3.get(`/cases/${caseId}`)).body).toContain('Before you open this case');
    await done(chiaraOn3, caseId, { type: 'declareNoConflict' });
    await done(chiaraOn3, caseId, { type: 'openEvidenceReview' });
    await done(chiaraOn3, caseId, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: 'A colleague who saw them leave the storeroom.' });
    const tooSoon = await act(chiaraOn3, caseId, { type: 'closeEvidenceReview' });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain('the review cannot close earlier');

    const chiaraOn13 = await on(13, chiara);
    await done(chiaraOn13, caseId, { type: 'closeEvidenceReview' });
    await done(chiaraOn13, caseId, { type: 'submitInvestigationReport', reportRef: 'The account is consistent with the witness and the door log.' });
    // The investigator never decides: she is not on the case as decision-maker, and the form is not offered to her.
    expect((await chiaraOn13.get(`/cases/${caseId}`)).body).not.toContain('value="decide"');

    const dmitriOn13 = await on(13, dmitri);
    await done(dmitriOn13, caseId, { type: 'declareNoConflict' });
    await done(dmitriOn13, caseId, {
      type: 'decide',
      outcome: 'responsible',
      standardOfEvidence: 'preponderanceOfEvidence',
      reasonsRef: 'The witness and the door log support the account.',
      sanctions: 'A written warning\nTraining on respectful conduct',
      remedies: '',
    });
    const amaraOn14 = await on(14, amara);
    await done(amaraOn14, caseId, { type: 'issueOutcome', letterRef: 'The outcome, sent to both of you at the same time.' });

    const row = await caseRow(caseId);
    expect(row).toMatchObject({ status: 'in_progress', priority: 'high', retaliationRisk: 'medium', currentSteps: ['feedback'] });
    const final = await amaraOn14.get(`/cases/${caseId}`);
    // The history shows who acted, in which role, and the documents opened — the notice with the respondent key.
    expect(final.body).toContain('Dmitri Volkov (as decision-maker)');
    expect(final.body).toContain('The witness and the door log support the account.');
    expect(final.body).toContain('Training on respectful conduct');
    expect(final.body).toContain('that you are presumed not responsible.');
    expect(final.body).toContain('The respondent can read this.');
    expect(final.body).toContain('Preponderance of the evidence');
    expect(final.body).toMatch(/Written outcome<\/th>\s*<td><time[^>]*>[^<]*<\/time><\/td>\s*<td>Met<\/td>/);
    const spanish = await amaraOn14.get(`/cases/${caseId}?lang=es`);
    expect(spanish.body).toContain('Historial del caso');
    expect(spanish.body).toContain('Dmitri Volkov (como persona que decide)');
    // Nothing typed is stored in the clear.
    expect(JSON.stringify(row?.state)).not.toContain('door log');
  });

  it('refuses an action after closure and keeps the case closed', async () => {
    const { caseId, browser: amaraOn2 } = await takenByAmara([amara, bongani], 'record_only');
    await done(amaraOn2, caseId, { type: 'acknowledge' });
    await done(amaraOn2, caseId, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await done(amaraOn2, caseId, { type: 'close', summaryRef: 'Kept on record as the reporter asked.' });
    const before = await caseRow(caseId);
    expect(before?.status).toBe('closed');
    const refused = await act(amaraOn2, caseId, { type: 'addMeasure', form: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'A later change of desk.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('The case is closed.');
    expect(await caseRow(caseId)).toEqual(before);
  });

  it('answers a conflicted colleague with the same 404 as an unknown case, for reading and for acting', async () => {
    const caseId = await newCase([amara, fatima]);
    const amaraOn2 = await on(2, amara);
    await done(amaraOn2, caseId, { type: 'declareNoConflict' });
    await done(amaraOn2, caseId, { type: 'assign', staffId: amara.id, as: 'handler' });
    const fatimaOn2 = await on(2, fatima);
    const gate = await fatimaOn2.get(`/cases/${caseId}`);
    expect(gate.statusCode).toBe(200);
    await done(amaraOn2, caseId, { type: 'recordConflict', staffId: fatima.id, basis: 'namedInCase', reason: 'She is named in the account as a witness.' });

    const unknownId = crypto.randomUUID();
    const same = (html: string, id: string) => html.replaceAll(id, 'CASE');
    const conflicted = await fatimaOn2.get(`/cases/${caseId}`);
    const unknown = await fatimaOn2.get(`/cases/${unknownId}`);
    expect(conflicted.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(same(conflicted.body, caseId)).toBe(same(unknown.body, unknownId));

    const form = { _csrf: csrfFrom(gate.body), type: 'declareNoConflict', seen: '0', form: 'declareNoConflict' };
    const acting = await fatimaOn2.post(`/cases/${caseId}/actions`, form);
    const actingUnknown = await fatimaOn2.post(`/cases/${unknownId}/actions`, form);
    expect(acting.statusCode).toBe(404);
    expect(actingUnknown.statusCode).toBe(404);
    expect(same(acting.body, caseId)).toBe(same(actingUnknown.body, unknownId));
    const badForm = await fatimaOn2.post(`/cases/${caseId}/actions`, { ...form, type: 'nonsense' });
    const badFormUnknown = await fatimaOn2.post(`/cases/${unknownId}/actions`, { ...form, type: 'nonsense' });
    expect(badForm.statusCode).toBe(404);
    expect(same(badForm.body, caseId)).toBe(same(badFormUnknown.body, unknownId));
  });
});
