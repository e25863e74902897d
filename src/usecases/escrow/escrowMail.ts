/**
 * The alert an escrow counsellor gets when a match is found or grows: that a match needs their
 * attention and where to sign in — never the match's content, the number of reporters, or
 * anything about the people involved. Sent by the outbox worker after the placing transaction
 * commits; a counsellor who has since left is skipped.
 */
import { z } from 'zod';
import { translator } from '../../i18n/index.ts';
import type { Mail, Mailer } from '../../jobs/mail.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import type { OutboxMessage } from '../../storage/outboxStore.ts';
import { staffById } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { ESCROW_MATCH_MAIL } from './placeAllegation.ts';

const payloadSchema = z.object({ staffId: z.uuid(), matchId: z.uuid(), linkBase: z.string() });

async function matchMail(context: Context, payload: z.infer<typeof payloadSchema>): Promise<Mail | undefined> {
  const member = await staffById(context.db, payload.staffId);
  if (!member?.active) return undefined;
  const t = translator(member.language);
  const network = (await currentNetwork(context.db))?.name ?? '';
  const link = `${payload.linkBase.replace(/\/+$/, '')}/escrow/matches`;
  return { to: member.email, subject: t('escrow.mail.matchSubject', { network }), text: t('escrow.mail.matchBody', { name: member.name, network, link }) };
}

export function escrowOutboxHandlers(mailer: Mailer | undefined, context: Context | undefined): Record<string, (message: OutboxMessage) => Promise<void>> {
  return {
    [ESCROW_MATCH_MAIL]: async (message) => {
      if (!context) throw new Error('no database for escrow mail');
      const mail = await matchMail(context, payloadSchema.parse(message.payload));
      if (!mail) return;
      if (!mailer) throw new Error('SMTP is not configured');
      await mailer.send(mail);
    },
  };
}
