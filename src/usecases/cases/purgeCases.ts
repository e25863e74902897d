/**
 * The purge job (SPEC: retention per procedure, legal hold, a purge job that reports what it
 * deleted). A closed case may be purged from the day its procedure's retention after closure has
 * passed (formal cases: 7 years) unless a legal hold keeps it; the engine (`purgeDue`) has the
 * last word over the mirrored columns the candidates are found by.
 *
 * Purging deletes the case entirely: its row and everything that cascades from it (wrapped keys,
 * messages, documents, attachment rows, events, team, conflicts, links, respondent access and
 * sessions, reminders) and its sealed files under <data folder>/attachments. Nothing is
 * overwritten first: on SSDs and copy-on-write file systems an overwrite does not reach the old
 * blocks anyway. What makes the purge final is that the content was only ever stored sealed
 * with the case key, and every wrapped copy of that key is deleted with the case: whatever
 * bytes a disk may still hold cannot be opened. (Backups made before the purge still hold the
 * case until they are rotated out.)
 *
 * Each purged case gets an audit entry `case.purged` (ids only; the log is append-only and keeps
 * its earlier entries about the case, which hold ids, never content), and the run writes one
 * purge report: case numbers, closing and purge days and procedures. A dry run changes nothing.
 * Batches run under a job lock shared by every process on one PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dayOf, purgeDue, type CaseState } from '../../core/procedures/index.ts';
import { attachmentsFolder, orphanedFiles, removeFiles } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Queryable } from '../../storage/database.ts';
import {
  addToPurgeReport,
  attachmentFilesOf,
  deleteCase,
  heldPastRetention,
  purgeCandidates,
  type PurgeCandidate,
  type PurgedCase,
} from '../../storage/retentionStore.ts';
import { tryJobLock } from '../../storage/sweepStore.ts';
import type { Context } from '../context.ts';
import { deadlineState, definitionLoader, type DefinitionLoader } from './sweepDeadlines.ts';

export type PurgeReport = {
  dryRun: boolean;
  /** Another process was purging; this run stopped without finishing. */
  busy: boolean;
  ranAt: Date;
  /** The report row written (null on a dry run, or when nothing was purged). */
  reportId: string | null;
  purged: PurgedCase[];
  filesRemoved: number;
  keptForLegalHold: number;
  /** Cases that could not be deleted (e.g. something new refers to them without cascading). */
  failed: number;
  /** Sealed files no row refers to, older than a day (see storage/attachmentFiles.ts `orphanedFiles`). */
  orphansRemoved: number;
};

/** An upload is written before its row commits; a file younger than this may still be on its way. */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

export type PurgeOptions = { dataDir: string; dryRun?: boolean; via: 'cli' | 'job'; batchSize?: number };

function purgedCase(row: PurgeCandidate, state: CaseState): PurgedCase {
  return {
    ref: row.ref,
    closedOn: state.closure ? dayOf(new Date(state.closure.at)) : row.closedAt ? dayOf(row.closedAt) : null,
    purgeOn: row.purgeOn,
    procedure: `${state.procedure.id}@${state.procedure.version}`,
  };
}

/** The engine's verdict on one candidate: the state to report, or null when it must stay. */
async function dueForPurge(db: Queryable, row: PurgeCandidate, definitions: DefinitionLoader, now: Date): Promise<CaseState | null> {
  if (row.status === 'draft') return null;
  const handled = await deadlineState(db, row, definitions);
  if (!handled) return null;
  return purgeDue(handled.definition, handled.state, now).due ? handled.state : null;
}

async function existingFiles(folder: string, names: readonly string[]): Promise<number> {
  let count = 0;
  for (const name of names) {
    try {
      await fs.access(path.join(folder, path.basename(name)));
      count += 1;
    } catch {
      // Already gone: nothing to remove.
    }
  }
  return count;
}

