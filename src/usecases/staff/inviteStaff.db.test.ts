import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startOutboxWorker } from '../../jobs/outboxWorker.ts';
import { invitationMail } from '../../jobs/mail.ts';
import { queryRows } from '../../storage/database.ts';
import { buildApp, type App } from '../../web/app.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { csrfFrom, setUpNetwork } from '../../../tests/support/webApp.ts';

type Received = { from: string; to: string[]; raw: string };

/** Quoted-printable soft breaks and escapes undone, as a mail client would. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describeStorage('invitation e-mail', (use) => {
  let database: TestDatabase;
  let app: App;
  let sink: SMTPServer;
  let smtpUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    database = use();
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    sink.listen(0, '127.0.0.1');
    await once(sink.server, 'listening');
    smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
    const config = { ...loadConfig({}), smtpUrl, publicUrl: 'https://redress.example.org' };
    app = await buildApp({ config, context: database.context, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  });

  it('sends the one-time link, and nothing else, through the outbox worker', async () => {
    const admin = await setUpNetwork(app, database);
    const page = await admin.browser.get('/admin/staff');
    const invited = await admin.browser.post('/admin/staff/invitations', {
      _csrf: csrfFrom(page.body),
      name: 'Grace Achieng',
      email: 'grace.achieng@example.org',
      language: 'es',
      role1: 'investigator',
      scope1: 'network',
    });
    expect(invited.statusCode).toBe(200);
    expect(invited.body).toContain('It was also sent by e-mail to grace.achieng@example.org.');
    const link = /data-invitation-link[^>]*>([^<]+)</.exec(invited.body)?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/redress\.example\.org\/invite\/[A-Za-z0-9_-]{43}$/);

    // Queued in the same transaction as the invitation, sent only by the worker.
    const queued = await queryRows<{ kind: string; done: boolean }>(database.db, sql`select kind, done_at is not null as done from outbox`);
    expect(queued).toEqual([{ kind: 'mail.staff-invitation', done: false }]);
    expect(received).toHaveLength(0);

    const warnings: string[] = [];
    const worker = startOutboxWorker({
      context: database.context,
      config: { smtpUrl, mailFrom: 'Redress <redress@example.org>' },
      log: { warn: (_object: unknown, message?: string) => void warnings.push(String(message)), error: () => undefined },
      intervalMs: 3_600_000,
    });
    try {
      expect(await worker.runOnce()).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(warnings).toEqual([]);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to).toEqual(['grace.achieng@example.org']);
    expect(mail?.from).toBe('redress@example.org');

    const raw = mail?.raw ?? '';
    const split = raw.search(/\r?\n\r?\n/);
    const headers = raw.slice(0, split);
    expect(headers).toMatch(/^Subject: /m);
    expect(headers).toMatch(/^To: grace\.achieng@example\.org$/m);
    const text = decodeQuotedPrintable(raw.slice(split).trim()).replace(/\r\n/g, '\n');
    const expected = invitationMail({ to: 'grace.achieng@example.org', name: 'Grace Achieng', link, language: 'es', networkName: 'Coastal Women’s Alliance' });
    // The whole message is the invitation template: the link and names, nothing about any case.
    expect(text).toBe(expected.text.trim());
    expect(text).toContain(link);
    const [done] = await queryRows<{ done: boolean }>(database.db, sql`select done_at is not null as done from outbox`);
    expect(done?.done).toBe(true);
  });
});
