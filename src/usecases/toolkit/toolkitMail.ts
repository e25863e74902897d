/**
 * The toolkit's e-mail, carried out by the outbox worker after commit. An invitation or reminder
 * draws its one-time code only now, when it is sent, so the outbox never holds a usable link;
 * an invitation already used or closed is skipped. Action-point reminders go to the owner only
 * while the point is unfinished and its due date is still the one the reminder was queued for.
 */
import { z } from 'zod';
import { invitationCodeHash, newCode, normaliseCode } from '../../core/toolkit/codes.ts';
import { translator } from '../../i18n/index.ts';
import type { Mail, Mailer } from '../../jobs/mail.ts';
import type { OutboxMessage } from '../../storage/outboxStore.ts';
import { actionPointById } from '../../storage/toolkit/actionPointStore.ts';
import { addInvitationToken, invitationForMail } from '../../storage/toolkit/answerStore.ts';
import { roundById } from '../../storage/toolkit/roundStore.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';
import type { Context } from '../context.ts';
import { ACTION_REMINDER_MAIL } from './actionPoints.ts';
import { TOOLKIT_INVITATION_MAIL } from './inviteColleagues.ts';

const invitationPayload = z.object({ invitationId: z.uuid(), linkBase: z.string(), reminder: z.boolean() });
const actionPayload = z.object({ actionPointId: z.uuid(), dueOn: z.string(), when: z.enum(['soon', 'overdue']), linkBase: z.string() });

export function answerLink(linkBase: string, code: string): string {
  return `${linkBase.replace(/\/+$/, '')}/toolkit/answer/${code}`;
}

async function invitationMail(context: Context, payload: z.infer<typeof invitationPayload>): Promise<Mail | undefined> {
  const invitation = await invitationForMail(context.db, payload.invitationId);
  if (!invitation) return undefined;
  const round = await roundById(context.db, invitation.roundId);
  if (round.status !== 'open') return undefined;
  const code = newCode();
  await addInvitationToken(context.db, payload.invitationId, invitationCodeHash(normaliseCode(code) ?? ''));
  const t = translator(invitation.language);
  const organisation = (await organisationNames(context.db, [invitation.orgId])).get(invitation.orgId) ?? '';
  const values = { round: round.title, organisation, link: answerLink(payload.linkBase, code), code, closesOn: round.closesOn ?? '' };
  return {
    to: invitation.email,
    subject: t(payload.reminder ? 'toolkit.mail.reminderSubject' : 'toolkit.mail.invitationSubject', values),
    text: t(round.closesOn ? 'toolkit.mail.invitationBodyWithDate' : 'toolkit.mail.invitationBody', values),
  };
}

async function actionMail(context: Context, payload: z.infer<typeof actionPayload>): Promise<Mail | undefined> {
  const point = await actionPointById(context.db, payload.actionPointId);
  if (!point?.ownerEmail || point.dueOn !== payload.dueOn || point.status === 'done' || point.status === 'dropped') return undefined;
  const t = translator((await currentNetwork(context.db))?.defaultLanguage ?? 'en');
  const values = { title: point.title, dueOn: point.dueOn, link: `${payload.linkBase.replace(/\/+$/, '')}/toolkit/actions/${point.id}` };
  return {
    to: point.ownerEmail,
    subject: t(payload.when === 'soon' ? 'toolkit.mail.actionSoonSubject' : 'toolkit.mail.actionOverdueSubject', values),
    text: t('toolkit.mail.actionBody', values),
  };
}

export function toolkitOutboxHandlers(mailer: Mailer | undefined, context: Context | undefined): Record<string, (message: OutboxMessage) => Promise<void>> {
  const send = async (mail: Mail | undefined) => {
    if (!mail) return;
    if (!mailer) throw new Error('SMTP is not configured');
    await mailer.send(mail);
  };
  return {
    [TOOLKIT_INVITATION_MAIL]: async (message) => {
      if (!context) throw new Error('no database for toolkit mail');
      await send(await invitationMail(context, invitationPayload.parse(message.payload)));
    },
    [ACTION_REMINDER_MAIL]: async (message) => {
      if (!context) throw new Error('no database for toolkit mail');
      await send(await actionMail(context, actionPayload.parse(message.payload)));
    },
  };
}
