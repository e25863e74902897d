/**
 * Restores a backup into an empty deployment, all or nothing. The file is checked from end to
 * end before the target is touched; then, in ONE transaction: the target must hold no rows, the
 * migrations the backup was made with are applied, the rows are inserted table by table (audit
 * entries too: the append-only trigger refuses only UPDATE and DELETE, so the hash chain comes
 * back as it was), sequences are put back, and the migrations newer than the backup run last, as
 * they would on an upgrade. Attachments are staged beside the data and moved in after commit.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { migrationsFolder, queryRows, type Database, type Tx } from '../database.ts';
import { readMigrations } from '../migrations.ts';
import { verifyAuditLog } from '../auditLog.ts';
import type { ChainVerdict } from '../../core/auditChain.ts';
import { AttachmentStaging, folderIsEmpty } from './attachments.ts';
import type { BackupHeader } from './backupFormat.ts';
import { readBackup, type BackupRow } from './readBackup.ts';
import {
  quoteIdentifier,
  readCatalogue,
  readOwnedSequences,
  STABLE_TEXT_OUTPUT,
  writeExpression,
  type CatalogueColumn,
  type CatalogueTable,
} from './tableCatalogue.ts';

/** The same advisory lock as the start-up migrations, so a Redress starting meanwhile waits. */
const MIGRATION_LOCK = 7_301_042;

export type RestoreTarget = {
  /** Opens the target without migrating it (migrations are part of the restore transaction). */
  open(): Promise<Database>;
  attachmentsDir: string;
  /** Removes what `open` created, when the restore fails (a fresh PGlite folder). */
  discardCreated?(): void;
};

export type RestoreProgress = { checking?(done: number, total: number): void; restoring?(done: number, total: number): void };

export type RestoreSummary = { header: BackupHeader; rows: number; files: number; location: string; audit: ChainVerdict };

export async function restoreBackup(file: string, target: RestoreTarget, progress: RestoreProgress = {}): Promise<RestoreSummary> {
  const migrations = readMigrations(migrationsFolder);
  const knownTags = migrations.map((migration) => migration.tag);
  const header = await readBackup(file, knownTags, { progress: progress.checking });
  if (!folderIsEmpty(target.attachmentsDir)) {
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { detail: `the attachments folder ${target.attachmentsDir} holds files` });
  }
  const database = await target.open();
  const staging = new AttachmentStaging(target.attachmentsDir);
  let rows = 0;
  try {
    await database.db.transaction(async (tx) => {
      for (const statement of STABLE_TEXT_OUTPUT) await tx.execute(sql.raw(statement));
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      const applied = await appliedTags(tx);
      const ahead = applied.filter((tag) => !header.migrations.includes(tag));
      if (ahead.length > 0) {
        throw new AppError('RESTORE_TARGET_NOT_EMPTY', {
          detail: `${database.location} already has migrations the backup predates (${ahead.join(', ')}); restore into a new data folder or database`,
        });
      }
      await refuseRows(tx, database.location);
      const applyMigrations = async (wanted: (tag: string) => boolean) => {
        for (const migration of migrations.filter((candidate) => wanted(candidate.tag) && !applied.includes(candidate.tag))) {
          for (const statement of migration.statements) await tx.execute(sql.raw(statement));
          await tx.execute(sql`insert into redress_migrations (tag, hash) values (${migration.tag}, ${migration.hash})`);
          applied.push(migration.tag);
        }
      };
      await applyMigrations((tag) => header.migrations.includes(tag));
      const tables = matchSchema(header, await readCatalogue(tx));
      await readBackup(file, knownTags, {
        rows: async (table, batch) => {
          const columns = tables.get(table);
          if (!columns) throw new AppError('BACKUP_INVALID', { detail: `table ${table} is not in the header` });
          await insertRows(tx, table, columns, batch);
          rows += batch.length;
        },
        fileChunk: async (path, bytes) => staging.write(path, bytes),
        fileDone: async () => staging.closeFile(),
        progress: progress.restoring,
      });
      await restoreSequences(tx, header);
      await applyMigrations(() => true);
    });
    staging.commit();
  } catch (error) {
    staging.discard();
    await database.close();
    target.discardCreated?.();
    throw error;
  }
  try {
    const audit = await verifyAuditLog(database.db);
    return { header, rows, files: header.attachments.files, location: database.location, audit };
  } finally {
    await database.close();
  }
}

