/**
 * Retention at a glance, for network administrators: what the purge job deleted (its reports:
 * case numbers, dates and procedures), the cases a legal hold keeps, and the closed cases next
 * in line for purging. Case numbers and dates only; cases the viewer is conflicted on are left
 * out of the lists.
 */
import { shippedTemplate } from '../../core/cases/handling.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { inSequence, type Queryable } from '../../storage/database.ts';
import { casesUnderLegalHold, nextToPurge, purgeReportPage, type PurgeReportRow, type RetentionCase } from '../../storage/retentionStore.ts';

export const RETENTION_LIST_SIZE = 20;

/** A procedure as a person reads it: the shipped template's name key, or its id for an adapted copy. */
export type ProcedureLabel = { nameKey: string | null; id: string };

export type RetentionLine = { ref: number; closedOn: string | null; purgeOn: string | null; procedure: ProcedureLabel | null };

export type RetentionOverview = {
  reports: (Omit<PurgeReportRow, 'purged'> & { purged: RetentionLine[] })[];
  /** The run time the next page of reports starts before. */
  olderThan: Date | undefined;
  held: RetentionLine[];
  next: RetentionLine[];
};

export function procedureLabel(id: string | null, version: number | null): ProcedureLabel | null {
  if (!id) return null;
  return { nameKey: version === null ? null : (shippedTemplate(id, version)?.nameKey ?? null), id };
}

/** `formal-investigation@1` as stored in a purge report. */
function parseProcedure(text: string | null): ProcedureLabel | null {
  const match = text ? /^(.+)@(\d+)$/.exec(text) : null;
  return match?.[1] && match[2] ? procedureLabel(match[1], Number(match[2])) : null;
}

function line(row: RetentionCase): RetentionLine {
  return { ref: row.ref, closedOn: row.closedAt ? row.closedAt.toISOString().slice(0, 10) : null, purgeOn: row.purgeOn, procedure: procedureLabel(row.procedureId, row.procedureVersion) };
}

export async function readRetention(db: Queryable, actor: Actor, options: { olderThan?: Date | undefined }): Promise<RetentionOverview> {
  authorize(actor, 'network.administer', { kind: 'network' });
  const [reports, held, next] = await inSequence([
    () => purgeReportPage(db, { before: options.olderThan, limit: RETENTION_LIST_SIZE }),
    () => casesUnderLegalHold(db, { viewerId: actor.staffId, limit: RETENTION_LIST_SIZE }),
    () => nextToPurge(db, { viewerId: actor.staffId, limit: RETENTION_LIST_SIZE }),
  ]);
  const last = reports.at(-1);
  return {
    reports: reports.map((report) => ({ ...report, purged: report.purged.map((entry) => ({ ...entry, procedure: parseProcedure(entry.procedure) })) })),
    olderThan: reports.length === RETENTION_LIST_SIZE && last ? last.ranAt : undefined,
    held: held.map(line),
    next: next.map(line),
  };
}
