/**
 * `redress create-admin --email E --name N [--language en]`: the operator's way in. On an empty
 * deployment there is no network to join yet, so it prints the one-time setup link instead;
 * otherwise it creates a network-administrator invitation (audited as coming from the command
 * line) and prints its one-time link. Nothing secret is stored: only the link's hash.
 */
import { z } from 'zod';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { isLanguage, languages, type Language } from '../i18n/index.ts';
import { currentNetwork } from '../storage/networkQueries.ts';
import { openDatabase } from '../storage/database.ts';
import { makeContext, type Context } from '../usecases/context.ts';
import { issueSetupLink } from '../usecases/setup/issueSetupLink.ts';
import { inviteStaff, type InvitationDelivery } from '../usecases/staff/inviteStaff.ts';

const adminInput = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  language: z.string().refine(isLanguage, `must be one of ${languages.join(', ')}`).transform((value) => value as Language),
});

export type CreateAdminOptions = { email: string; name: string; language: string };

export type CreateAdminOutcome =
  | { kind: 'setup-link'; link: string }
  | { kind: 'invitation'; link: string; expiresAt: Date; emailed: boolean };

export async function createAdmin(context: Context, options: CreateAdminOptions, delivery: InvitationDelivery): Promise<CreateAdminOutcome> {
  const parsed = adminInput.safeParse(options);
  if (!parsed.success) {
    throw new AppError('BAD_INPUT', { detail: parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }
  if (!(await currentNetwork(context.db))) {
    const token = await issueSetupLink(context);
    // Another process may have finished setup between the two reads; then invite as usual.
    if (token) return { kind: 'setup-link', link: `${delivery.linkBase.replace(/\/+$/, '')}/setup/${token}` };
  }
  const issued = await inviteStaff(context, { kind: 'command-line' }, { ...parsed.data, grants: [{ role: 'admin', orgId: null }] }, delivery);
  return { kind: 'invitation', link: issued.link, expiresAt: issued.expiresAt, emailed: issued.emailed };
}

export function describeOutcome(outcome: CreateAdminOutcome, options: CreateAdminOptions): string {
  if (outcome.kind === 'setup-link') {
    return [
      'This Redress is not set up yet, so there is no network to add an administrator to.',
      `Open this one-time link to create the network and its first administrator (enter ${options.email} there):`,
      '',
      `  ${outcome.link}`,
      '',
      'The link expires in 24 hours; running this command again replaces it.',
    ].join('\n');
  }
  return [
    `Invited ${options.email} as a network administrator. Give them this one-time link${outcome.emailed ? ' (it was also e-mailed)' : ''}:`,
    '',
    `  ${outcome.link}`,
    '',
    `The link expires on ${outcome.expiresAt.toISOString()} and is shown only now.`,
  ].join('\n');
}

export async function createAdminCommand(config: Config, options: CreateAdminOptions, output: (text: string) => void = console.log): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const outcome = await createAdmin(makeContext(database.db), options, {
      linkBase: config.publicUrl ?? `http://localhost:${config.port}`,
      sendEmail: Boolean(config.smtpUrl),
    });
    output(describeOutcome(outcome, options));
  } finally {
    await database.close();
  }
}
