/**
 * `redress sweep` and `redress purge [--dry-run]`: the case jobs `redress serve` runs on its own
 * (src/jobs/deadlineSweeper.ts), by hand — after an outage, from cron on a deployment that
 * prefers it, or to see what a purge would delete. On the embedded database they need the
 * server stopped (one process per data folder); on PostgreSQL they run beside the servers, and
 * the job lock makes whichever comes second wait for the next run.
 */
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../storage/database.ts';
import { makeContext, type Context } from '../usecases/context.ts';
import { purgeCases, type PurgeReport } from '../usecases/cases/purgeCases.ts';
import { sweepDeadlines, type SweepResult } from '../usecases/cases/sweepDeadlines.ts';

export type Output = (line: string) => void;

async function withContext<T>(config: Config, work: (context: Context) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(makeContext(database.db));
  } finally {
    await database.close();
  }
}

/** Columns padded to their widest cell, the first row a header. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((max, row) => row.map((cell, index) => Math.max(max[index] ?? 0, cell.length)), []);
  const line = (row: readonly string[]) => row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  const [header, ...body] = rows;
  if (!header) return [];
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)];
}

export function describeSweep(result: SweepResult): string[] {
  if (result.busy) return ['Another Redress process is sweeping right now; this run stopped. Nothing is lost: the next run goes on.'];
  return [`Checked ${result.checked} case(s): ${result.updated} next deadline(s) updated, ${result.reminders} reminder(s) queued.`];
}

export function describePurge(report: PurgeReport): string[] {
  const lines: string[] = [];
  if (report.busy) lines.push('Another Redress process is purging right now; this run stopped before the end.');
  if (report.purged.length === 0) {
    lines.push(report.dryRun ? 'A purge now would delete nothing.' : 'Nothing was purged.');
  } else {
    lines.push(report.dryRun ? `A purge now would delete ${report.purged.length} case(s) (dry run: nothing was changed):` : `Purged ${report.purged.length} case(s):`);
    lines.push(
      ...textTable([
        ['Case', 'Closed on', 'Purge from', 'Procedure'],
        ...report.purged.map((entry) => [String(entry.ref), entry.closedOn ?? '—', entry.purgeOn ?? '—', entry.procedure ?? '—']),
      ]),
    );
  }
  lines.push(`${report.dryRun ? 'Attachment files that would be removed' : 'Attachment files removed'}: ${report.filesRemoved}`);
  lines.push(`${report.dryRun ? 'Orphaned files (no case refers to them) that would be removed' : 'Orphaned files (no case refers to them) removed'}: ${report.orphansRemoved}`);
  lines.push(`Past retention but kept under legal hold: ${report.keptForLegalHold}`);
  if (report.failed > 0) lines.push(`Could not be deleted (left as they were; the next run tries again): ${report.failed}`);
  if (report.reportId) lines.push(`Report ${report.reportId} recorded (see /admin/retention).`);
  return lines;
}

export async function sweepCommand(config: Config, output: Output = console.log): Promise<SweepResult> {
  const result = await withContext(config, (context) => sweepDeadlines(context));
  for (const line of describeSweep(result)) output(line);
  return result;
}

export async function purgeCommand(config: Config, options: { dryRun?: boolean }, output: Output = console.log): Promise<PurgeReport> {
  const report = await withContext(config, (context) => purgeCases(context, { dataDir: config.dataDir, dryRun: options.dryRun === true, via: 'cli' }));
  for (const line of describePurge(report)) output(line);
  return report;
}

export function registerCaseJobCommands(program: Command): void {
  program
    .command('sweep')
    .description('mark case deadlines due and overdue and queue the reminders to staff (the server does this every few minutes)')
    .action(async () => {
      await sweepCommand(loadConfig());
    });
  program
    .command('purge')
    .description('delete closed cases whose retention has passed and that no legal hold keeps, and print what was deleted')
    .option('--dry-run', 'only list what would be deleted; change nothing')
    .action(async (options: { dryRun?: boolean }) => {
      await purgeCommand(loadConfig(), options);
    });
}
