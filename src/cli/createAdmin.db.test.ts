import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { queryRows } from '../storage/database.ts';
import { checkSetupLink } from '../usecases/setup/completeSetup.ts';
import { showInvitation } from '../usecases/staff/acceptInvitation.ts';
import { describeStorage, type TestDatabase } from '../../tests/support/databases.ts';
import { setUpNetwork, testApp } from '../../tests/support/webApp.ts';
import type { App } from '../web/app.ts';
import { createAdmin, createAdminCommand, describeOutcome } from './createAdmin.ts';

const delivery = { linkBase: 'http://localhost:3000', sendEmail: false };
const newcomer = { email: 'Zanele.Dube@example.org', name: 'Zanele Dube', language: 'es' };

describeStorage('redress create-admin', (use, backend) => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
  });

  async function invitationCount(): Promise<number> {
    const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from invitations`);
    return row?.count ?? 0;
  }

  it('hands out the setup link on an empty deployment', async () => {
    const outcome = await createAdmin(database.context, newcomer, delivery);
    expect(outcome.kind).toBe('setup-link');
    expect(outcome.link).toMatch(/^http:\/\/localhost:3000\/setup\/[A-Za-z0-9_-]{43}$/);
    await checkSetupLink(database.db, outcome.link.split('/').at(-1), new Date());
    expect(describeOutcome(outcome, newcomer)).toContain('not set up yet');
    expect(await invitationCount()).toBe(0);
  });

  it('refuses bad options with a clear message and writes nothing', async () => {
    for (const options of [
      { ...newcomer, email: 'not-an-address' },
      { ...newcomer, name: '  ' },
      { ...newcomer, language: 'klingon' },
    ]) {
      const attempt = createAdmin(database.context, options, delivery);
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toThrow(/The input was not valid: --(email|name|language)/);
    }
    expect(await invitationCount()).toBe(0);
  });

  it('invites a network administrator once the network exists, audited as coming from the command line', async () => {
    await setUpNetwork(app, database);
    const outcome = await createAdmin(database.context, newcomer, delivery);
    if (outcome.kind !== 'invitation') throw new Error('expected an invitation');
    expect(outcome.link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(outcome.emailed).toBe(false);
    const invitation = await showInvitation(database.db, outcome.link.split('/').at(-1), new Date());
    expect(invitation.email).toBe('zanele.dube@example.org');
    expect(invitation.grants).toEqual([{ role: 'admin', orgId: null, organisationName: null }]);
    const [entry] = await queryRows<{ actor_id: string | null; details: Record<string, unknown> }>(
      database.db,
      sql`select actor_id, details from audit_log where action = 'staff.invited'`,
    );
    expect(entry?.actor_id).toBeNull();
    expect(entry?.details).toMatchObject({ via: 'cli' });
    expect(describeOutcome(outcome, newcomer)).toContain(outcome.link);
    await expect(createAdmin(database.context, { ...newcomer, email: 'amara.okafor@example.org' }, delivery)).rejects.toThrow(/already exists/);
  });

  it.runIf(backend === 'postgres')('runs as a command against DATABASE_URL and closes the database', async () => {
    const lines: string[] = [];
    const config = { ...loadConfig({}), databaseUrl: database.url, publicUrl: 'https://redress.example.org' };
    await createAdminCommand(config, { email: 'thandi@example.org', name: 'Thandi Nkosi', language: 'en' }, (text) => lines.push(text));
    expect(lines.join('\n')).toMatch(/Invited thandi@example\.org as a network administrator[\s\S]*https:\/\/redress\.example\.org\/invite\/[A-Za-z0-9_-]{43}/);
  });
});
