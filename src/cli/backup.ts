/** `redress backup FILE`: writes the whole deployment (rows and attachments) to one file. */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { openDatabase } from '../storage/database.ts';
import { attachmentsFolder } from '../storage/backup/attachments.ts';
import { writeBackup } from '../storage/backup/writeBackup.ts';
import { progressBar } from './progress.ts';

export async function backupCommand(config: Config, file: string): Promise<void> {
  const destination = path.resolve(file);
  if (fs.existsSync(destination)) throw new AppError('BACKUP_FILE_EXISTS', { detail: destination });
  // Opening a folder without a database would create an empty one just to back it up.
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pgdata', 'PG_VERSION'))) {
    throw new AppError('DATA_DIR_MISSING', { detail: config.dataDir });
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  const rows = progressBar('Backing up rows');
  const files = progressBar('Backing up attachments');
  try {
    const summary = await writeBackup(database, {
      file: destination,
      attachmentsDir: attachmentsFolder(config.dataDir),
      progress: { rows: (done, total) => rows.update(done, total), files: (done, total) => files.update(done, total) },
    });
    rows.stop();
    files.stop();
    console.log(
      `Backed up ${summary.rows} rows from ${summary.tables} tables and ${summary.files} attachments (${summary.bytes} bytes) of ${database.location} to ${destination}`,
    );
  } finally {
    rows.stop();
    files.stop();
    await database.close();
  }
}
