/**
 * The case e-mail staff receive, carried out by the outbox worker after the transaction that
 * queued it commits: deadline reminders from the sweeper (`mail.case-reminder`) and alerts from
 * the engine and break-glass (`mail.case-alert`). No case content in any of them (SPEC): the case
 * number, what kind of deadline or alert, the due day, and a link to the case — nothing anyone
 * wrote, no names of parties, no category.
 *
 * Recipients are resolved when the message is carried out, not when it was queued: the case's
 * active team (or, with nobody assigned, the staff holding a designated key), and for break-glass
 * also the network's auditors; deactivated staff, anyone conflicted on the case and anyone the
 * policy would not let open (or, for auditors, audit) the case get nothing. The first run of a
 * message queues one message per recipient, so a failing address is retried on its own (outbox
 * backoff) and never makes the others receive the same e-mail twice. A reminder whose deadline
 * has since been met, waived, paused or moved is dropped.
 */
import { z } from 'zod';
import { allowed } from '../../core/policy.ts';
import { deadlines, type StaffAlert } from '../../core/procedures/index.ts';
import { translator, type Translate } from '../../i18n/index.ts';
import type { Mail, Mailer } from '../../jobs/mail.ts';
import { caseTeamCandidates, networkAuditorCandidates, type MailCandidate } from '../../storage/caseMailQueries.ts';
import { caseById, type CaseRow } from '../../storage/caseQueries.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { enqueue, enqueueCoalesced, type OutboxMessage } from '../../storage/outboxStore.ts';
import type { Context } from '../context.ts';
import { CASE_REMINDER_MAIL, deadlineState, definitionLoader, reminderKey } from './sweepDeadlines.ts';

export const CASE_ALERT_MAIL = 'mail.case-alert';

/** What an alert can be about: the engine's staff alerts, break-glass access, and news from either party. */
export type CaseAlert = StaffAlert | 'breakGlass' | PartyNews;

/** A report arrived; the reporter or the respondent wrote, answered or added evidence. */
export type PartyNews = 'newReport' | 'reporterMessage' | 'respondentMessage';

const alertTexts: Record<CaseAlert, string> = {
  safetyExceptionRequested: 'caseMail.alerts.safetyExceptionRequested',
  conflictRecorded: 'caseMail.alerts.conflictRecorded',
  appealFiled: 'caseMail.alerts.appealFiled',
  informalConsentWithdrawn: 'caseMail.alerts.informalConsentWithdrawn',
  checkInConcern: 'caseMail.alerts.checkInConcern',
  pathChanged: 'caseMail.alerts.pathChanged',
  reportWithdrawn: 'caseMail.alerts.reportWithdrawn',
  breakGlass: 'caseMail.alerts.breakGlass',
  newReport: 'caseMail.alerts.newReport',
  reporterMessage: 'caseMail.alerts.reporterMessage',
  respondentMessage: 'caseMail.alerts.respondentMessage',
};

/**
 * Tells the case's team that something arrived from a party, in the same transaction: the case
 * number and what kind of news, never the content. Several pieces of news of one kind before the
 * first e-mail went out make one e-mail.
 */
export async function queuePartyNews(tx: Queryable, caseId: string, about: PartyNews, now: Date): Promise<void> {
  await enqueueCoalesced(tx, CASE_ALERT_MAIL, { caseId, about }, now);
}

