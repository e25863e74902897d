import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { solvePow } from '../../core/intake/receiptGuard.ts';
import { queryRows } from '../../storage/database.ts';
import { caseBreakGlass, cases, staff } from '../../storage/schema/index.ts';
import { reportedCase, signInMember } from '../../../tests/support/caseFixtures.ts';
import { actOnCase } from '../../usecases/cases/actOnCase.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, receiptFrom, signInStaff, type CookieBrowser, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('case work on the case page: notes, labels, links, referrals and break-glass', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let kofi: StaffFixture;
  let handler: CookieBrowser;
  let stranger: CookieBrowser;
  let caseId = '';
  let caseRef = 0;
  let receipt = '';
  let frozen: Date | undefined;
  const now = () => frozen ?? new Date();

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'willow-street-co-op', name: 'Willow Street Co-op' });
    const otherOrgId = await addOrganisation(database.db, { slug: 'east-pier-rowing', name: 'East Pier Rowing' });
    kofi = await addStaff(database, { name: 'Kofi Boateng', email: 'kofi.boateng@example.org', grants: [{ role: 'handler', orgId }] });
    const lena = await addStaff(database, { name: 'Lena Fischer', email: 'lena.fischer@example.org', grants: [{ role: 'handler', orgId: otherOrgId }] });
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/willow-street-co-op/report');
    const sent = await reporter.post('/o/willow-street-co-op/report', {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      q_account: 'The caretaker keeps entering my flat without notice.',
      path: 'formal',
      identity: 'anonymous',
      intent: 'submit',
    });
    receipt = receiptFrom(sent.body);
    const [row] = await database.db.select({ id: cases.id, ref: cases.ref }).from(cases).where(eq(cases.orgId, orgId));
    if (!row) throw new Error('the report was not stored');
    caseId = row.id;
    caseRef = row.ref;
    handler = await signInStaff(app, kofi, new Date());
    await declare(kofi, caseId);
    stranger = await signInStaff(app, lena, new Date());
  });
  afterAll(async () => {
    await app.close();
  });

  /** The no-conflict declaration, made as the case page makes it (through the engine). */
  async function declare(who: { id: string; password: string }, id: string) {
    const member = await signInMember(database.db, who.id, who.password, new Date());
    const outcome = await actOnCase(database.context, member, id, { type: 'declareNoConflict' });
    if (!outcome.ok) throw new Error(`declaration refused: ${JSON.stringify(outcome.refusal)}`);
  }

  /** The form token every staff page carries (in its sign-out form). */
  async function csrf(browser: CookieBrowser | EnrolledAdmin['browser']): Promise<string> {
    return csrfFrom((await browser.get('/staff')).body);
  }

  /** Whether the case work opens for this browser (a refused form shows it again: 400), or is answered 404. */
  async function opens(browser: EnrolledAdmin['browser']): Promise<boolean> {
    const response = await browser.post(`/cases/${caseId}/notes`, { _csrf: await csrf(browser), note: '' });
    expect([400, 404]).toContain(response.statusCode);
    return response.statusCode === 400;
  }

  async function written(): Promise<Record<string, unknown>> {
    const [counts] = await queryRows<Record<string, number>>(
      database.db,
      sql`select (select count(*)::int from case_documents) as documents, (select count(*)::int from case_links) as links,
                 (select count(*)::int from case_break_glass) as grants, (select count(*)::int from outbox where kind = 'mail.case-alert') as alerts`,
    );
    const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where action not in ('case.viewed', 'case.break-glass-used') order by seq`);
    const [labels] = await database.db.select({ labels: cases.labels, category: cases.category }).from(cases).where(eq(cases.id, caseId));
    return { ...counts, audit: audit.map((entry) => entry.action), labels };
  }

  async function reporterPage(): Promise<string> {
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    const challenge = inputValue(page.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(page.body)?.[1]);
    const inside = await reporter.post('/follow-up', { challenge, pow: solvePow(challenge, difficulty), receipt });
    expect(inside.statusCode).toBe(303);
    return (await reporter.get('/follow-up')).body;
  }

  it('adds a note for staff only: shown with the case work, never on the reporter’s follow-up page', async () => {
    const _csrf = await csrf(handler);
    const added = await handler.post(`/cases/${caseId}/notes`, { _csrf, note: 'Spoke to the housing officer; a lock change is possible by Friday.' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/cases/${caseId}#case-notes`);
    // An empty note comes back with its problem, on a page that lists the notes so far.
    const empty = await handler.post(`/cases/${caseId}/notes`, { _csrf, note: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('This is required.');
    expect(empty.body).toContain('Spoke to the housing officer; a lock change is possible by Friday.');
    expect(empty.body).toContain('Kofi Boateng');

    const follow = await reporterPage();
    expect(follow).toContain('Your report');
    expect(follow).not.toContain('housing officer');
  });

  it('refuses bad input on every form with a message, writing nothing', async () => {
    const _csrf = await csrf(handler);
    const before = await written();
    const refusals: [string, Record<string, string>, string][] = [
      ['notes', { note: 'x'.repeat(20_001) }, 'This is too long.'],
      ['labels', { labels: 'urgent, <b>bold</b>', category: '' }, 'A label can only contain letters, digits, spaces and hyphens.'],
      ['labels', { labels: Array.from({ length: 11 }, (_, i) => `tag ${i}`).join(', '), category: '' }, 'A case can have at most 10 labels.'],
      ['labels', { labels: `${'a'.repeat(41)}`, category: '' }, 'A label can have at most 40 characters.'],
      ['labels', { labels: 'urgent', category: 'gossip' }, 'Choose a category from the list.'],
      ['links', { caseNumber: 'twelve' }, 'Enter a case number, such as 1234.'],
      ['links', { caseNumber: '' }, 'This is required.'],
      ['links', { caseNumber: String(caseRef) }, 'A case cannot be linked to itself.'],
      ['referrals', { referralService: 'Night Shelter', referralDate: '2026-02-30', referralParty: 'reporter', referralWhat: 'A bed for two nights', referralConsent: 'yes' }, 'Enter a real date as YYYY-MM-DD.'],
      ['referrals', { referralService: '', referralDate: '2026-03-02', referralParty: 'reporter', referralWhat: 'A bed for two nights', referralConsent: 'yes' }, 'This is required.'],
      ['referrals', { referralService: 'Night Shelter', referralDate: '2026-03-02', referralParty: 'reporter', referralWhat: 'A bed for two nights' }, 'Say whether the person consented.'],
    ];
    for (const [path, form, message] of refusals) {
      const response = await handler.post(`/cases/${caseId}/${path}`, { _csrf, ...form });
      expect(response.statusCode, `${path} ${JSON.stringify(form).slice(0, 80)}`).toBe(400);
      expect(response.body).toContain(message);
    }
    // The typed text comes back as typed.
    const typed = await handler.post(`/cases/${caseId}/referrals`, { _csrf, referralService: 'Night Shelter', referralDate: 'soon', referralParty: 'respondent', referralWhat: 'A bed', referralConsent: 'no' });
    expect(typed.body).toContain('value="Night Shelter"');
    expect(await written()).toEqual(before);
  });

  it('saves labels, a category and a referral, and links and unlinks a case', async () => {
    const _csrf = await csrf(handler);
    const labelled = await handler.post(`/cases/${caseId}/labels`, { _csrf, labels: 'Housing,  Repeat Visits ', category: 'abuse_of_power' });
    expect(labelled.statusCode).toBe(303);
    const [row] = await database.db.select({ labels: cases.labels, category: cases.category }).from(cases).where(eq(cases.id, caseId));
    expect(row).toEqual({ labels: ['housing', 'repeat visits'], category: 'abuse_of_power' });

    const referred = await handler.post(`/cases/${caseId}/referrals`, {
      _csrf,
      referralService: 'Willow Street Tenants’ Advice',
      referralDate: '2026-03-02',
      referralParty: 'reporter',
      referralWhat: 'Her rights when a landlord’s agent enters without notice',
      referralConsent: 'yes',
    });
    expect(referred.statusCode).toBe(303);

    const kofiId = kofi.id;
    const related = await reportedCase(database.db, { orgId: (await database.db.select({ orgId: cases.orgId }).from(cases).where(eq(cases.id, caseId)))[0]?.orgId ?? null, holders: [{ id: kofiId }] });
    const [relatedRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, related.id));
    await declare(kofi, related.id);
    const linked = await handler.post(`/cases/${caseId}/links`, { _csrf, caseNumber: `#${relatedRow?.ref}` });
    expect(linked.statusCode).toBe(303);
    // The case-work page (shown here through a refused form) lists all of it.
    const page = await handler.post(`/cases/${caseId}/notes`, { _csrf, note: '' });
    expect(page.body).toContain('repeat visits');
    expect(page.body).toContain('Willow Street Tenants’ Advice');
    expect(page.body).toContain(`href="/cases/${related.id}"`);
    expect(page.body).toContain(`Case ${relatedRow?.ref}`);

    const unlinked = await handler.post(`/cases/${caseId}/links/remove`, { _csrf, linked: related.id });
    expect(unlinked.statusCode).toBe(303);
    expect((await handler.post(`/cases/${caseId}/links/remove`, { _csrf, linked: related.id })).statusCode).toBe(404);
    expect((await handler.post(`/cases/${caseId}/links/remove`, { _csrf, linked: 'not-an-id' })).statusCode).toBe(404);
    const audit = await queryRows<{ action: string; subject_id: string }>(database.db, sql`select action, subject_id from audit_log where action in ('case.linked', 'case.unlinked') order by seq`);
    expect(audit).toEqual([
      { action: 'case.linked', subject_id: caseId },
      { action: 'case.linked', subject_id: related.id },
      { action: 'case.unlinked', subject_id: caseId },
      { action: 'case.unlinked', subject_id: related.id },
    ]);
  });

  it('answers a case number in another organisation exactly as one that does not exist', async () => {
    const otherOrg = await addOrganisation(database.db, { slug: 'hill-farm-collective', name: 'Hill Farm Collective' });
    const hidden = await reportedCase(database.db, { orgId: otherOrg, holders: [] });
    const [hiddenRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, hidden.id));
    const unknownRef = (hiddenRow?.ref ?? 0) + 10_000;
    const _csrf = await csrf(handler);
    const before = await written();
    frozen = new Date();
    const invisible = await handler.post(`/cases/${caseId}/links`, { _csrf, caseNumber: String(hiddenRow?.ref) });
    const unknown = await handler.post(`/cases/${caseId}/links`, { _csrf, caseNumber: String(unknownRef) });
    frozen = undefined;
    expect(invisible.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(invisible.body).toContain('There is no case with this number that you can open.');
    expect(invisible.body.replace(`value="${hiddenRow?.ref}"`, 'value="N"')).toBe(unknown.body.replace(`value="${unknownRef}"`, 'value="N"'));
    expect(await written()).toEqual(before);
  });

  it('refuses every case-work form on a case the staff member may not open, as for an unknown case', async () => {
    const _csrf = await csrf(stranger);
    const before = await written();
    for (const target of [caseId, crypto.randomUUID()]) {
      expect((await stranger.post(`/cases/${target}/notes`, { _csrf, note: 'Trying my luck' })).statusCode).toBe(404);
      expect((await stranger.post(`/cases/${target}/notes`, { _csrf, note: '' })).statusCode).toBe(404);
      expect((await stranger.post(`/cases/${target}/labels`, { _csrf, labels: 'x', category: '' })).statusCode).toBe(404);
    }
    expect(await written()).toEqual(before);
  });

  it('lets the network admin break the glass with a reason, warns, alerts, and ends it on request', async () => {
    const url = `/cases/${caseId}/break-glass`;
    expect(await opens(admin.browser)).toBe(false);
    const offer = await admin.browser.get(url);
    expect(offer.statusCode).toBe(200);
    expect(offer.body).toContain('Break-glass access is for emergencies only');
    const _csrf = csrfFrom(offer.body);
    const before = await written();
    const short = await admin.browser.post(url, { _csrf, reason: 'urgent', hours: '4' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Give a reason of at least a few words.');
    const long = await admin.browser.post(url, { _csrf, reason: 'The reporter says the caretaker is at her door now.', hours: '48' });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Choose between 1 and 24 hours.');
    expect(long.body).toContain('The reporter says the caretaker is at her door now.');
    expect(await written()).toEqual(before);

    const opened = await admin.browser.post(url, { _csrf, reason: 'The reporter says the caretaker is at her door now; Kofi is unreachable.', hours: '' });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/cases/${caseId}`);
    const [adminRow] = await database.db.select({ id: staff.id }).from(staff).where(eq(staff.email, admin.email));
    await declare({ id: adminRow?.id ?? '', password: admin.password }, caseId);
    const [grant] = await database.db.select().from(caseBreakGlass).where(eq(caseBreakGlass.caseId, caseId));
    expect((grant?.expiresAt.getTime() ?? 0) - (grant?.createdAt.getTime() ?? 0)).toBe(4 * 3_600_000);
    expect(await queryRows(database.db, sql`select payload from outbox where kind = 'mail.case-alert' and payload->>'about' = 'breakGlass'`)).toEqual([{ payload: { caseId, about: 'breakGlass' } }]);
    expect(await opens(admin.browser)).toBe(true);
    const live = await admin.browser.get(url);
    expect(live.body).toContain('Break-glass access is active');
    // Asking again while it is live changes nothing.
    const again = await admin.browser.post(url, { _csrf, reason: 'Asking a second time for the same emergency.', hours: '2' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Break-glass access is active');
    expect(await database.db.select().from(caseBreakGlass).where(eq(caseBreakGlass.caseId, caseId))).toHaveLength(1);

    const ended = await admin.browser.post(`${url}/end`, { _csrf });
    expect(ended.statusCode).toBe(303);
    expect((await admin.browser.get(ended.headers.location ?? '')).body).toContain('Your break-glass access has ended.');
    expect(await opens(admin.browser)).toBe(false);
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${caseId} and action in ('case.break-glass-started', 'case.break-glass-ended') order by seq`);
    expect(actions.map((entry) => entry.action)).toEqual(['case.break-glass-started', 'case.break-glass-ended']);
  });

  it('explains that break-glass needs an emergency copy, in the same words whatever the case', async () => {
    const holder = await handler.get(`/cases/${caseId}/break-glass`);
    expect(holder.statusCode).toBe(200);
    expect(holder.body).toContain('You already hold a key to this case');
    const other = crypto.randomUUID();
    const refused = await stranger.get(`/cases/${caseId}/break-glass`);
    const unknown = await stranger.get(`/cases/${other}/break-glass`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('Break-glass access needs an emergency copy of the case key');
    expect(refused.body.replaceAll(caseId, 'ID')).toBe(unknown.body.replaceAll(other, 'ID'));
    const before = await written();
    const tried = await stranger.post(`/cases/${caseId}/break-glass`, { _csrf: await csrf(stranger), reason: 'Let me in, it is important.', hours: '4' });
    expect(tried.statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });
});
