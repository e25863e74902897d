import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import type { Mail, Mailer } from '../../jobs/mail.ts';
import { deliverOutbox, recordingMailer } from '../../../tests/support/mailFixtures.ts';
import { queryRows } from '../../storage/database.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { caseConflicts, cases, staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { actOnCase } from './actOnCase.ts';
import { CASE_ALERT_MAIL } from './caseMail.ts';
import { sweepDeadlines } from './sweepDeadlines.ts';

describeStorage('case e-mail to staff: reminders and alerts', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let lucia: CaseStaff;
  let dario: CaseStaff;
  let chiara: CaseStaff;
  let mei: StaffFixture;
  let retiredAuditor: StaffFixture;
  let now = new Date(Date.UTC(2026, 2, 1, 10));
  const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10));
  const clockAt = (n: number): Context => ({ ...database.context, clock: () => day(n) });
  const account = 'At the spring workshop the coordinator cornered her in the storeroom.';

  beforeAll(async () => {
    database = use();
    orgId = await addOrganisation(database.db, { slug: 'riverbend-union', name: 'Riverbend Union' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId }] });
    lucia = await caseStaff(database, { name: 'Lucia Fernandez', grants: [{ role: 'handler', orgId }] });
    dario = await caseStaff(database, { name: 'Dario Bianchi', grants: [{ role: 'handler', orgId }] });
    chiara = await caseStaff(database, { name: 'Chiara Russo', grants: [{ role: 'handler', orgId }] });
    mei = await addStaff(database, { name: 'Mei Lin', email: 'mei.lin@example.org', grants: [{ role: 'auditor', orgId: null }] });
    retiredAuditor = await addStaff(database, { name: 'Tomas Ruiz', email: 'tomas.ruiz@example.org', grants: [{ role: 'auditor', orgId: null }], active: false });
    await database.db.update(staff).set({ language: 'es' }).where(eq(staff.id, lucia.id));
  });

  async function act(who: CaseStaff, n: number, caseId: string, action: Record<string, unknown>): Promise<void> {
    const outcome = await actOnCase(clockAt(n), who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  /** A report taken by `team` (the first assigns everyone) on day 1. */
  async function staffedCase(team: CaseStaff[]): Promise<{ id: string; ref: number }> {
    const [first] = team;
    if (!first) throw new Error('no team');
    const reported = await reportedCase(database.db, { orgId, holders: team, at: day(1), account });
    for (const member of team) {
      await act(member, 1, reported.id, { type: 'declareNoConflict' });
      await act(first, 1, reported.id, { type: 'assign', staffId: member.id, as: 'handler' });
    }
    return { id: reported.id, ref: await refOf(reported.id) };
  }

  async function refOf(caseId: string): Promise<number> {
    const [row] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, caseId));
    if (!row) throw new Error('no case');
    return row.ref;
  }

  const deliver = (mailer: Mailer | undefined) => deliverOutbox(database.context, mailer, now);

  const about = (mails: Mail[], ref: number) => mails.filter((mail) => new RegExp(`^(Case|Caso) ${ref}:`).test(mail.subject));

  it('reminds the team of a due step in each person’s language, with the number, the deadline and a link — and nothing of the case', async () => {
    const mailer = recordingMailer();
    const handled = await staffedCase([amara, lucia, dario]);
    await database.db.update(staff).set({ active: false }).where(eq(staff.id, dario.id));
    try {
      now = day(6);
      await sweepDeadlines(clockAt(6));
      await deliver(mailer);
    } finally {
      await database.db.update(staff).set({ active: true }).where(eq(staff.id, dario.id));
    }
    const mails = about(mailer.sent, handled.ref);
    expect(mails.map((mail) => mail.to).sort()).toEqual([amara.email, lucia.email]);
    const english = mails.find((mail) => mail.to === amara.email);
    expect(english?.subject).toBe(`Case ${handled.ref}: Acknowledge receipt is due by March 8, 2026`);
    expect(english?.text).toContain('Dear Amara Osei,');
    expect(english?.text).toContain(`https://redress.example.org/cases/${handled.id}`);
    const spanish = mails.find((mail) => mail.to === lucia.email);
    expect(spanish?.subject).toBe(`Caso ${handled.ref}: «Acuse de recibo» vence el 8 de marzo de 2026`);
    expect(spanish?.text).toContain(`https://redress.example.org/cases/${handled.id}`);
    for (const mail of mails) {
      for (const content of ['spring workshop', 'storeroom', 'coordinator', 'formal', 'Riverbend']) expect(`${mail.subject}\n${mail.text}`).not.toContain(content);
    }
    // Carried out once: running the worker again sends nothing more.
    await deliver(mailer);
    expect(about(mailer.sent, handled.ref)).toHaveLength(2);
  });

  it('tells the rest of the team when a conflict is recorded, never the person found conflicted', async () => {
    const mailer = recordingMailer();
    const handled = await staffedCase([amara, bongani, chiara]);
    await act(amara, 2, handled.id, { type: 'recordConflict', staffId: chiara.id, basis: 'relatedToParty', reason: 'is the respondent’s cousin' });
    // actOnCase queues its alerts to run at once (by the real clock).
    now = new Date(Date.now() + 60_000);
    await deliver(mailer);
    const mails = about(mailer.sent, handled.ref);
    expect(mails.map((mail) => mail.to).sort()).toEqual([amara.email, bongani.email]);
    expect(mails[0]?.subject).toBe(`Case ${handled.ref}: a conflict of interest was recorded`);
    expect(mails[0]?.text).not.toContain('cousin');
  });

  it('never writes to someone conflicted or deactivated, even when they still hold a key', async () => {
    const mailer = recordingMailer();
    // Nobody is assigned yet: the alert goes to the designated key holders.
    const reported = await reportedCase(database.db, { orgId, holders: [amara, chiara, dario], at: day(1), account });
    const ref = await refOf(reported.id);
    await database.db.insert(caseConflicts).values({ caseId: reported.id, staffId: chiara.id, basis: 'namedInCase', at: day(1) });
    await database.db.update(staff).set({ active: false }).where(eq(staff.id, dario.id));
    try {
      now = day(2);
      await enqueue(database.db, CASE_ALERT_MAIL, { caseId: reported.id, about: 'checkInConcern' }, now);
      await deliver(mailer);
    } finally {
      await database.db.update(staff).set({ active: true }).where(eq(staff.id, dario.id));
    }
    expect(about(mailer.sent, ref).map((mail) => mail.to)).toEqual([amara.email]);
  });

  it('retries a refused address on its own until it gets through, without writing twice to the others', async () => {
    const mailer = recordingMailer();
    const handled = await staffedCase([amara, bongani]);
    mailer.failFor.add(bongani.email);
    now = day(3);
    await enqueue(database.db, CASE_ALERT_MAIL, { caseId: handled.id, about: 'appealFiled' }, now);
    const warnings = await deliver(mailer);
    expect(warnings.some((warning) => warning.includes('550 mailbox unavailable'))).toBe(true);
    expect(about(mailer.sent, handled.ref).map((mail) => mail.to)).toEqual([amara.email]);
    const [waiting] = await queryRows<{ attempts: number; done: boolean; last_error: string | null }>(
      database.db,
      sql`select attempts, done_at is not null as done, last_error from outbox where kind = ${CASE_ALERT_MAIL} and payload->>'staffId' = ${bongani.id} and payload->>'caseId' = ${handled.id}`,
    );
    expect(waiting).toMatchObject({ attempts: 1, done: false });
    expect(waiting?.last_error).toContain('550');

    // The outbox waits a minute before the first retry; the mailbox is back by then.
    mailer.failFor.clear();
    now = new Date(day(3).getTime() + 30_000);
    await deliver(mailer);
    expect(about(mailer.sent, handled.ref)).toHaveLength(1);
    now = new Date(day(3).getTime() + 2 * 60_000);
    await deliver(mailer);
    expect(about(mailer.sent, handled.ref).map((mail) => mail.to).sort()).toEqual([amara.email, bongani.email]);
    expect(mailer.refused).toEqual([bongani.email]);
  });

  it('keeps the messages waiting while no SMTP server is configured', async () => {
    const handled = await staffedCase([amara]);
    now = day(4);
    await enqueue(database.db, CASE_ALERT_MAIL, { caseId: handled.id, about: 'pathChanged' }, now);
    await deliver(undefined);
    const [waiting] = await queryRows<{ done: boolean; last_error: string | null }>(
      database.db,
      sql`select done_at is not null as done, last_error from outbox where kind = ${CASE_ALERT_MAIL} and payload->>'caseId' = ${handled.id}`,
    );
    expect(waiting).toEqual({ done: false, last_error: 'SMTP is not configured' });
    // Once SMTP is there, the retry goes out.
    const mailer = recordingMailer();
    now = new Date(day(4).getTime() + 2 * 60_000);
    await deliver(mailer);
    await deliver(mailer);
    expect(about(mailer.sent, handled.ref).map((mail) => mail.to)).toEqual([amara.email]);
  });

  it('alerts the case’s staff and the network’s active auditors to break-glass access, auditors with a link to the audit trail', async () => {
    const mailer = recordingMailer();
    const handled = await staffedCase([bongani]);
    now = day(5);
    await enqueue(database.db, CASE_ALERT_MAIL, { caseId: handled.id, about: 'breakGlass' }, now);
    await deliver(mailer);
    const mails = about(mailer.sent, handled.ref);
    expect(mails.map((mail) => mail.to).sort()).toEqual([bongani.email, mei.email]);
    expect(mails.map((mail) => mail.to)).not.toContain(retiredAuditor.email);
    expect(mails.find((mail) => mail.to === mei.email)?.text).toContain(`https://redress.example.org/audit/cases/${handled.ref}`);
    expect(mails.find((mail) => mail.to === bongani.email)?.text).toContain(`https://redress.example.org/cases/${handled.id}`);
    expect(mails[0]?.subject).toBe(`Case ${handled.ref}: someone opened the case with emergency (break-glass) access`);
  });

  it('drops a reminder whose step was taken before the e-mail went out, and one about a case that is gone', async () => {
    const mailer = recordingMailer();
    const handled = await staffedCase([amara]);
    now = day(6);
    await sweepDeadlines(clockAt(6));
    await act(amara, 6, handled.id, { type: 'acknowledge' });
    const gone = await staffedCase([bongani]);
    await enqueue(database.db, CASE_ALERT_MAIL, { caseId: gone.id, about: 'reportWithdrawn' }, now);
    await database.db.delete(cases).where(eq(cases.id, gone.id));
    await deliver(mailer);
    expect(about(mailer.sent, handled.ref)).toEqual([]);
    expect(about(mailer.sent, gone.ref)).toEqual([]);
    const [left] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from outbox where done_at is null and payload->>'caseId' in (${handled.id}, ${gone.id})`,
    );
    expect(left?.count).toBe(0);
  });
});