function isCaseAlert(value: string): value is CaseAlert {
  return Object.hasOwn(alertTexts, value);
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reminderPayload = z.object({
  caseId: z.uuid(),
  deadline: z.string().min(1).max(300),
  kind: z.enum(['due', 'overdue']),
  dueOn: day,
  staffId: z.uuid().optional(),
});
const alertPayload = z.object({ caseId: z.uuid(), about: z.string().min(1).max(100), staffId: z.uuid().optional() });

type Reminder = z.infer<typeof reminderPayload>;
type Alert = z.infer<typeof alertPayload>;

/** The staff who get e-mail about this case now, in order, each once. */
export async function caseMailRecipients(context: Context, row: CaseRow, withAuditors: boolean): Promise<MailCandidate[]> {
  const team = (await caseTeamCandidates(context.db, row.id)).filter(
    (person) =>
      !person.conflicted &&
      allowed({ staffId: person.staffId, grants: person.grants }, 'case.open', { kind: 'case', orgId: row.orgId, keyHolder: person.keyHolder, conflicted: false }),
  );
  if (!withAuditors) return team;
  const auditors = (await networkAuditorCandidates(context.db, row.id)).filter(
    (person) =>
      !person.conflicted &&
      !team.some((member) => member.staffId === person.staffId) &&
      allowed({ staffId: person.staffId, grants: person.grants }, 'case.audit', { kind: 'case', orgId: row.orgId, keyHolder: false, conflicted: false }),
  );
  return [...team, ...auditors];
}

function formatDay(language: string, dueOn: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${dueOn}T00:00:00Z`));
  } catch {
    return dueOn;
  }
}

/** Where the e-mail points: the case for its staff; the case's audit trail for an auditor. */
export function caseMailLink(linkBase: string, row: Pick<CaseRow, 'id' | 'ref'>, audience: MailCandidate['audience']): string {
  const base = linkBase.replace(/\/+$/, '');
  return audience === 'auditor' ? `${base}/audit/cases/${row.ref}` : `${base}/cases/${row.id}`;
}

type Composer = (t: Translate, person: MailCandidate, common: { ref: number; link: string; network: string; name: string }) => Mail;

/** Whether a reminder still stands, and how to write it: undefined when its deadline no longer needs attention. */
async function reminderComposer(context: Context, row: CaseRow, payload: Reminder): Promise<Composer | undefined> {
  const handled = await deadlineState(context.db, row, definitionLoader(context.db));
  if (!handled) return undefined;
  const view = deadlines(handled.definition, handled.state, context.clock()).find((candidate) => reminderKey(handled.state, candidate) === payload.deadline);
  if (!view || view.dueOn !== payload.dueOn || (view.status !== 'due' && view.status !== 'overdue')) return undefined;
  return (t, person, common) => {
    const values = { ...common, deadline: t(view.nameKey), dueOn: formatDay(person.language, payload.dueOn) };
    const overdue = payload.kind === 'overdue';
    return {
      to: person.email,
      subject: t(overdue ? 'caseMail.reminder.overdueSubject' : 'caseMail.reminder.dueSubject', values),
      text: t(overdue ? 'caseMail.reminder.overdueBody' : 'caseMail.reminder.dueBody', values),
    };
  };
}

function alertComposer(payload: Alert): Composer {
  return (t, person, common) => {
    const values = { ...common, what: t(isCaseAlert(payload.about) ? alertTexts[payload.about] : 'caseMail.alerts.other') };
    return { to: person.email, subject: t('caseMail.alert.subject', values), text: t('caseMail.alert.body', values) };
  };
}

/**
 * Carries out one case message: the first run queues one message per recipient; each of those
 * sends one e-mail, if its recipient still should receive it.
 */
async function carryOut(
  context: Context,
  mailer: Mailer | undefined,
  linkBase: string,
  kind: string,
  payload: Reminder | Alert,
  compose: (row: CaseRow) => Promise<Composer | undefined>,
  withAuditors: boolean,
): Promise<void> {
  const row = await caseById(context.db, payload.caseId);
  if (!row || row.status === 'draft') return;
  const composer = await compose(row);
  if (!composer) return;
  const recipients = await caseMailRecipients(context, row, withAuditors);
  if (!mailer && recipients.length > 0) throw new Error('SMTP is not configured');
  if (payload.staffId === undefined) {
    if (recipients.length === 0) return;
    const now = context.clock();
    await context.db.transaction(async (tx) => {
      for (const person of recipients) await enqueue(tx, kind, { ...payload, staffId: person.staffId }, now);
    });
    return;
  }
  const person = recipients.find((candidate) => candidate.staffId === payload.staffId);
  if (!person || !mailer) return;
  const t = translator(person.language);
  const network = (await currentNetwork(context.db))?.name ?? 'Redress';
  await mailer.send(composer(t, person, { ref: row.ref, link: caseMailLink(linkBase, row, person.audience), network, name: person.name }));
}

export function caseOutboxHandlers(
  mailer: Mailer | undefined,
  context: Context | undefined,
  linkBase: string | undefined,
): Record<string, (message: OutboxMessage) => Promise<void>> {
  const base = linkBase ?? 'http://localhost:3000';
  return {
    [CASE_REMINDER_MAIL]: async (message) => {
      if (!context) throw new Error('no database for case mail');
      const payload = reminderPayload.parse(message.payload);
      await carryOut(context, mailer, base, CASE_REMINDER_MAIL, payload, (row) => reminderComposer(context, row, payload), false);
    },
    [CASE_ALERT_MAIL]: async (message) => {
      if (!context) throw new Error('no database for case mail');
      const payload = alertPayload.parse(message.payload);
      await carryOut(context, mailer, base, CASE_ALERT_MAIL, payload, () => Promise.resolve(alertComposer(payload)), payload.about === 'breakGlass');
    },
  };
}
