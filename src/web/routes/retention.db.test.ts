import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import { caseConflicts, cases, staff } from '../../storage/schema/index.ts';
import type { Context } from '../../usecases/context.ts';
import { actOnCase } from '../../usecases/cases/actOnCase.ts';
import { purgeCases } from '../../usecases/cases/purgeCases.ts';
import type { App } from '../app.ts';

describeStorage('the retention page', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let dataDir: string;
  let amara: CaseStaff;
  let hugo: CaseStaff;
  let orgId: string;
  let auditor: CookieBrowser;
  let handler: CookieBrowser;
  const refs: Record<'purged' | 'waiting' | 'held' | 'hidden', number> = { purged: 0, waiting: 0, held: 0, hidden: 0 };
  const at = (iso: string): Context => ({ ...database.context, clock: () => new Date(iso) });

  async function act(who: CaseStaff, context: Context, caseId: string, action: Record<string, unknown>): Promise<void> {
    const outcome = await actOnCase(context, who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  async function withdrawnCase(path: 'formal' | 'not_sure'): Promise<{ id: string; ref: number }> {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, hugo], at: new Date('2026-03-01T10:00:00Z'), path });
    await act(amara, at('2026-03-01T11:00:00Z'), reported.id, { type: 'declareNoConflict' });
    await act(amara, at('2026-03-01T11:00:00Z'), reported.id, { type: 'assign', staffId: amara.id, as: 'handler' });
    await act(amara, at('2026-03-02T11:00:00Z'), reported.id, { type: 'withdrawReport', statementRef: 'The reporter asked in writing to withdraw the report' });
    const [row] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, reported.id));
    return { id: reported.id, ref: row?.ref ?? 0 };
  }

  beforeAll(async () => {
    database = use();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-retention-'));
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    orgId = await addOrganisation(database.db, { slug: 'meadow-circle', name: 'Meadow Circle' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    hugo = await caseStaff(database, { name: 'Hugo Lindqvist', grants: [{ role: 'admin', orgId: null }] });
    const mei = await addStaff(database, { name: 'Mei Lin', email: 'mei.lin@example.org', grants: [{ role: 'auditor', orgId: null }] });
    auditor = await signInStaff(app, mei, new Date());
    handler = await signInStaff(app, amara, new Date());

    const purged = await withdrawnCase('not_sure');
    const waiting = await withdrawnCase('formal');
    const held = await withdrawnCase('formal');
    const hidden = await withdrawnCase('formal');
    await act(hugo, at('2026-03-03T10:00:00Z'), held.id, { type: 'declareNoConflict' });
    await act(hugo, at('2026-03-03T10:00:00Z'), held.id, { type: 'placeLegalHold', reason: 'a claim is pending before the labour court' });
    // The network admin who set up the network is related to a party of this one: it never shows to them.
    const [setUpAdmin] = await database.db.select({ id: staff.id }).from(staff).where(eq(staff.email, admin.email));
    await database.db.insert(caseConflicts).values({ caseId: hidden.id, staffId: setUpAdmin?.id ?? '', basis: 'relatedToParty', at: new Date() });
    Object.assign(refs, { purged: purged.ref, waiting: waiting.ref, held: held.ref, hidden: hidden.ref });
    await purgeCases(at('2031-03-05T03:00:00Z'), { dataDir, via: 'job' });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a network admin the cases next in line, those under legal hold, and what each purge deleted — by number only', async () => {
    const home = await admin.browser.get('/staff');
    expect(home.body).toContain('href="/admin/retention"');
    const page = await admin.browser.get('/admin/retention');
    expect(page.statusCode).toBe(200);
    const [next, held, reports] = page.body.split(/<h2>/).slice(1);
    expect(next).toContain(`<a href="/audit/cases/${refs.waiting}">Case ${refs.waiting}</a>`);
    expect(next).toContain('Formal investigation');
    expect(next).not.toContain(`Case ${refs.held}<`);
    expect(held).toContain(`<a href="/audit/cases/${refs.held}">Case ${refs.held}</a>`);
    expect(reports).toContain('data-purge-report=');
    expect(reports).toContain(`Case ${refs.purged} — Internal channel`);
    expect(page.body).not.toContain(`Case ${refs.hidden}<`);
    expect(page.body).not.toContain('labour court');
    expect(page.body).not.toContain('withdraw');
  });

  it('is closed to auditors, handlers and anyone signed out, and refuses a bad page position', async () => {
    expect((await auditor.get('/admin/retention')).statusCode).toBe(404);
    expect((await handler.get('/admin/retention')).statusCode).toBe(404);
    expect((await handler.get('/admin/retention?olderThan=yesterday')).statusCode).toBe(404);
    expect((await auditor.get('/staff')).body).not.toContain('href="/admin/retention"');
    expect((await app.inject({ method: 'GET', url: '/admin/retention' })).statusCode).toBe(303);
    expect((await admin.browser.get('/admin/retention?olderThan=yesterday')).statusCode).toBe(400);
    const older = await admin.browser.get(`/admin/retention?olderThan=${encodeURIComponent('2031-03-05T03:00:00.000Z')}`);
    expect(older.statusCode).toBe(200);
    expect(older.body).toContain('Nothing has been purged yet.');
    expect(older.body).toContain('href="/admin/retention"');
  });
});
