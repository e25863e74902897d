/**
 * `redress restore FILE`: restores a backup into an empty deployment — a new data folder
 * (REDRESS_DATA_DIR) or an empty PostgreSQL database (DATABASE_URL) — and checks the audit chain.
 * A restore that fails leaves the target as it was: a folder it created is removed again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../storage/database.ts';
import { attachmentsFolder } from '../storage/backup/attachments.ts';
import { restoreBackup, type RestoreTarget } from '../storage/backup/restoreBackup.ts';
import { progressBar } from './progress.ts';

function targetFor(config: Config): RestoreTarget {
  const attachmentsDir = attachmentsFolder(config.dataDir);
  const open = () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  if (config.databaseUrl) return { open, attachmentsDir };
  const folderExisted = fs.existsSync(config.dataDir);
  const databaseFolder = path.join(config.dataDir, 'pgdata');
  const databaseExisted = fs.existsSync(databaseFolder);
  return {
    open,
    attachmentsDir,
    discardCreated: () => {
      if (!folderExisted) fs.rmSync(config.dataDir, { recursive: true, force: true });
      else if (!databaseExisted) fs.rmSync(databaseFolder, { recursive: true, force: true });
    },
  };
}

export async function restoreCommand(config: Config, file: string): Promise<void> {
  const checking = progressBar('Checking backup');
  const restoring = progressBar('Restoring rows');
  try {
    const summary = await restoreBackup(path.resolve(file), targetFor(config), {
      checking: (done, total) => checking.update(done, total),
      restoring: (done, total) => restoring.update(done, total),
    });
    checking.stop();
    restoring.stop();
    const { header } = summary;
    console.log(
      `Restored ${summary.rows} rows in ${header.tables.length} tables and ${summary.files} attachments into ${summary.location} ` +
        `(backup of ${header.createdAt}, Redress ${header.redressVersion}).`,
    );
    if (summary.audit.ok) {
      console.log(`Audit log intact: ${summary.audit.count} entries.`);
    } else {
      console.log(`Audit log BROKEN at entry ${summary.audit.seq}: ${summary.audit.problem}. The backup itself holds a damaged audit log.`);
      process.exitCode = 1;
    }
  } finally {
    checking.stop();
    restoring.stop();
  }
}
