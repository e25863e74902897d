/**
 * "A copy of the data folder or a pg_dump reveals no word a reporter wrote": a unique marker
 * goes into a report's answers, the reporter's name and address, a saved draft, added
 * information and messages both ways; then the raw database is searched for it — the PGlite
 * data folder image byte by byte, and on every backend each row of every table read as text
 * (bytea shows as hex, so the hex of the marker is searched too). A control marker written into
 * a plain column proves the search would have found it.
 */
import { openDeclared } from '../support/caseGate.ts';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/storage/database.ts';
import type { App } from '../../src/web/app.ts';
import { describeStorage, type TestDatabase } from '../support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, receiptFrom, signInStaff } from '../support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp } from '../support/webApp.ts';

describeStorage('case content at rest', (use, backend) => {
  let app: App;
  let database: TestDatabase;
  const marker = `zq${crypto.randomBytes(8).toString('hex')}`;
  const control = `ctl${crypto.randomBytes(8).toString('hex')}`;
  let clockOffset = 0;
  const now = () => new Date(Date.now() + clockOffset);

  beforeAll(async () => {
    database = use();
    database.context.clock = now;
    app = await testApp(database);
    await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'cedar-house', name: `Cedar House ${control}` });
    const handler = await addStaff(database, { name: 'Priya Lindqvist', email: 'priya.lindqvist@example.org', grants: [{ role: 'handler', orgId }] });

    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/cedar-house/report');
    const hidden = { formToken: inputValue(form.body, 'formToken'), questionnaire: inputValue(form.body, 'questionnaire') };
    const sent = await reporter.post('/o/cedar-house/report', {
      ...hidden,
      q_account: `What happened: ${marker} in the account.`,
      q_where: `Place ${marker}`,
      q_who: `Named person ${marker}`,
      q_witnesses: 'yes',
      q_witnessDetails: `Witness ${marker}`,
      path: 'formal',
      identity: 'confidential',
      name: `Reporter ${marker}`,
      contact: `${marker}@example.org`,
      intent: 'submit',
    });
    const receipt = receiptFrom(sent.body);

    const draftForm = await reporter.get('/report');
    const draft = await reporter.post('/report', {
      formToken: inputValue(draftForm.body, 'formToken'),
      questionnaire: inputValue(draftForm.body, 'questionnaire'),
      q_account: `Draft ${marker}`,
      intent: 'save',
    });
    expect(draft.statusCode).toBe(200);

    const page = await reporter.get('/follow-up');
    clockOffset += 6_000;
    await reporter.post('/follow-up', { challenge: inputValue(page.body, 'challenge'), pow: '', receipt });
    let view = await reporter.get('/follow-up');
    await reporter.post('/follow-up/message', { formToken: inputValue(view.body, 'formToken'), text: `Reporter message ${marker}` });
    view = await reporter.get('/follow-up');
    await reporter.post('/follow-up/information', { formToken: inputValue(view.body, 'formToken'), text: `More ${marker}` });

    const staffBrowser = await signInStaff(app, handler, now());
    const link = /href="(\/cases\/[0-9a-f-]{36})"/.exec((await staffBrowser.get('/inbox')).body)?.[1] ?? '';
    const opened = await openDeclared(staffBrowser, link.slice('/cases/'.length));
    expect(opened.body).toContain(`Reporter message ${marker}`);
    const replied = await staffBrowser.post(`${link}/messages`, { _csrf: csrfFrom(opened.body), text: `Handler reply ${marker}` });
    expect(replied.statusCode).toBe(303);
    expect((await reporter.get('/follow-up')).body).toContain(`Handler reply ${marker}`);
  });
  afterAll(async () => {
    await app.close();
  });

  it('leaves no trace of what was written in any row of any table', async () => {
    const tables = await queryRows<{ tablename: string }>(database.db, sql`select tablename from pg_tables where schemaname = 'public'`);
    const everything: string[] = [];
    for (const { tablename } of tables) {
      const rows = await queryRows<{ row: string }>(database.db, sql.raw(`select t::text as row from "${tablename}" t`));
      everything.push(...rows.map((row) => row.row));
    }
    const text = everything.join('\n');
    expect(text).toContain(control);
    expect(text).not.toContain(marker);
    expect(text).not.toContain(Buffer.from(marker).toString('hex'));
    expect(text.toLowerCase()).not.toContain(marker.toLowerCase());
  });

  it.runIf(backend === 'pglite')('leaves no trace of it in the database files either', async () => {
    const engine = database.pglite;
    if (!engine) throw new Error('expected PGlite');
    await engine.exec('checkpoint');
    const image = Buffer.from(await (await engine.dumpDataDir('none')).arrayBuffer());
    expect(image.includes(Buffer.from(control))).toBe(true);
    expect(image.includes(Buffer.from(marker))).toBe(false);
    expect(image.includes(Buffer.from(marker, 'utf16le'))).toBe(false);
  });
});
