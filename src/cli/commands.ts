/** Commands added by feature areas (create-admin, backup, restore, …). */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createAdminCommand } from './createAdmin.ts';

export function registerExtraCommands(program: Command): void {
  program
    .command('create-admin')
    .description('print a one-time link that makes someone a network administrator (the setup link on an empty deployment)')
    .requiredOption('--email <email>', 'their e-mail address')
    .requiredOption('--name <name>', 'their name as colleagues will see it')
    .option('--language <code>', 'language of their pages and e-mails', 'en')
    .action((options: { email: string; name: string; language: string }) => createAdminCommand(loadConfig(), options));
}
