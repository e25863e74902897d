/**
 * E-mail to staff through SMTP (nodemailer). Messages carry no case content: only that
 * something needs attention, and a link. Without SMTP_URL no e-mail is queued at all.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { translator } from '../i18n/index.ts';

export type Mail = { to: string; subject: string; text: string };

export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

/** The staff invitation e-mail, in the invited person's language. */
export function invitationMail(payload: { to: string; name: string; link: string; language: string; networkName: string }): Mail {
  const t = translator(payload.language);
  return {
    to: payload.to,
    subject: t('mail.invitationSubject', { network: payload.networkName }),
    text: t('mail.invitationBody', { name: payload.name, network: payload.networkName, link: payload.link }),
  };
}
