import { openDeclared } from '../../../tests/support/caseGate.ts';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { staff } from '../../storage/schema/index.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, intakeCounts, receiptFrom, signInStaff, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('a report form that cannot be accepted', (use) => {
  let app: App;
  let database: TestDatabase;
  let handler: StaffFixture;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);
  let before: Record<string, number>;

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'river-hub', name: 'River Hub', languages: ['es', 'en'] });
    handler = await addStaff(database, { name: 'Lucía Ferrer', email: 'lucia.ferrer@example.org', grants: [{ role: 'handler', orgId }] });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    before = await intakeCounts(database.db);
  });

  async function openForm(path = '/o/river-hub/report?lang=es') {
    const reporter = cookieBrowser(app);
    const form = await reporter.get(path);
    return { reporter, hidden: { formToken: inputValue(form.body, 'formToken'), questionnaire: inputValue(form.body, 'questionnaire') } };
  }

  const complete = { path: 'formal', identity: 'anonymous', intent: 'submit' };

  it('asks, in the reporter’s language, for a missing required answer, keeps what was typed and stores nothing', async () => {
    const { reporter, hidden } = await openForm();
    const response = await reporter.post('/o/river-hub/report?lang=es', { ...hidden, ...complete, q_where: 'En la oficina del puerto' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Responda, por favor.');
    expect(response.body).toContain('En la oficina del puerto');
    expect(response.body).toContain('Salir rápido de este sitio');
    expect(await intakeCounts(database.db)).toEqual(before);
  });

  it('says how long a 100,000-character answer is and what the limit is', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    const response = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, ...complete, q_account: 'a'.repeat(100_000) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This answer is 100,000 characters long; the limit is 20,000.');
    expect(await intakeCounts(database.db)).toEqual(before);
  });

  it('refuses bytes that are not UTF-8, raw or percent-encoded, with a clear message', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    const prefix = new URLSearchParams({ ...hidden, ...complete }).toString();
    for (const payload of [Buffer.concat([Buffer.from(`${prefix}&q_account=caf`), Buffer.from([0xc3, 0x28, 0xff])]), `${prefix}&q_account=caf%C3%28%FF`]) {
      const response = await reporter.postRaw('/o/river-hub/report?lang=en', payload);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Some characters in this answer could not be read');
    }
    expect(await intakeCounts(database.db)).toEqual(before);
  });

  it('refuses a forged form token but gives the answers back with a fresh form', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    const forged = `${hidden.formToken.slice(0, -4)}AAAA`;
    const response = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, formToken: forged, ...complete, q_account: 'It happened twice.' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This form did not come from this site, or it was changed on the way. Nothing was saved.');
    expect(response.body).toContain('It happened twice.');
    expect(inputValue(response.body, 'formToken')).not.toBe(forged);
    const unknownVersion = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, questionnaire: '00000000-0000-4000-8000-000000000000', ...complete, q_account: 'x' });
    expect(unknownVersion.statusCode).toBe(400);
    expect(await intakeCounts(database.db)).toEqual(before);
  });

  it('refuses a form left open for more than a day, keeping the answers', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    clockOffset += 25 * 3_600_000;
    const response = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, ...complete, q_account: 'Written slowly.' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This form was open for a long time.');
    expect(response.body).toContain('Written slowly.');
    expect(await intakeCounts(database.db)).toEqual(before);
  });

  it('creates one report when the same form is sent twice', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    const first = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, ...complete, q_account: 'Once.' });
    expect(first.statusCode).toBe(200);
    const afterFirst = await intakeCounts(database.db);
    expect(afterFirst.cases).toBe((before.cases ?? 0) + 1);
    const second = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, ...complete, q_account: 'Once.' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('This form was already sent, so nothing new was saved.');
    expect(await intakeCounts(database.db)).toEqual(afterFirst);
  });

  it('keeps a saved draft from the handlers until it is sent, and never sends it twice', async () => {
    const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
    const saved = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, path: 'not_sure', identity: 'anonymous', intent: 'save', q_where: 'The night bus depot' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Your report was saved');
    const receipt = receiptFrom(saved.body);

    const staffBrowser = await signInStaff(app, handler, now());
    const caseLinks = async () => [...(await staffBrowser.get('/inbox')).body.matchAll(/href="(\/cases\/[0-9a-f-]{36})"/g)].map((match) => match[1] ?? '');
    const listedBefore = await caseLinks();

    const page = await reporter.get('/o/river-hub/follow-up?lang=en');
    clockOffset += 6_000;
    expect((await reporter.post('/o/river-hub/follow-up?lang=en', { challenge: inputValue(page.body, 'challenge'), pow: '', receipt })).statusCode).toBe(303);
    const draft = await reporter.get('/o/river-hub/follow-up?lang=en');
    expect(draft.body).toContain('Finish your report');
    expect(draft.body).toContain('The night bus depot');
    const formToken = inputValue(draft.body, 'formToken');

    const incomplete = await reporter.post('/o/river-hub/follow-up/draft?lang=en', { formToken, path: 'not_sure', identity: 'anonymous', intent: 'submit', q_where: 'The night bus depot' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('Please answer this.');

    const finished = { formToken, path: 'not_sure', identity: 'anonymous', intent: 'submit', q_where: 'The night bus depot', q_account: 'The driver followed me off the bus.' };
    const sent = await reporter.post('/o/river-hub/follow-up/draft?lang=en', finished);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toContain('done=sent');
    const afterSending = await intakeCounts(database.db);

    const again = await reporter.post('/o/river-hub/follow-up/draft?lang=en', finished);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This report was already sent, so it was not sent again.');
    expect(await intakeCounts(database.db)).toEqual(afterSending);

    const listedAfter = await caseLinks();
    expect(listedAfter.length).toBe(listedBefore.length + 1);
    expect((await openDeclared(staffBrowser, (listedAfter[0] ?? '').slice('/cases/'.length))).body).toContain('The driver followed me off the bus.');
  });

  it('keeps every word when nobody can receive the report, and stores nothing', async () => {
    await database.db.update(staff).set({ active: false });
    try {
      const { reporter, hidden } = await openForm('/o/river-hub/report?lang=en');
      const response = await reporter.post('/o/river-hub/report?lang=en', { ...hidden, ...complete, q_account: 'Nobody is there to read this yet.' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('This channel cannot receive reports at the moment, so nothing was saved.');
      expect(response.body).toContain('Nobody is there to read this yet.');
      expect(await intakeCounts(database.db)).toEqual(before);
    } finally {
      await database.db.update(staff).set({ active: true });
    }
  });

  it('never answers a reporter route with a server error, whatever is posted', async () => {
    const garbage = ['', '%', '&&==&', 'formToken=1&formToken=2&questionnaire[]=x', '__proto__=1&constructor=2', 'q_account=' + '%FF'.repeat(500)];
    const routes = ['/report', '/o/river-hub/report', '/o/no-such-org/report', '/follow-up', '/follow-up/message', '/follow-up/path', '/follow-up/withdraw', '/follow-up/draft', '/follow-up/sign-out', '/o/River_Hub/report'];
    for (const route of routes) {
      for (const payload of garbage) {
        const response = await cookieBrowser(app).postRaw(route, payload);
        expect(response.statusCode, `${route} ${payload.slice(0, 30)}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.body).toContain('Leave this site quickly');
      }
    }
    expect(await intakeCounts(database.db)).toEqual(before);
  });
});
