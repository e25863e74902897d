/**
 * Queries of the deadline sweeper: which cases to look at (by the `cases_due_idx` index on the
 * mirrored next deadline, and the few reports nobody has handled yet through `cases_unswept_idx`),
 * a job lock shared by every process on one PostgreSQL, the mirrored deadline columns, and the
 * reminders already sent (their primary key makes each reminder happen once).
 */
import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { procedureDefinitionSchema, type ProcedureDefinition } from '../core/procedures/index.ts';
import type { Queryable, Tx } from './database.ts';
import { cases, deadlineReminders, procedureDefinitions } from './schema/index.ts';

/** Advisory lock keys of the case jobs (two-integer form: a key space apart from the one-integer locks). */
export const CASE_JOB_LOCKS = { sweep: 1, purge: 2 } as const;
const CASE_JOBS = 7_301;

/**
 * Takes the job's lock for the rest of the transaction, or answers false at once when another
 * transaction (in this process or any other on the same database) holds it.
 */
export async function tryJobLock(tx: Tx, job: keyof typeof CASE_JOB_LOCKS): Promise<boolean> {
  const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(${CASE_JOBS}::int, ${CASE_JOB_LOCKS[job]}::int) as locked`)) as unknown as {
    rows: { locked: boolean }[];
  };
  return result.rows[0]?.locked === true;
}

/** What the sweeper reads of a case: no sealed content. */
export type SweepRow = {
  id: string;
  orgId: string | null;
  state: unknown;
  procedureId: string | null;
  procedureVersion: number | null;
  nextDueOn: string | null;
  deadlineStatus: string | null;
};

const sweepColumns = {
  id: cases.id,
  orgId: cases.orgId,
  state: cases.state,
  procedureId: cases.procedureId,
  procedureVersion: cases.procedureVersion,
  nextDueOn: cases.nextDueOn,
  deadlineStatus: cases.deadlineStatus,
};

/**
 * Sent reports nobody has handled yet whose deadlines are not mirrored yet, after `after` in id
 * order, locked (rows an action holds right now are skipped, for the next run).
 */
export async function unsweptCases(tx: Tx, after: string | null, limit: number): Promise<SweepRow[]> {
  return tx
    .select(sweepColumns)
    .from(cases)
    .where(and(isNull(cases.state), isNull(cases.nextDueOn), eq(cases.status, 'submitted'), after ? gt(cases.id, after) : undefined))
    .orderBy(asc(cases.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Cases (open, or closed with check-ins pending) whose next deadline ends on or before `horizon`, in (next_due_on, id) order. */
export async function casesDueBy(tx: Tx, horizon: string, after: { dueOn: string; id: string } | null, limit: number): Promise<SweepRow[]> {
  return tx
    .select(sweepColumns)
    .from(cases)
    .where(
      and(
        isNotNull(cases.nextDueOn),
        lte(cases.nextDueOn, horizon),
        after ? or(gt(cases.nextDueOn, after.dueOn), and(eq(cases.nextDueOn, after.dueOn), gt(cases.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(cases.nextDueOn), asc(cases.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Only the two mirrored deadline columns: the state and everything else stay as they are. */
export async function mirrorDeadline(tx: Tx, caseId: string, columns: { nextDueOn: string | null; deadlineStatus: string | null }): Promise<void> {
  await tx.update(cases).set(columns).where(eq(cases.id, caseId));
}

/** Records a reminder; true only for the transaction that recorded it first (the others find it there). */
export async function recordReminder(tx: Tx, reminder: { caseId: string; deadline: string; kind: 'due' | 'overdue'; dueOn: string; sentAt: Date }): Promise<boolean> {
  const inserted = await tx.insert(deadlineReminders).values(reminder).onConflictDoNothing().returning({ caseId: deadlineReminders.caseId });
  return inserted.length > 0;
}

/** Procedure definitions adapted by administrators (the shipped templates are code). */
export async function storedDefinitions(db: Queryable): Promise<ProcedureDefinition[]> {
  const rows = await db.select({ definition: procedureDefinitions.definition }).from(procedureDefinitions);
  return rows.flatMap((row) => {
    const parsed = procedureDefinitionSchema.safeParse(row.definition);
    return parsed.success ? [parsed.data] : [];
  });
}