/** Removes the files; how many there were. A name that is not a file of ours is left alone (it could not be opened anyway: its key is gone). */
async function removeSealedFiles(folder: string, names: readonly string[]): Promise<number> {
  const present = await existingFiles(folder, names);
  try {
    await removeFiles(folder, names);
    return present;
  } catch {
    return 0;
  }
}

export async function purgeCases(context: Context, options: PurgeOptions): Promise<PurgeReport> {
  const now = context.clock();
  const today = dayOf(now);
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const folder = attachmentsFolder(options.dataDir);
  const definitions = definitionLoader(context.db);
  const report: PurgeReport = {
    dryRun: options.dryRun === true,
    busy: false,
    ranAt: now,
    reportId: null,
    purged: [],
    filesRemoved: 0,
    keptForLegalHold: await heldPastRetention(context.db, today),
    failed: 0,
    orphansRemoved: 0,
  };
  const orphans = () => orphanedFiles(context.db, folder, new Date(now.getTime() - ORPHAN_AGE_MS));
  let after: { purgeOn: string; id: string } | null = null;

  if (report.dryRun) {
    for (;;) {
      const rows = await purgeCandidates(context.db, { today, after, limit: batchSize, lock: false });
      for (const row of rows) {
        const state = await dueForPurge(context.db, row, definitions, now);
        if (!state) continue;
        report.purged.push(purgedCase(row, state));
        report.filesRemoved += await existingFiles(folder, await attachmentFilesOf(context.db, row.id));
      }
      const last = rows.at(-1);
      if (!last?.purgeOn || rows.length < batchSize) return { ...report, orphansRemoved: (await orphans()).length };
      after = { purgeOn: last.purgeOn, id: last.id };
    }
  }

  const reportId = crypto.randomUUID();
  for (;;) {
    const rows = await context.db.transaction(async (tx) => {
      if (!(await tryJobLock(tx, 'purge'))) return null;
      const candidates = await purgeCandidates(tx, { today, after, limit: batchSize, lock: true });
      const batch: { purged: PurgedCase[]; filesRemoved: number } = { purged: [], filesRemoved: 0 };
      for (const row of candidates) {
        const state = await dueForPurge(tx, row, definitions, now);
        if (!state) continue;
        const files = await attachmentFilesOf(tx, row.id);
        try {
          // A savepoint: a case that cannot be deleted is counted and left as it was; the others go on.
          await tx.transaction((savepoint) => deleteCase(savepoint, row.id));
        } catch {
          report.failed += 1;
          continue;
        }
        await recordAudit(tx, { actorId: null, action: 'case.purged', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { report: reportId, via: options.via } }, now);
        // The sealed files go before the rows commit: should the commit fail, the next run deletes the rows.
        batch.filesRemoved += await removeSealedFiles(folder, files);
        batch.purged.push(purgedCase(row, state));
      }
      if (batch.purged.length > 0) await addToPurgeReport(tx, { id: reportId, ranAt: now, keptForLegalHold: report.keptForLegalHold }, batch);
      report.purged.push(...batch.purged);
      report.filesRemoved += batch.filesRemoved;
      return candidates;
    });
    if (rows === null) return { ...report, busy: true, reportId: report.purged.length > 0 ? reportId : null };
    const last = rows.at(-1);
    if (!last?.purgeOn || rows.length < batchSize) break;
    after = { purgeOn: last.purgeOn, id: last.id };
  }
  // After the cases: a purged case's file that could not be removed above is an orphan now.
  const orphaned = await orphans();
  // As for a purged case's files: a file that cannot be removed now is tried again on the next run.
  const removed = await removeFiles(folder, orphaned).then(
    () => orphaned.length,
    () => 0,
  );
  if (removed > 0) {
    await context.db.transaction((tx) => recordAudit(tx, { actorId: null, action: 'attachments.orphans-removed', subjectType: 'attachments', details: { files: removed, via: options.via } }, now));
  }
  return { ...report, orphansRemoved: removed, reportId: report.purged.length > 0 ? reportId : null };
}
