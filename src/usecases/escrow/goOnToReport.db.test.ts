/**
 * Going on from a matched escrow allegation to a report (issue #5: "a case is created only with
 * the reporter's consent"), end to end through the reporter's client, the follow-up pages, the
 * counsellor's match page and the report follow-up, on every backend. Everyone here is invented.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { placeAllegation } from '../../client/escrow/placeAllegation.ts';
import { solvePow } from '../../core/intake/receiptGuard.ts';
import { queryRows } from '../../storage/database.ts';
import { verifyAuditLog } from '../../storage/auditLog.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { escrowClient, escrowCounts, issueInvitation, useTemporaryEscrowKeys, type EscrowClient } from '../../../tests/support/escrowFixtures.ts';
import { addStaff, cookieBrowser, inputValue, intakeCounts, receiptFrom, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../../web/app.ts';

const accounts = {
  first: 'Orsino Fictive shouted at me in the stairwell and said nobody would believe me.',
  second: 'At the spring retreat Orsino Fictive blocked the door and would not let me leave.',
};

describeStorage('going on from a matched escrow allegation to a report', (use) => {
  let app: App;
  let database: TestDatabase;
  let keys: ReturnType<typeof useTemporaryEscrowKeys>;
  let counsellor: CookieBrowser;
  let client: EscrowClient;
  const receipts: { first: string; second: string; lone: string } = { first: '', second: '', lone: '' };

  beforeAll(async () => {
    keys = useTemporaryEscrowKeys();
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    const wren = await addStaff(database, { name: 'Wren Halloway', email: 'wren.halloway@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    await addStaff(database, { name: 'Lucian Thorne', email: 'lucian.thorne@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    counsellor = await signInStaff(app, wren, new Date());
    client = escrowClient(app);
    const place = async (identifier: string, account: string, evidence: Parameters<typeof placeAllegation>[0]['evidence'] = []) => {
      const token = await client.api.redeemInvitation(await issueInvitation(counsellor));
      const configuration = await client.configuration();
      return (await placeAllegation({ api: client.api, configuration, token, identifiers: [{ kind: 'email', text: identifier }], account, evidence })).receipt;
    };
    receipts.first = await place('Orsino.Fictive@example.org', accounts.first, [{ name: 'notes.txt', type: 'text/plain', bytes: new TextEncoder().encode('Invented notes written the same evening.') }]);
    receipts.second = await place(' orsino.fictive@EXAMPLE.org', accounts.second);
    receipts.lone = await place('someone.else@example.org', 'Nobody else has named this invented person.');
    // The counsellor has read the match before anyone chooses.
    await openTheMatch();
  });
  afterAll(async () => {
    await app.close();
    keys.remove();
  });

  /** The reporter's escrow follow-up page after their receipt, as a browser without JavaScript sees it (the wait is paid by proof of work). */
  async function escrowStatusPage(reporter: CookieBrowser, receipt: string) {
    const form = await reporter.get('/escrow/follow-up');
    const challenge = inputValue(form.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(form.body)?.[1]);
    return reporter.post('/escrow/follow-up', { challenge, pow: solvePow(challenge, difficulty), receipt });
  }

  async function decide(reporter: CookieBrowser, statusBody: string, decision: 'proceed' | 'declined') {
    return reporter.post('/escrow/follow-up/decision', { allegation: inputValue(statusBody, 'allegation'), formToken: inputValue(statusBody, 'formToken'), decision });
  }

  /** Everything stored, but for spent receipt challenges (each status check spends one). */
  async function stored() {
    const { intake_spent_tokens: _spent, ...counts } = { ...(await escrowCounts(database.db)), ...(await intakeCounts(database.db)) };
    return counts;
  }

  /** A case page as the counsellor reads it, after declaring no conflict the first time. */
  async function readCase(casePath: string) {
    const gate = await counsellor.get(casePath);
    if (!gate.body.includes('id="act-declareNoConflict"')) return gate;
    const declared = await counsellor.post(`${casePath}/actions`, { _csrf: csrfFrom(gate.body), type: 'declareNoConflict', seen: '1', form: 'declareNoConflict' });
    expect(declared.statusCode).toBeLessThan(400);
    return counsellor.get(casePath);
  }

  async function openTheMatch() {
    const listing = await counsellor.get('/escrow/matches');
    return counsellor.get(/href="(\/escrow\/matches\/[0-9a-f-]{36})"/.exec(listing.body)?.[1] ?? '');
  }

  async function decideByApi(receipt: string, decision: 'proceed' | 'declined') {
    const challenge = await client.api.challenge();
    return client.api.decide({ receipt, challenge: challenge.challenge, pow: solvePow(challenge.challenge, challenge.difficulty), decision });
  }

  it('creates nothing for a reporter who has not chosen, nor for one whose allegation never matched', async () => {
    const before = await stored();
    const lone = await escrowStatusPage(cookieBrowser(app), receipts.lone);
    expect(lone.body).toContain('data-escrow-state="not_matched"');
    expect(lone.body).not.toContain('name="decision"');
    await expect(decideByApi(receipts.lone, 'proceed')).rejects.toMatchObject({ code: 'ESCROW_DECISION_UNAVAILABLE', status: 409 });
    const matched = await escrowStatusPage(cookieBrowser(app), receipts.first);
    expect(matched.body).toContain('data-escrow-state="matched"');
    expect(await stored()).toEqual(before);
  });

  it('makes the report when the reporter consents: one case on the escrow procedure, for the escrow counsellors, with a receipt shown once', async () => {
    const reporter = cookieBrowser(app);
    const status = await escrowStatusPage(reporter, receipts.first);
    const decided = await decide(reporter, status.body, 'proceed');
    expect(decided.statusCode).toBe(200);
    expect(decided.body).toContain('data-escrow-report-receipt');
    const reportReceipt = receiptFrom(decided.body);
    expect(reportReceipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(reportReceipt).not.toBe(receipts.first);
    expect(decided.body).toContain('href="/follow-up?lang=en"');
    expect(decided.body).not.toContain('name="decision"');

    const [created] = await queryRows<{ id: string; procedure_id: string; path: string; status: string; origin: string; org_id: string | null; current_steps: string[]; steps: number }>(
      database.db,
      sql`select c.id, c.procedure_id, c.path, c.status, c.state->>'origin' as origin, c.org_id, c.current_steps, jsonb_array_length(c.state->'steps')::int as steps
          from cases c join escrow_allegation_cases l on l.case_id = c.id`,
    );
    expect(created).toMatchObject({ procedure_id: 'escrow', path: 'not_sure', status: 'in_progress', origin: 'escrowMatch', org_id: null, current_steps: ['reporterInformed'], steps: 1 });
    const holders = await queryRows<{ holder: string; name: string | null }>(
      database.db,
      sql`select k.holder, s.name from case_keys k left join staff s on s.id = k.staff_id where k.case_id = ${created?.id} order by k.holder, s.name`,
    );
    expect(holders.filter((row) => row.holder === 'staff').map((row) => row.name)).toEqual(['Lucian Thorne', 'Wren Halloway']);
    expect(holders.filter((row) => row.holder === 'receipt')).toHaveLength(1);
    expect(holders.filter((row) => row.holder === 'emergency')).toHaveLength(1);
    const audit = await queryRows<{ action: string; details: { caseId?: string; origin?: string } }>(
      database.db,
      sql`select action, details from audit_log where action in ('case.submitted', 'escrow.reporter-decided') order by seq`,
    );
    expect(audit).toEqual([
      { action: 'case.submitted', details: expect.objectContaining({ origin: 'escrowMatch', recipients: 2 }) },
      { action: 'escrow.reporter-decided', details: { decision: 'proceed', caseId: created?.id } },
    ]);

    // Back later with the escrow receipt: the report is there, its receipt is not shown again.
    const later = await escrowStatusPage(cookieBrowser(app), receipts.first);
    expect(later.body).toContain('data-escrow-report');
    expect(later.body).not.toContain('data-escrow-report-receipt');
    expect(later.body).not.toContain(reportReceipt);
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
  });

  it('makes the report once: a second “go on” adds nothing, and “not now” is refused once the report exists', async () => {
    const before = await stored();
    const again = await decideByApi(receipts.first, 'proceed');
    expect(again).toMatchObject({ status: 'matched', decision: 'proceed', reportSince: expect.any(String) });
    expect(again.reportReceipt).toBeUndefined();
    await expect(decideByApi(receipts.first, 'declined')).rejects.toMatchObject({ code: 'ESCROW_ALREADY_REPORTED', status: 409 });
    const reporter = cookieBrowser(app);
    const stale = await escrowStatusPage(reporter, receipts.second);
    const declined = await decide(reporter, stale.body, 'declined');
    expect(declined.body).toContain('name="decision"');
    expect(await stored()).toEqual(before);
  });

  it('seals the matched account and evidence into the report when a counsellor opens the match, once', async () => {
    // The report waiting for its account makes the match new again for the counsellors who received it.
    expect((await counsellor.get('/escrow/matches')).body).toContain('data-escrow-new-matches="1"');
    const opened = await openTheMatch();
    expect((await counsellor.get('/escrow/matches')).body).not.toContain('data-escrow-new-matches');
    expect(opened.statusCode).toBe(200);
    expect(opened.body.match(/data-escrow-entry-report/g)).toHaveLength(1);
    expect(opened.body).toContain('The account and its evidence were added to the report');
    const casePath = /href="(\/cases\/[0-9a-f-]{36})"/.exec(opened.body)?.[1] ?? '';

    const casePage = await readCase(casePath);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain(accounts.first);
    expect(casePage.body).not.toContain(accounts.second);
    expect(casePage.body).toContain('notes.txt');
    const addedCount = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log where action = 'escrow.case-account-added'`))[0]?.count;
    expect(await addedCount()).toBe(1);

    // Opening the match again adds nothing more.
    await openTheMatch();
    const [attachments] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from case_attachments`);
    expect(attachments?.count).toBe(1);
    expect(await addedCount()).toBe(1);
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
  });

  it('lets the second matched reporter go on from the API, whose answer carries the receipt once, and follow the report with it', async () => {
    const answer = await decideByApi(receipts.second, 'proceed');
    expect(answer.reportReceipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const pending = await openTheMatch();
    expect(pending.body.match(/data-escrow-entry-report/g)).toHaveLength(2);
    const casePaths = [...pending.body.matchAll(/href="(\/cases\/[0-9a-f-]{36})"/g)].map((found) => found[1] ?? '');
    const second = await Promise.all(casePaths.map((casePath) => readCase(casePath)));
    expect(second.filter((page) => page.body.includes(accounts.second))).toHaveLength(1);

    const reporter = cookieBrowser(app);
    const form = await reporter.get('/follow-up');
    const challenge = inputValue(form.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(form.body)?.[1]);
    const signedIn = await reporter.post('/follow-up', { challenge, pow: solvePow(challenge, difficulty), receipt: answer.reportReceipt ?? '' });
    expect(signedIn.statusCode).toBe(303);
    const view = await reporter.get('/follow-up');
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Withdraw your report');
  });
});
