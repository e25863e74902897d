import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffRole } from '../../core/roles.ts';
import { totpCodeAt } from '../../core/totp.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { queryRows } from '../../storage/database.ts';
import { inviteStaff } from '../../usecases/staff/inviteStaff.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { browserFor, csrfFrom, setUpNetwork, testApp, totpSecretFrom, type Browser, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('the audit log viewer', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
  });
  afterAll(async () => {
    await app.close();
  });

  async function enrolled(name: string, email: string, role: StaffRole): Promise<Browser> {
    const issued = await inviteStaff(
      database.context,
      { kind: 'command-line' },
      { name, email, language: 'en', grants: [{ role, orgId: null }] },
      { linkBase: 'http://localhost', sendEmail: false },
    );
    const browser = browserFor(app);
    const password = 'quiet harbour lamp seven';
    expect((await browser.post(new URL(issued.link).pathname, { name, password, passwordAgain: password })).statusCode).toBe(303);
    const enrolment = await browser.get('/account/totp');
    const code = totpCodeAt(totpSecretFrom(enrolment.body), new Date());
    expect((await browser.post('/account/totp', { _csrf: csrfFrom(enrolment.body), code })).statusCode).toBe(200);
    return browser;
  }

  it('shows entries newest first with who did what to whom', async () => {
    const page = await admin.browser.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    const actions = [...page.body.matchAll(/<td><code>([a-z.-]+)<\/code><\/td>/g)].map((match) => match[1]);
    expect(actions.slice(0, 3)).toEqual(['staff.totp-enrolled', 'staff.enrolled', 'network.created']);
    expect(page.body).toContain('<td>Amara Okafor</td>');
    expect(page.body).toContain('<span>network</span>: Coastal Women’s Alliance');
  });

  it('verifies the chain and says it is intact, recording that it was checked', async () => {
    const page = await admin.browser.get('/admin/audit');
    const verified = await admin.browser.post('/admin/audit/verify', { _csrf: csrfFrom(page.body) });
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain('data-audit-verdict="intact"');
    expect(verified.body).toMatch(/The chain is intact: all \d+ entries check out\./);
    const [entry] = await queryRows<{ details: Record<string, unknown> }>(database.db, sql`select details from audit_log where action = 'audit.verified'`);
    expect(entry?.details.ok).toBe(true);
  });

  it('pages through the log 50 entries at a time', async () => {
    await database.db.transaction(async (tx) => {
      for (let index = 0; index < 60; index += 1) await recordAudit(tx, { actorId: null, action: 'test.filler', details: { index } });
    });
    const [head] = await queryRows<{ seq: number }>(database.db, sql`select max(seq)::int as seq from audit_log`);
    const newest = head?.seq ?? 0;
    const first = await admin.browser.get('/admin/audit');
    const firstSeqs = [...first.body.matchAll(/<tr><td>(\d+)<\/td>/g)].map((match) => Number(match[1]));
    expect(firstSeqs).toHaveLength(50);
    expect(firstSeqs[0]).toBe(newest);
    expect(first.body).toContain(`href="/admin/audit?before=${newest - 49}"`);
    const second = await admin.browser.get(`/admin/audit?before=${newest - 49}`);
    const secondSeqs = [...second.body.matchAll(/<tr><td>(\d+)<\/td>/g)].map((match) => Number(match[1]));
    expect(secondSeqs[0]).toBe(newest - 50);
    expect(secondSeqs.at(-1)).toBe(1);
    expect(second.body).toContain('Redress itself');
    for (const bad of ['abc', '-4', '1.5', '0']) expect((await admin.browser.get(`/admin/audit?before=${bad}`)).statusCode, bad).toBe(400);
  });

  it('is open to network auditors and closed to everyone else', async () => {
    const auditor = await enrolled('Mei Lin', 'mei.lin@example.org', 'auditor');
    expect((await auditor.get('/admin/audit')).statusCode).toBe(200);
    expect((await auditor.get('/staff')).body).toContain('href="/admin/audit"');
    const handler = await enrolled('Joseph Banda', 'joseph.banda@example.org', 'handler');
    const home = await handler.get('/staff');
    expect(home.body).not.toContain('href="/admin/audit"');
    expect((await handler.get('/admin/audit')).statusCode).toBe(404);
    expect((await handler.get('/admin/staff')).statusCode).toBe(404);
    expect((await auditor.get('/admin/staff')).statusCode).toBe(404);
    expect((await handler.get('/admin/audit?before=abc')).statusCode).toBe(404);
    expect((await handler.post('/admin/audit/verify', { _csrf: csrfFrom(home.body) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/admin/audit' })).statusCode).toBe(303);
  });

  it('names the entry where a tampered log breaks', async () => {
    // The log itself refuses updates; moving its separately kept head is what a truncation looks like.
    await database.db.execute(sql`update audit_head set seq = seq + 1`);
    const page = await admin.browser.get('/admin/audit');
    const verified = await admin.browser.post('/admin/audit/verify', { _csrf: csrfFrom(page.body) });
    expect(verified.body).toContain('data-audit-verdict="broken"');
    expect(verified.body).toMatch(/The chain is broken at entry \d+: the newest entries were removed\./);
  });
});
