import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../storage/auditLog.ts';
import { queryRows } from '../../storage/database.ts';
import { openDeclared, takeAction } from '../../../tests/support/caseGate.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, receiptFrom, signInStaff, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('reporting and following up without JavaScript', (use) => {
  let app: App;
  let database: TestDatabase;
  let handler: StaffFixture;
  let otherHandler: StaffFixture;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    await setUpNetwork(app, database);
    const harbour = await addOrganisation(database.db, { slug: 'harbour-aid', name: 'Harbour Aid' });
    const hills = await addOrganisation(database.db, { slug: 'hill-collective', name: 'Hill Collective' });
    handler = await addStaff(database, { name: 'Tomasz Wren', email: 'tomasz.wren@example.org', grants: [{ role: 'handler', orgId: harbour }] });
    otherHandler = await addStaff(database, { name: 'Ines Marlow', email: 'ines.marlow@example.org', grants: [{ role: 'handler', orgId: hills }] });
  });
  afterAll(async () => {
    await app.close();
  });

  async function sendReport(fields: Record<string, string | string[]>, path = '/o/harbour-aid/report') {
    const reporter = cookieBrowser(app);
    const form = await reporter.get(path);
    expect(form.statusCode).toBe(200);
    const sent = await reporter.post(path, {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      ...fields,
    });
    return { reporter, form, sent };
  }

  async function openFollowUp(receipt: string) {
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    clockOffset += 6_000;
    const signedIn = await reporter.post('/follow-up', { challenge: inputValue(page.body, 'challenge'), pow: '', receipt });
    return { reporter, signedIn };
  }

  it('shows a small first page with the quick exit, the options and the limits, and sets no cookie', async () => {
    const page = await cookieBrowser(app).get('/o/harbour-aid/report');
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('Leave this site quickly');
    expect(page.body).toContain('rel="noreferrer noopener"');
    expect(page.body).toContain('Informal or restorative resolution');
    expect(page.body).toContain('the limits of confidentiality');
    expect(page.body).toContain('Answer only if you answered “Yes” to “Did anyone else see or hear what happened?”');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(Buffer.byteLength(page.body)).toBeLessThan(60_000);
    const subresources = [...page.body.matchAll(/<(?:link[^>]*href|script[^>]*src)="(\/[^"]+)"/g)].map((match) => match[1]);
    expect(subresources.length).toBeLessThanOrEqual(3);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('delivers a report to the organisation’s handler, who reads it and answers, and the reporter reads the answer with the receipt', async () => {
    const { sent } = await sendReport({
      q_account: 'At the spring retreat the coordinator kept texting me at night.',
      q_witnesses: 'yes',
      q_witnessDetails: 'Two colleagues from the field office',
      q_kinds: ['bullying', 'sexual_harassment'],
      q_when_from: '2024-03-01',
      path: 'informal',
      identity: 'confidential',
      name: 'Dana Okello',
      contact: 'dana.okello@example.org',
      intent: 'submit',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['set-cookie']).toBeUndefined();
    expect(sent.body).toContain('Your report was sent');
    const receipt = receiptFrom(sent.body);
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

    const staffBrowser = await signInStaff(app, handler, now());
    const inbox = await staffBrowser.get('/inbox');
    expect(inbox.statusCode).toBe(200);
    const caseLink = /href="(\/cases\/[0-9a-f-]{36})"/.exec(inbox.body)?.[1];
    expect(caseLink).toBeDefined();
    const opened = await openDeclared(staffBrowser, (caseLink ?? '').slice('/cases/'.length));
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('At the spring retreat the coordinator kept texting me at night.');
    expect(opened.body).toContain('Two colleagues from the field office');
    expect(opened.body).toContain('Sexual harassment, Bullying or intimidation');
    expect(opened.body).toContain('Dana Okello');
    const caseId = (caseLink ?? '').slice('/cases/'.length);
    expect((await takeAction(staffBrowser, caseId, { type: 'assign', staffId: handler.id, as: 'handler' })).statusCode).toBe(303);
    expect((await takeAction(staffBrowser, caseId, { type: 'acknowledge' })).statusCode).toBe(303);
    const replied = await staffBrowser.post(`${caseLink}/messages`, { _csrf: csrfFrom(opened.body), text: 'Thank you for telling us.\nCan we talk on Tuesday?' });
    expect(replied.statusCode).toBe(303);

    const { reporter, signedIn } = await openFollowUp(receipt.replace(/ /g, '-'));
    expect(signedIn.statusCode).toBe(303);
    expect(reporter.cookies.has('redress_reporter')).toBe(true);
    const followUp = await reporter.get('/follow-up');
    expect(followUp.statusCode).toBe(200);
    expect(followUp.body).toContain('Thank you for telling us.<br/>Can we talk on Tuesday?');
    expect(followUp.body).toContain('Received and answered');
    expect(followUp.body).toContain('You were sent: an acknowledgement.');

    const answered = await reporter.post('/follow-up/message', { formToken: inputValue(followUp.body, 'formToken'), text: 'Tuesday works for me.' });
    expect(answered.statusCode).toBe(303);
    const again = await staffBrowser.get(caseLink ?? '');
    expect(again.body).toContain('Tuesday works for me.');

    const signedOut = await reporter.post('/follow-up/sign-out', {});
    expect(signedOut.statusCode).toBe(303);
    expect(reporter.cookies.has('redress_reporter')).toBe(false);
    expect((await reporter.get('/follow-up')).body).toContain('Your receipt (16 digits)');
  });

  it('answers 404 to a handler of another organisation exactly as to a case that does not exist', async () => {
    const { sent } = await sendReport({ q_account: 'Something happened at the warehouse.', path: 'record_only', identity: 'anonymous', intent: 'submit' });
    expect(sent.statusCode).toBe(200);
    const [row] = await queryRows<{ id: string }>(database.db, sql`select id from cases order by created_at desc limit 1`);
    const outsider = await signInStaff(app, otherHandler, new Date(now().getTime() + 30_000));
    const forbidden = await outsider.get(`/cases/${row?.id}`);
    const missing = await outsider.get('/cases/00000000-0000-4000-8000-000000000000');
    const malformed = await outsider.get('/cases/not-a-case');
    expect(forbidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    const strip = (html: string) => html.replace(/\/cases\/[^"?]+/g, '/cases/X').replace(/value="[^"]*"/g, '');
    expect(strip(forbidden.body)).toBe(strip(missing.body));
    const inbox = await outsider.get('/inbox');
    expect(inbox.body).not.toContain(row?.id ?? 'none');
    const reply = await outsider.post(`/cases/${row?.id}/messages`, { _csrf: csrfFrom(inbox.body), text: 'hello' });
    expect(reply.statusCode).toBe(404);
  });

  it('sends a report from an organisation’s channel to the network when the reporter chooses so', async () => {
    const { sent } = await sendReport({ q_account: 'It is about the director.', recipient: 'network', path: 'formal', identity: 'anonymous', intent: 'submit' });
    expect(sent.statusCode).toBe(200);
    const [row] = await queryRows<{ org_id: string | null; channel_org_id: string | null }>(database.db, sql`select org_id, channel_org_id from cases order by created_at desc limit 1`);
    expect(row?.org_id).toBeNull();
    expect(row?.channel_org_id).not.toBeNull();
    // Nobody handles reports for the network here, so the network's administrator received it.
    const keys = await queryRows<{ email: string }>(
      database.db,
      sql`select s.email from case_keys k join staff s on s.id = k.staff_id where k.case_id = (select id from cases order by created_at desc limit 1)`,
    );
    expect(keys.map((key) => key.email)).toEqual(['amara.okafor@example.org']);
  });

  it('records every read and write of case data in an audit log whose chain verifies', async () => {
    const actions = await queryRows<{ action: string }>(database.db, sql`select distinct action from audit_log where subject_type = 'case' or action like 'case.%'`);
    expect(actions.map((row) => row.action).sort()).toEqual(
      expect.arrayContaining(['case.submitted', 'case.viewed', 'case.message-sent', 'case.reporter-signed-in', 'case.reporter-viewed', 'case.reporter-message-sent', 'case.inbox-viewed']),
    );
    expect((await verifyAuditLog(database.db)).ok).toBe(true);
  });
});
