/** `redress verify-audit`: recomputes the audit hash chain and reports the first break. */
import type { Config } from '../config.ts';
import { openDatabase } from '../storage/database.ts';
import { verifyAuditLog } from '../storage/auditLog.ts';
import { progressBar } from './progress.ts';

export async function verifyAuditCommand(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: false });
  const progress = progressBar('Verifying audit log');
  try {
    const verdict = await verifyAuditLog(database.db, (done, total) => progress.update(done, total));
    progress.stop();
    if (verdict.ok) {
      console.log(`Audit log intact: ${verdict.count} entries, head ${verdict.headHash.slice(0, 16)}…`);
    } else {
      console.log(`Audit log BROKEN at entry ${verdict.seq}: ${verdict.problem} (${verdict.count} entries verified before it)`);
      process.exitCode = 1;
    }
  } finally {
    progress.stop();
    await database.close();
  }
}
