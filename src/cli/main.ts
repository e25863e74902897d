/**
 * The `redress` command line: serve, migrate, create-admin, backup, restore, verify-audit.
 * Operator-facing errors are one clear line on stderr and exit code 1, never a stack trace.
 */
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { isAppError } from '../core/errors.ts';
import { serveCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { verifyAuditCommand } from './verifyAudit.ts';
import { registerExtraCommands } from './commands.ts';

const program = new Command()
  .name('redress')
  .description('Redress: survivor-centred reporting, case handling and accountability')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('serve')
  .description('start the web server (PORT, REDRESS_DATA_DIR or DATABASE_URL)')
  .action(() => serveCommand(loadConfig()));

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(() => migrateCommand(loadConfig()));

program
  .command('verify-audit')
  .description('check the hash chain of the audit log; exit code 1 if any entry was altered, removed or reordered')
  .action(() => verifyAuditCommand(loadConfig()));

registerExtraCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = 1;
  if (isAppError(error)) {
    process.stderr.write(`redress: ${oneLine(error.message)}\n`);
  } else {
    process.stderr.write(`redress: unexpected error: ${oneLine(unexpectedMessage(error))}\n`);
    if (process.env.REDRESS_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  }
}

/** A failed query is wrapped with its whole SQL text; the operator needs the database's reason. */
function unexpectedMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
