import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../core/policy.ts';
import { queryRows } from '../../storage/database.ts';
import { inviteStaff } from '../../usecases/staff/inviteStaff.ts';
import { revokeInvitation } from '../../usecases/staff/revokeInvitation.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { browserFor, setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

const password = 'saffron kettle meadow two';
const acceptForm = { name: 'Olusegun Adeyemi', password, passwordAgain: password };

describeStorage('invitation links', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: Actor;
  let clockOffset = 0;

  beforeAll(async () => {
    database = use();
    database.context.clock = () => new Date(Date.now() + clockOffset);
    app = await testApp(database);
    const enrolled = await setUpNetwork(app, database);
    const [row] = await queryRows<{ id: string }>(database.db, sql`select id from staff where email = ${enrolled.email}`);
    admin = { staffId: row?.id ?? '', grants: [{ role: 'admin', orgId: null }] };
  });
  afterAll(async () => {
    await app.close();
  });

  async function counts(): Promise<unknown[]> {
    return queryRows(
      database.db,
      sql`select (select count(*) from staff) as staff, (select count(*) from role_grants) as grants,
                 (select count(*) from audit_log) as audit, (select count(*) from sessions) as sessions,
                 (select count(*) filter (where used_at is not null) from invitations) as used`,
    );
  }

  async function newLink(email: string): Promise<{ path: string; invitationId: string }> {
    const issued = await inviteStaff(
      database.context,
      { kind: 'staff', actor: admin },
      { name: 'Olusegun Adeyemi', email, language: 'en', grants: [{ role: 'editor', orgId: null }] },
      { linkBase: 'https://redress.example.org', sendEmail: false },
    );
    return { path: new URL(issued.link).pathname, invitationId: issued.invitationId };
  }

  async function expectInvalid(path: string): Promise<void> {
    const before = await counts();
    const shown = await browserFor(app).get(path);
    expect(shown.statusCode, path).toBe(404);
    expect(shown.body).toContain('This link is not valid');
    const posted = await browserFor(app).post(path, acceptForm);
    expect(posted.statusCode, path).toBe(404);
    expect(posted.headers['set-cookie']).toBeUndefined();
    expect(await counts()).toEqual(before);
  }

  it('refuses malformed and unknown links without writing anything', async () => {
    for (const token of ['abc', `${'A'.repeat(42)}!`, 'B'.repeat(44), 'C'.repeat(99), 'D'.repeat(43)]) {
      await expectInvalid(`/invite/${encodeURIComponent(token)}`);
    }
  });

  it('refuses a link after its 7 days', async () => {
    clockOffset = -(7 * 24 * 3_600_000 + 60_000);
    const { path } = await newLink('expired@example.org');
    clockOffset = 0;
    await expectInvalid(path);
  });

  it('refuses a revoked link', async () => {
    const { path, invitationId } = await newLink('revoked@example.org');
    expect((await browserFor(app).get(path)).statusCode).toBe(200);
    await revokeInvitation(database.context, admin, invitationId);
    await expectInvalid(path);
  });

  it('works once: a used link, or another link for the same person, is refused', async () => {
    const first = await newLink('once@example.org');
    const second = await newLink('once@example.org');
    const accepted = await browserFor(app).post(first.path, acceptForm);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.headers['set-cookie']).toBeDefined();
    await expectInvalid(first.path);
    await expectInvalid(second.path);
  });

  it('makes one staff member when the same link is submitted twice at once', async () => {
    const { path } = await newLink('twice@example.org');
    const responses = await Promise.all([browserFor(app).post(path, acceptForm), browserFor(app).post(path, acceptForm)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 404]);
    const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from staff where email = 'twice@example.org'`);
    expect(row?.count).toBe(1);
  });

  it('re-renders a bad acceptance form with a 400, writes nothing, and keeps the link usable', async () => {
    const { path } = await newLink('careful@example.org');
    const before = await counts();
    for (const form of [
      { ...acceptForm, name: '' },
      { ...acceptForm, passwordAgain: 'something else entirely' },
      { ...acceptForm, password: 'short', passwordAgain: 'short' },
      { name: 'Olusegun Adeyemi' },
    ]) {
      const response = await browserFor(app).post(path, form);
      expect(response.statusCode, JSON.stringify(form)).toBe(400);
      expect(response.body).toContain('class="error-summary"');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
    expect((await browserFor(app).post(path, acceptForm)).statusCode).toBe(200);
  });
});