async function appliedTags(tx: Tx): Promise<string[]> {
  await tx.execute(sql`create table if not exists redress_migrations (
    tag text primary key,
    hash text not null,
    applied_at timestamptz not null default now()
  )`);
  const rows = await queryRows<{ tag: string }>(tx, sql`select tag from redress_migrations order by tag`);
  return rows.map((row) => row.tag);
}

async function refuseRows(tx: Tx, location: string): Promise<void> {
  for (const table of await readCatalogue(tx)) {
    const [found] = await queryRows<{ any: boolean }>(tx, sql.raw(`select exists (select 1 from ${quoteIdentifier(table.name)}) as any`));
    if (found?.any) throw new AppError('RESTORE_TARGET_NOT_EMPTY', { detail: `${location} already holds rows in ${table.name}` });
  }
}

/** After the backup's own migrations the target's tables must be exactly the backup's. */
function matchSchema(header: BackupHeader, catalogue: CatalogueTable[]): Map<string, CatalogueColumn[]> {
  const byName = new Map(catalogue.map((table) => [table.name, table]));
  const matched = new Map<string, CatalogueColumn[]>();
  for (const table of header.tables) {
    const found = byName.get(table.name);
    if (!found) throw new AppError('BACKUP_INVALID', { detail: `table ${table.name} does not exist after the backup's migrations` });
    const columns = table.columns.map((column) => {
      const match = found.columns.find((candidate) => candidate.name === column.name);
      if (!match || match.type !== column.type || match.encoding !== column.encoding) {
        throw new AppError('BACKUP_INVALID', { detail: `column ${table.name}.${column.name} (${column.type}) does not match the schema` });
      }
      return match;
    });
    matched.set(table.name, columns);
  }
  return matched;
}

/** One statement per batch; PostgreSQL turns each JSON row back into typed values. */
async function insertRows(tx: Tx, table: string, columns: CatalogueColumn[], rows: BackupRow[]): Promise<void> {
  const names = columns.map((column) => quoteIdentifier(column.name)).join(', ');
  const values = columns.map(writeExpression).join(', ');
  await tx.execute(sql`${sql.raw(`insert into ${quoteIdentifier(table)} (${names}) overriding system value select ${values} from jsonb_array_elements(`)}${JSON.stringify(rows)}${sql.raw('::jsonb) with ordinality as r(x, n) order by n')}`);
}

/** Sequences continue where the backup's stood, and never below the highest restored id. */
async function restoreSequences(tx: Tx, header: BackupHeader): Promise<void> {
  for (const sequence of header.sequences) {
    if (sequence.lastValue === null) continue;
    await tx.execute(sql`select setval(${`public.${quoteIdentifier(sequence.name)}`}::regclass, ${sequence.lastValue}::bigint, true)`);
  }
  for (const owned of await readOwnedSequences(tx)) {
    const regclass = `public.${quoteIdentifier(owned.sequence)}`;
    const [state] = await queryRows<{ highest: string | null; last: string; called: boolean }>(
      tx,
      sql.raw(`select (select max(${quoteIdentifier(owned.column)})::text from ${quoteIdentifier(owned.table)}) as highest,
                      last_value::text as last, is_called as called from ${regclass}`),
    );
    if (!state?.highest) continue;
    const next = state.called ? BigInt(state.last) + 1n : BigInt(state.last);
    if (BigInt(state.highest) >= next) {
      await tx.execute(sql`select setval(${regclass}::regclass, ${state.highest}::bigint, true)`);
    }
  }
}
