import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { queryRows } from '../../storage/database.ts';
import { caseConflicts, cases } from '../../storage/schema/index.ts';
import { actOnCase } from '../../usecases/cases/actOnCase.ts';
import type { App } from '../app.ts';

describeStorage('the auditor’s view of a case', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let amara: CaseStaff;
  let auditor: CookieBrowser;
  let conflictedAuditor: CookieBrowser;
  let handler: CookieBrowser;
  let caseId: string;
  let ref: number;
  let otherRef: number;
  let otherId: string;
  const account = 'At the spring workshop the coordinator cornered her in the storeroom.';

  const actions = (html: string) => [...html.matchAll(/<td><code>([a-z.-]+)<\/code><\/td>/gi)].map((match) => match[1]);

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'hillside-network', name: 'Hillside Network' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    const mei = await addStaff(database, { name: 'Mei Lin', email: 'mei.lin@example.org', grants: [{ role: 'auditor', orgId: null }] });
    const jonas = await addStaff(database, { name: 'Jonas Berg', email: 'jonas.berg@example.org', grants: [{ role: 'auditor', orgId: null }] });
    auditor = await signInStaff(app, mei, new Date());
    conflictedAuditor = await signInStaff(app, jonas, new Date());
    handler = await signInStaff(app, amara, new Date());

    const reported = await reportedCase(database.db, { orgId, holders: [amara], account });
    caseId = reported.id;
    for (const action of [{ type: 'declareNoConflict' }, { type: 'assign', staffId: amara.id, as: 'handler' }, { type: 'acknowledge' }]) {
      const outcome = await actOnCase(database.context, amara.member, caseId, action);
      if (!outcome.ok) throw new Error(`${action.type} refused`);
    }
    const other = await reportedCase(database.db, { orgId, holders: [amara], account });
    await actOnCase(database.context, amara.member, other.id, { type: 'declareNoConflict' });
    await database.db.insert(caseConflicts).values({ caseId: other.id, staffId: jonas.id, basis: 'relatedToParty', at: new Date() });
    const rows = await database.db.select({ id: cases.id, ref: cases.ref }).from(cases);
    ref = rows.find((row) => row.id === caseId)?.ref ?? 0;
    otherRef = rows.find((row) => row.id === other.id)?.ref ?? 0;
    otherId = other.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows an auditor the case’s metadata and who did what, when — never what anyone wrote — and records the look', async () => {
    const page = await auditor.get(`/audit/cases/${ref}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Audit trail of case ${ref}`);
    expect(actions(page.body)).toEqual(['case.action.acknowledge', 'case.action.assign', 'case.action.declareNoConflict']);
    expect(page.body).toContain('<td>Amara Osei</td>');
    expect(page.body).toContain('Formal investigation');
    expect(page.body).toContain('data-page-check="intact"');
    for (const content of ['spring workshop', 'storeroom', 'coordinator']) expect(page.body).not.toContain(content);
    const [viewed] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log where action = 'case.audit-viewed' and subject_id = ${caseId}`);
    expect(viewed?.count).toBe(1);
    // The look itself is part of the trail from then on.
    expect(actions((await auditor.get(`/audit/cases/${ref}`)).body)[0]).toBe('case.audit-viewed');
  });

  it('verifies the whole chain from the case page', async () => {
    const page = await auditor.get(`/audit/cases/${ref}`);
    const verified = await auditor.post(`/audit/cases/${ref}/verify`, { _csrf: csrfFrom(page.body) });
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain('data-audit-verdict="intact"');
    expect(verified.body).toContain(`Audit trail of case ${ref}`);
  });

  it('answers not found alike to a handler, to an auditor conflicted on the case, and for numbers that do not exist', async () => {
    expect((await handler.get(`/audit/cases/${ref}`)).statusCode).toBe(404);
    expect((await conflictedAuditor.get(`/audit/cases/${otherRef}`)).statusCode).toBe(404);
    expect((await conflictedAuditor.get(`/audit/cases/${ref}`)).statusCode).toBe(200);
    for (const bad of ['99999999', 'abc', '0', '-1', '1.5', '1e3']) expect((await auditor.get(`/audit/cases/${bad}`)).statusCode, bad).toBe(404);
    expect((await handler.get(`/audit/cases/${ref}?before=abc`)).statusCode).toBe(404);
    expect((await auditor.get(`/audit/cases/${ref}?before=abc`)).statusCode).toBe(400);
    const home = await handler.get('/staff');
    expect((await handler.post(`/audit/cases/${ref}/verify`, { _csrf: csrfFrom(home.body) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/audit/cases/${ref}` })).statusCode).toBe(303);
  });

  it('narrows the whole log to one case and one kind of action, linking each entry to the case’s trail', async () => {
    const byCase = await admin.browser.get(`/admin/audit?case=${ref}`);
    expect(byCase.statusCode).toBe(200);
    expect(actions(byCase.body).every((action) => action?.startsWith('case.'))).toBe(true);
    expect(actions(byCase.body)).toContain('case.action.assign');
    expect(byCase.body).toContain(`<a href="/audit/cases/${ref}">Case ${ref}</a>`);
    expect(byCase.body).not.toContain('staff.totp-enrolled');

    const assigned = await admin.browser.get(`/admin/audit?case=${ref}&action=case.action.a`);
    expect(actions(assigned.body)).toEqual(['case.action.acknowledge', 'case.action.assign']);
    const everywhere = await admin.browser.get('/admin/audit?action=staff.');
    expect(actions(everywhere.body).length).toBeGreaterThan(0);
    expect(actions(everywhere.body).every((action) => action?.startsWith('staff.'))).toBe(true);
    // An empty field is no filter.
    expect(actions((await admin.browser.get('/admin/audit?case=&action=')).body)).toContain('network.created');
    // By id, which also finds the entries of a case that is gone.
    expect(actions((await admin.browser.get(`/admin/audit?case=${caseId}`)).body)).toContain('case.action.acknowledge');

    const unknown = await admin.browser.get('/admin/audit?case=99999999');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('There is no case with this number that you may audit.');
    expect(actions(unknown.body)).toEqual([]);
    // An auditor conflicted on a case cannot narrow the log to it either.
    expect((await conflictedAuditor.get(`/admin/audit?case=${otherRef}`)).body).toContain('There is no case with this number that you may audit.');
    expect((await conflictedAuditor.get(`/admin/audit?case=${otherId}`)).body).toContain('There is no case with this number that you may audit.');

    for (const bad of ['case=abc', 'case=12%2034', 'action=%25', 'action=a%20b', `action=${'a'.repeat(81)}`]) {
      expect((await admin.browser.get(`/admin/audit?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('pages through a case’s entries with the filter kept', async () => {
    await database.db.transaction(async (tx) => {
      for (let index = 0; index < 55; index += 1) {
        await recordAudit(tx, { actorId: amara.id, action: 'case.viewed', subjectType: 'case', subjectId: caseId });
      }
    });
    const first = await admin.browser.get(`/admin/audit?case=${ref}&action=case.viewed`);
    expect(actions(first.body)).toHaveLength(50);
    const next = /href="(\/admin\/audit\?case=\d+&amp;action=case.viewed&amp;before=\d+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await admin.browser.get(next ?? '');
    expect(actions(second.body)).toHaveLength(5);
    const trail = await auditor.get(`/audit/cases/${ref}`);
    expect(actions(trail.body)).toHaveLength(50);
    expect(trail.body).toMatch(/href="\/audit\/cases\/\d+\?before=\d+"/);
    expect(trail.body).toContain('data-page-check="intact"');
  });

  it('shows where the chain breaks for the entries of the page', async () => {
    // The log refuses updates (a trigger); an operator with database access could still drop it.
    await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    try {
      await database.db.execute(sql`update audit_log set details = '{"tampered": true}'::jsonb where seq = (select max(seq) from audit_log where subject_id = ${caseId} and action = 'case.action.assign')`);
    } finally {
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    }
    const [tampered] = await queryRows<{ seq: number }>(database.db, sql`select max(seq)::int as seq from audit_log where subject_id = ${caseId} and action = 'case.action.assign'`);
    const page = await auditor.get(`/audit/cases/${ref}?before=${(tampered?.seq ?? 0) + 1}`);
    expect(page.body).toContain('data-page-check="broken"');
    expect(page.body).toContain(`The chain is broken at entry ${tampered?.seq}: the entry was altered.`);
    expect((await database.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId))).length).toBe(1);
  });
});
