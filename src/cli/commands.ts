/** Commands added by feature areas (create-admin, backup, restore, …). */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { backupCommand } from './backup.ts';
import { restoreCommand } from './restore.ts';
import { createAdminCommand } from './createAdmin.ts';
import { registerEscrowCommands } from './escrow.ts';
import { registerBlogCommands } from './blog.ts';
import { registerCaseJobCommands } from './caseJobs.ts';

export function registerExtraCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the backup file to write (gzip’d JSON lines); an existing file is never overwritten')
    .description('back up every table and the attachments folder into one file')
    .action((file: string) => backupCommand(loadConfig(), file));
  program
    .command('restore')
    .argument('<file>', 'a file written by `redress backup`')
    .description('restore a backup into a new data folder or an empty PostgreSQL database')
    .action((file: string) => restoreCommand(loadConfig(), file));
  program
    .command('create-admin')
    .description('print a one-time link that makes someone a network administrator (the setup link on an empty deployment)')
    .requiredOption('--email <email>', 'their e-mail address')
    .requiredOption('--name <name>', 'their name as colleagues will see it')
    .option('--language <code>', 'language of their pages and e-mails', 'en')
    .action((options: { email: string; name: string; language: string }) => createAdminCommand(loadConfig(), options));
  registerEscrowCommands(program);
  registerBlogCommands(program);
  registerCaseJobCommands(program);
}
