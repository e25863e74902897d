import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, signInStaff, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { deliverOutbox, recordingMailer } from '../../../tests/support/mailFixtures.ts';
import { setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import { caseConflicts, caseKeys, cases } from '../../storage/schema/index.ts';
import type { App } from '../../web/app.ts';

describeStorage('staff named in a report are kept out of it from the first moment', (use) => {
  let app: App;
  let database: TestDatabase;
  let director: StaffFixture;
  let handler: StaffFixture;
  let colleague: StaffFixture;
  let networkHandler: StaffFixture;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'riverside-aid', name: 'Riverside Aid' });
    director = await addStaff(database, { name: 'Marguerite Oyelaran', email: 'm.oyelaran@riverside.example', grants: [{ role: 'admin', orgId }] });
    handler = await addStaff(database, { name: 'Joaquim Tavares', email: 'j.tavares@riverside.example', grants: [{ role: 'handler', orgId }] });
    colleague = await addStaff(database, { name: 'Efua Boateng', email: 'e.boateng@riverside.example', grants: [{ role: 'handler', orgId }] });
    networkHandler = await addStaff(database, { name: 'Lior Abramov', email: 'lior.abramov@network.example', grants: [{ role: 'handler', orgId: null }] });
  });
  afterAll(async () => {
    await app.close();
  });

  async function send(account: string) {
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/o/riverside-aid/report');
    const sent = await reporter.post('/o/riverside-aid/report', {
      formToken: inputValue(form.body, 'formToken'),
      questionnaire: inputValue(form.body, 'questionnaire'),
      q_account: account,
      path: 'formal',
      identity: 'anonymous',
      intent: 'submit',
    });
    expect(sent.statusCode).toBe(200);
    const [row] = await database.db.select().from(cases).orderBy(cases.ref).then((rows) => rows.slice(-1));
    if (!row) throw new Error('no case stored');
    return { row, page: sent.body };
  }

  it('gives a named handler no key, records the conflict, and leaves the case out of their inbox', async () => {
    const { row } = await send('Joaquim TAVARES shouted at me in the storeroom.');
    expect(row.orgId).not.toBeNull();
    const holders = (await database.db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(eq(caseKeys.caseId, row.id))).map((key) => key.staffId);
    expect(holders).toContain(colleague.id);
    expect(holders).not.toContain(handler.id);
    expect(await database.db.select({ staffId: caseConflicts.staffId }).from(caseConflicts).where(eq(caseConflicts.caseId, row.id))).toEqual([{ staffId: handler.id }]);
    const named = await signInStaff(app, handler, new Date());
    expect((await named.get(`/cases/${row.id}`)).statusCode).toBe(404);
    expect((await named.get('/inbox')).body).not.toContain(row.id);
  });

  it('tells the other handlers by e-mail that a report arrived — the number and a link, nothing of the report — and never the one it names', async () => {
    const { row } = await send('Joaquim Tavares took my notebook during the harvest audit.');
    const mailer = recordingMailer();
    await deliverOutbox(database.context, mailer, new Date(Date.now() + 60_000));
    const mails = mailer.sent.filter((mail) => mail.subject.startsWith(`Case ${row.ref}:`));
    expect(mails.map((mail) => mail.to)).toEqual([colleague.email]);
    expect(mails[0]?.subject).toBe(`Case ${row.ref}: a new report arrived`);
    expect(mails[0]?.text).toContain(`https://redress.example.org/cases/${row.id}`);
    for (const word of ['Tavares', 'notebook', 'harvest', 'Riverside']) expect(`${mails[0]?.subject}\n${mails[0]?.text}`).not.toContain(word);
  });

  it('sends a report naming the organisation’s admin to the network and tells the reporter', async () => {
    const { row, page } = await send('The director, m.oyelaran@riverside.example, threatened my contract.');
    expect(row.orgId).toBeNull();
    const holders = (await database.db.select({ staffId: caseKeys.staffId }).from(caseKeys).where(eq(caseKeys.caseId, row.id))).map((key) => key.staffId);
    expect(holders).toContain(networkHandler.id);
    expect(holders).not.toContain(director.id);
    expect(holders).not.toContain(colleague.id);
    expect(page).toContain('Your report was sent to');
    expect(page).not.toContain('Your report was sent to Riverside Aid');
  });
});
