import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EscrowApiError } from '../../client/escrow/escrowApi.ts';
import { placeAllegation } from '../../client/escrow/placeAllegation.ts';
import { loadConfig } from '../../config.ts';
import { startOutboxWorker } from '../../jobs/outboxWorker.ts';
import { queryRows } from '../../storage/database.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { escrowClient, issueInvitation, useTemporaryEscrowKeys, type EscrowClient } from '../../../tests/support/escrowFixtures.ts';
import { addStaff, signInStaff, type CookieBrowser, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, type Browser } from '../../../tests/support/webApp.ts';
import { buildApp, type App } from '../app.ts';

type Received = { to: string; text: string };

/** An SMTP server in this process that keeps what it receives, so e-mail really travels over SMTP. */
async function smtpSink(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), text: data.replace(/=\r?\n/g, '') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeStorage('escrow settings, membership by e-mail, and match alerts', (use) => {
  let app: App;
  let database: TestDatabase;
  let keys: ReturnType<typeof useTemporaryEscrowKeys>;
  let mail: Awaited<ReturnType<typeof smtpSink>>;
  let admin: Browser;
  let counsellor: CookieBrowser;
  let client: EscrowClient;
  const counsellors: StaffFixture[] = [];

  beforeAll(async () => {
    keys = useTemporaryEscrowKeys();
    mail = await smtpSink();
    database = use();
    const config = loadConfig({ SMTP_URL: mail.url, PUBLIC_URL: 'https://redress.example.org' });
    app = await buildApp({ config, context: database.context, logger: false });
    await app.ready();
    admin = (await setUpNetwork(app, database)).browser;
    counsellors.push(await addStaff(database, { name: 'Imani Njeri', email: 'imani.njeri@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] }));
    counsellors.push(await addStaff(database, { name: 'Tomás Ruiz', email: 'tomas.ruiz@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] }));
    counsellor = await signInStaff(app, counsellors[0] as StaffFixture, new Date());
    client = escrowClient(app);
  });
  afterAll(async () => {
    await app.close();
    await mail.close();
    keys.remove();
  });

  async function saveSettings(form: Record<string, string>) {
    const page = await admin.get('/escrow/settings');
    return admin.post('/escrow/settings', { _csrf: csrfFrom(page.body), ...form });
  }

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    if (error instanceof EscrowApiError) return error.code;
    throw new Error(`expected a refusal, got ${String(error)}`);
  }

  it('lets a network admin set the threshold and membership domains, refusing a bad domain with the form shown again', async () => {
    const refused = await saveSettings({ threshold: '3', diacritics: 'strip', membershipDomains: 'members.example.org\nnot a domain!' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('not a domain!');
    expect((await client.api.configuration()).threshold).toBe(2);
    expect((await saveSettings({ threshold: '17', diacritics: 'strip', membershipDomains: '' })).statusCode).toBe(400);

    const saved = await saveSettings({ threshold: '3', diacritics: 'strip', membershipDomains: 'Members.Example.org, @second-member.example' });
    expect(saved.statusCode).toBe(303);
    const published = await client.api.configuration();
    expect(published.threshold).toBe(3);
    expect(published.membership.email).toBe(true);
    expect((await counsellor.get('/escrow/settings')).statusCode).toBe(404);
  });

  it('proves membership with a code sent to a membership address, keeping neither address nor code', async () => {
    expect(await refusal(client.api.sendMembershipCode('ayo@elsewhere.example'))).toBe('ESCROW_EMAIL_NOT_MEMBER');
    expect(await refusal(client.api.sendMembershipCode('not an address'))).toBe('ESCROW_IDENTIFIER_INVALID');
    await client.api.sendMembershipCode('Ayo.Member@Members.example.org');
    const sent = mail.received.at(-1);
    expect(sent?.to.toLowerCase()).toBe('ayo.member@members.example.org');
    const code = /(\d{4}) (\d{4})/.exec(sent?.text ?? '')?.slice(1).join('') ?? '';
    expect(code).toMatch(/^\d{8}$/);

    const wrong = code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
    expect(await refusal(client.api.verifyMembershipCode('ayo.member@members.example.org', wrong))).toBe('ESCROW_CODE_INVALID');
    const stored = await queryRows<{ text: string }>(database.db, sql`select coalesce(string_agg(encode(digest, 'hex'), ' '), '') as text from escrow_email_codes`);
    expect(stored[0]?.text).not.toContain('ayo');
    const token = await client.api.verifyMembershipCode('ayo.member@members.example.org', code);
    expect(await refusal(client.api.verifyMembershipCode('ayo.member@members.example.org', code))).toBe('ESCROW_CODE_INVALID');

    await client.api.sendMembershipCode('AYO.MEMBER@members.example.org');
    const again = /(\d{4}) (\d{4})/.exec(mail.received.at(-1)?.text ?? '')?.slice(1).join('') ?? '';
    expect(await client.api.verifyMembershipCode('Ayo.Member@members.example.org', again)).toBe(token);

    const everything = await queryRows<{ text: string }>(database.db, sql`select coalesce(string_agg(t::text, ' '), '') as text from escrow_reporters t`);
    expect(everything[0]?.text.toLowerCase()).not.toContain('ayo');
  });

  it('with t = 3 matches only on the third reporter, and alerts every counsellor by e-mail without content', async () => {
    const configuration = await client.configuration();
    const tokens = [await client.api.redeemInvitation(await issueInvitation(counsellor)), await client.api.redeemInvitation(await issueInvitation(admin as unknown as CookieBrowser, '/escrow/settings'))];
    const spellings = ['https://www.instagram.com/Dario.Invented/', 'instagram.com/dario.invented', 'http://instagram.com/DARIO.INVENTED?hl=en'];
    const accounts = ['He sent me messages late at night.', 'He touched me at the end-of-year party.', 'He threatened my job when I said no.'];
    const worker = startOutboxWorker({ context: database.context, config: app.redress.config, log: app.log, intervalMs: 60_000 });
    try {
      for (const [index, token] of tokens.entries()) {
        await placeAllegation({ api: client.api, configuration, token, identifiers: [{ kind: 'profile_url', text: spellings[index] ?? '' }], account: accounts[index] ?? '', evidence: [] });
        expect((await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from escrow_matches`))[0]?.count).toBe(0);
      }
      await client.api.sendMembershipCode('ayo.member@members.example.org');
      const code = /(\d{4}) (\d{4})/.exec(mail.received.at(-1)?.text ?? '')?.slice(1).join('') ?? '';
      const third = await client.api.verifyMembershipCode('ayo.member@members.example.org', code);
      await placeAllegation({ api: client.api, configuration, token: third, identifiers: [{ kind: 'profile_url', text: spellings[2] ?? '' }], account: accounts[2] ?? '', evidence: [] });
      expect((await queryRows<{ reporters: number }>(database.db, sql`select reporters from escrow_matches`))[0]?.reporters).toBe(3);

      const before = mail.received.length;
      await worker.runOnce();
      const alerts = mail.received.slice(before);
      expect(alerts.map((alert) => alert.to).sort()).toEqual(['imani.njeri@example.org', 'tomas.ruiz@example.org']);
      for (const alert of alerts) {
        expect(alert.text).toContain('https://redress.example.org/escrow/matches');
        for (const secret of [...accounts, 'dario', 'instagram', ' 3 ']) expect(alert.text.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    } finally {
      await worker.stop();
    }
  });

  it('fixes the threshold and name rule once entries exist, but not the membership domains', async () => {
    const locked = await saveSettings({ threshold: '2', diacritics: 'strip', membershipDomains: 'members.example.org' });
    expect(locked.statusCode).toBe(409);
    expect((await client.api.configuration()).threshold).toBe(3);
    expect((await saveSettings({ threshold: '3', diacritics: 'strip', membershipDomains: 'members.example.org' })).statusCode).toBe(303);
  });

  it('shows a counsellor appointed after the entries that they were not sealed to them', async () => {
    const zainab = await addStaff(database, { name: 'Zainab Haruna', email: 'zainab.haruna@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    const late = await signInStaff(app, zainab, new Date());
    const listing = await late.get('/escrow/matches');
    const matchPath = /href="(\/escrow\/matches\/[0-9a-f-]{36})"/.exec(listing.body)?.[1] ?? '';
    const opened = await late.get(matchPath);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).not.toContain('He sent me messages late at night.');
    expect(opened.body).toContain('before you became an escrow counsellor');
  });
});
