/**
 * One pass of the deadline sweeper (SPEC: deadlines drive work; overdue steps alert). It looks
 * at every case whose next deadline is within reach — open cases, and closed ones with check-ins
 * pending — and at reports nobody has handled yet (started in memory as `handledCase` starts
 * them, so the 7-day acknowledgement counts from the day the report arrived). For each it asks
 * the engine for the deadlines as of now, mirrors the next one into `next_due_on` and
 * `deadline_status` (the state itself is never rewritten here), and for each deadline that is
 * due or overdue queues one reminder to the case's staff: the `deadline_reminders` key
 * (case, deadline, kind, last day) is inserted first and the e-mail is queued in the same
 * transaction only when that insert happened, so each reminder goes exactly once.
 *
 * Batches run in their own short transactions under a PostgreSQL advisory lock that every
 * process shares: while one process sweeps, another's sweep stops at once (`busy`). Rows an
 * action holds locked are skipped and swept next time.
 */
import { handlingColumns } from '../../core/cases/handling.ts';
import {
  addDays,
  dayOf,
  deadlinesNeedingAttention,
  templates,
  type CaseState,
  type DeadlineView,
  type ProcedureDefinition,
} from '../../core/procedures/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { procedureDefinition } from '../../storage/caseHandlingStore.ts';
import { caseById } from '../../storage/caseQueries.ts';
import type { Queryable, Tx } from '../../storage/database.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { casesDueBy, mirrorDeadline, recordReminder, storedDefinitions, tryJobLock, unsweptCases, type SweepRow } from '../../storage/sweepStore.ts';
import type { Context } from '../context.ts';
import { handledCase } from './handledCase.ts';

export const CASE_REMINDER_MAIL = 'mail.case-reminder';

export type SweepResult = {
  /** Another process was sweeping; this pass stopped without finishing. */
  busy: boolean;
  checked: number;
  /** Cases whose mirrored next deadline changed. */
  updated: number;
  reminders: number;
};

/** How a deadline is named in `deadline_reminders` and in the reminder's e-mail payload. */
export function reminderKey(state: CaseState, view: DeadlineView): string {
  if (view.kind === 'appealDecision') return `appeal:${view.id}`;
  if (view.kind === 'checkIn') return `checkIn:${view.id}`;
  return `${state.procedure.id}@${state.procedure.version}:${view.id}`;
}

export type DefinitionLoader = (id: string, version: number) => Promise<ProcedureDefinition | undefined>;

/** Definitions by id and version, each read once per pass. */
export function definitionLoader(db: Queryable): DefinitionLoader {
  const loaded = new Map<string, Promise<ProcedureDefinition | undefined>>();
  return (id, version) => {
    const key = `${id}@${version}`;
    let definition = loaded.get(key);
    if (!definition) {
      definition = procedureDefinition(db, id, version);
      loaded.set(key, definition);
    }
    return definition;
  };
}

/**
 * The case as the engine sees it. A case never handled has no state yet: it is started in memory
 * from the reporter's path, exactly as the first handler will start it. Undefined when the case
 * is gone, or its stored procedure can no longer be read.
 */
export async function deadlineState(
  db: Queryable,
  row: Pick<SweepRow, 'id' | 'state' | 'procedureId' | 'procedureVersion'>,
  definitions: DefinitionLoader,
): Promise<{ definition: ProcedureDefinition; state: CaseState } | undefined> {
  if (row.state && row.procedureId && row.procedureVersion) {
    const definition = await definitions(row.procedureId, row.procedureVersion);
    return definition ? { definition, state: row.state as CaseState } : undefined;
  }
  const full = await caseById(db, row.id);
  if (!full || full.status === 'draft') return undefined;
  const { definition, state } = await handledCase(db, full);
  return { definition, state };
}

/**
 * How far ahead a deadline can turn "due": the longest reminder period of any procedure in use.
 * A case whose next deadline ends later than today plus this has nothing due yet.
 */
async function reminderHorizon(db: Queryable): Promise<number> {
  const definitions = [...templates, ...(await storedDefinitions(db))];
  return Math.max(0, ...definitions.flatMap((definition) => definition.deadlines.map((deadline) => deadline.remindDaysBefore)));
}

export async function sweepDeadlines(context: Context, options: { batchSize?: number } = {}): Promise<SweepResult> {
  const now = context.clock();
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const definitions = definitionLoader(context.db);
  const horizon = addDays(dayOf(now), await reminderHorizon(context.db));
  const result: SweepResult = { busy: false, checked: 0, updated: 0, reminders: 0 };
  const seen = new Set<string>();

  const sweepBatch = (select: (tx: Tx) => Promise<SweepRow[]>): Promise<SweepRow[] | null> =>
    context.db.transaction(async (tx) => {
      if (!(await tryJobLock(tx, 'sweep'))) return null;
      const rows = await select(tx);
      for (const row of rows) {
        // A case swept once in this pass (its next deadline moved later) is not swept again.
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        await sweepCase(tx, row, now, definitions, result);
      }
      return rows;
    });

  // Reports nobody has handled yet and whose deadlines are not mirrored yet.
  let afterId: string | null = null;
  for (;;) {
    const rows = await sweepBatch((tx) => unsweptCases(tx, afterId, batchSize));
    if (rows === null) return { ...result, busy: true };
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    afterId = last.id;
  }

  // Every case whose next deadline is within reach, earliest first.
  let after: { dueOn: string; id: string } | null = null;
  for (;;) {
    const rows = await sweepBatch((tx) => casesDueBy(tx, horizon, after, batchSize));
    if (rows === null) return { ...result, busy: true };
    const last = rows.at(-1);
    if (!last?.nextDueOn || rows.length < batchSize) break;
    after = { dueOn: last.nextDueOn, id: last.id };
  }
  return result;
}

async function sweepCase(tx: Tx, row: SweepRow, now: Date, definitions: DefinitionLoader, result: SweepResult): Promise<void> {
  result.checked += 1;
  const handled = await deadlineState(tx, row, definitions);
  if (!handled) return;
  const { definition, state } = handled;
  const { nextDueOn, deadlineStatus } = handlingColumns(definition, state, now);
  if (nextDueOn !== row.nextDueOn || deadlineStatus !== row.deadlineStatus) {
    await mirrorDeadline(tx, row.id, { nextDueOn, deadlineStatus });
    result.updated += 1;
  }
  for (const view of deadlinesNeedingAttention(definition, state, now)) {
    if (view.status !== 'due' && view.status !== 'overdue') continue;
    const reminder = { caseId: row.id, deadline: reminderKey(state, view), kind: view.status, dueOn: view.dueOn };
    if (!(await recordReminder(tx, { ...reminder, sentAt: now }))) continue;
    await enqueue(tx, CASE_REMINDER_MAIL, reminder, now);
    await recordAudit(
      tx,
      { actorId: null, action: 'case.reminder-queued', subjectType: 'case', subjectId: row.id, orgId: row.orgId, details: { deadline: reminder.deadline, kind: reminder.kind, dueOn: reminder.dueOn } },
      now,
    );
    result.reminders += 1;
  }
}
