import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { solvePow } from '../../core/intake/receiptGuard.ts';
import { queryRows } from '../../storage/database.ts';
import { recordGuessFailure } from '../../storage/intakeGuardStore.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, intakeCounts, receiptFrom, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('following up a report with its receipt', (use) => {
  let app: App;
  let database: TestDatabase;
  let receipt = '';
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);
  const wait = (seconds: number) => {
    clockOffset += seconds * 1000;
  };

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'delta-works', name: 'Delta Works' });
    await addStaff(database, { name: 'Kofi Mensah', email: 'kofi.mensah@example.org', grants: [{ role: 'handler', orgId }] });
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/delta-works/report');
    const sent = await reporter.post('/o/delta-works/report', {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      q_account: 'The supervisor shouted at me in front of the team.',
      path: 'not_sure',
      identity: 'anonymous',
      intent: 'submit',
    });
    receipt = receiptFrom(sent.body);
  });
  afterAll(async () => {
    await app.close();
  });

  /** A minute later than anything before, so earlier failures have left the global window. */
  function quietMinute() {
    wait(120);
  }

  async function attempt(reporter: CookieBrowser, page: string, typed: string, options: { pow?: string } = {}) {
    return reporter.post('/follow-up', { challenge: inputValue(page, 'challenge'), pow: options.pow ?? '', receipt: typed });
  }

  it('asks a reporter without JavaScript to wait a few seconds, then lets them in', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('this form can be sent 5 seconds after');
    wait(2);
    const early = await attempt(reporter, page.body, receipt);
    expect(early.statusCode).toBe(429);
    expect(early.body).toContain('please wait 3 seconds');
    expect(reporter.cookies.size).toBe(0);
    wait(3);
    const inside = await attempt(reporter, early.body, receipt);
    expect(inside.statusCode).toBe(303);
    expect(reporter.cookies.has('redress_reporter')).toBe(true);
  });

  it('lets a reporter whose browser solved the proof of work in at once', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    const challenge = inputValue(page.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(page.body)?.[1]);
    expect(difficulty).toBe(16);
    const inside = await attempt(reporter, page.body, receipt, { pow: solvePow(challenge, difficulty) });
    expect(inside.statusCode).toBe(303);
  });

  it('reads receipts typed with dashes or other digits, and says what is wrong with a mistyped one without counting it', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    wait(6);
    const short = await attempt(reporter, page.body, receipt.slice(0, -1));
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('A receipt has 16 digits. Please check what you typed. You typed 15 digits.');
    expect((await queryRows<{ n: number }>(database.db, sql`select coalesce(sum(failures), 0)::int as n from intake_guard_minutes`))[0]?.n).toBe(0);
    const arabicIndic = [...receipt].map((character) => (/\d/.test(character) ? String.fromCodePoint(0x660 + Number(character)) : '-')).join('');
    const inside = await attempt(reporter, short.body, arabicIndic);
    expect(inside.statusCode).toBe(303);
  });

  it('slows down wrong receipts in a row, changing nothing, and tells the reporter how long to wait', async () => {
    quietMinute();
    const before = await intakeCounts(database.db);
    const guesser = cookieBrowser(app);
    let page = (await guesser.get('/follow-up')).body;
    const statuses: number[] = [];
    for (let guess = 0; guess < 3; guess += 1) {
      wait(6);
      const response = await attempt(guesser, page, `0000 0000 0000 000${guess}`);
      statuses.push(response.statusCode);
      page = response.body;
    }
    expect(statuses).toEqual([401, 401, 401]);
    expect(page).toContain('We could not find a report with this receipt.');
    expect(page).toContain('this form can be sent 10 seconds after');
    wait(6);
    const throttled = await attempt(guesser, page, '0000 0000 0000 0009');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.body).toContain('please wait 4 seconds');
    expect(guesser.cookies.size).toBe(0);
    const after = await intakeCounts(database.db);
    // Only the spent challenges were remembered.
    expect({ ...after, intake_spent_tokens: 0 }).toEqual({ ...before, intake_spent_tokens: 0 });
  });

  it('refuses a challenge used once already, and one that was altered', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    wait(6);
    expect((await attempt(reporter, page.body, '1111 1111 1111 1111')).statusCode).toBe(401);
    const reused = await attempt(reporter, page.body, receipt);
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('This page was open too long or was already used.');
    const altered = await reporter.post('/follow-up', { challenge: inputValue(page.body, 'challenge').replace(/\.5\.16\./, '.0.1.'), pow: '', receipt });
    expect(altered.statusCode).toBe(400);
    expect(reporter.cookies.size).toBe(0);
  });

  it('tightens the terms for everyone while failures pile up, never beyond thirty seconds', async () => {
    quietMinute();
    for (let failure = 0; failure < 45; failure += 1) await recordGuessFailure(database.db, now());
    expect((await cookieBrowser(app).get('/follow-up')).body).toContain('this form can be sent 20 seconds after');
    for (let failure = 0; failure < 2000; failure += 50) await Promise.all(Array.from({ length: 50 }, () => recordGuessFailure(database.db, now())));
    const underAttack = await cookieBrowser(app).get('/follow-up');
    expect(underAttack.body).toContain('this form can be sent 30 seconds after');
    // A real reporter still gets in, thirty seconds later.
    const reporter = cookieBrowser(app);
    wait(30);
    expect((await attempt(reporter, underAttack.body, receipt)).statusCode).toBe(303);
  });

  it('lets the reporter add information, change the path and withdraw, each once, with confirmation before withdrawing', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    wait(6);
    await attempt(reporter, page.body, receipt);
    let view = await reporter.get('/follow-up');
    const added = await reporter.post('/follow-up/information', { formToken: inputValue(view.body, 'formToken'), text: 'It happened again on Friday.' });
    expect(added.statusCode).toBe(303);
    view = await reporter.get(added.headers.location ?? '');
    expect(view.body).toContain('Your information was added to the report.');
    expect(view.body).toContain('It happened again on Friday.');

    const tooLong = await reporter.post('/follow-up/message', { formToken: inputValue(view.body, 'formToken'), text: 'b'.repeat(100_000) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('This answer is 100,000 characters long');

    const formToken = inputValue(view.body, 'formToken');
    expect((await reporter.post('/follow-up/path', { formToken, path: 'formal' })).statusCode).toBe(303);
    const repeated = await reporter.post('/follow-up/path', { formToken, path: 'record_only' });
    expect(repeated.statusCode).toBe(303);
    view = await reporter.get('/follow-up');
    expect(view.body).toContain('The chosen path changed from “Not sure yet” to “Formal investigation”.');
    expect(view.body).not.toContain('to “Record only”');

    const forged = await reporter.post('/follow-up/path', { formToken: 'forged', path: 'informal' });
    expect(forged.statusCode).toBe(403);

    const asked = await reporter.post('/follow-up/withdraw', { formToken: inputValue(view.body, 'formToken') });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Withdraw your report?');
    const withdrawn = await reporter.post('/follow-up/withdraw', { formToken: inputValue(asked.body, 'formToken'), confirm: 'yes' });
    expect(withdrawn.statusCode).toBe(303);
    view = await reporter.get('/follow-up');
    expect(view.body).toContain('The report was withdrawn.');
    expect(view.body).not.toContain('Change what you would like to happen');
    const late = await reporter.post('/follow-up/path', { formToken: inputValue(view.body, 'formToken'), path: 'informal' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This is no longer possible, because the report was withdrawn or closed.');
  });

  it('ends the follow-up session after thirty idle minutes', async () => {
    quietMinute();
    const reporter = cookieBrowser(app);
    const page = await reporter.get('/follow-up');
    wait(6);
    await attempt(reporter, page.body, receipt);
    const view = await reporter.get('/follow-up');
    expect(view.body).toContain('Your report');
    wait(31 * 60);
    const later = await reporter.get('/follow-up');
    expect(later.body).toContain('Your receipt (16 digits)');
    const posted = await reporter.post('/follow-up/message', { formToken: inputValue(view.body, 'formToken'), text: 'Still there?' });
    expect(posted.statusCode).toBe(401);
    expect(posted.body).toContain('Your follow-up session has ended.');
  });
});
