/**
 * The inbox query: the cases a staff member may see in lists and counts, filtered and searched
 * over workflow metadata only (content is sealed and never searched), in the inbox order — the
 * next due date first (cases without one last), then the newest — one page at a time.
 *
 * Invariants every statement here keeps (SPEC: conflict of interest, enforced): a case is listed
 * or counted only when its key is wrapped for the member as a case worker (`holder = 'staff'`;
 * a network admin's emergency copy does not list), it is not a draft, the member is not in its
 * `case_conflicts` (their key is deleted on conflict; the conflict is excluded here as well), and
 * it lies in the scope the policy gives them. Pages are keyset pages (no OFFSET) on
 * (next due date or infinity, received time descending, id descending); the migration
 * `drizzle/0011_inbox_indexes.sql` holds the indexes in that order, covering every filtered
 * column, so a first page costs a short walk of one index however many cases there are.
 */
import { and, asc, desc, eq, exists, ilike, inArray, isNull, notExists, or, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from './database.ts';
import { caseConflicts, caseKeys, caseTeam, cases, organisations } from './schema/index.ts';

/** Where the member may handle cases: everywhere (a network role), or these organisations and/or the network's own. */
export type InboxScope = { everywhere: true } | { everywhere: false; orgIds: readonly string[]; network: boolean };

/**
 * A label to match, with every case that carries it when they are few. The planner cannot know
 * how rare a label is (array statistics keep only common elements), and walking the inbox order
 * for a rare one would read the whole index; so a rare label's cases are found first through the
 * GIN index and the page is taken from those.
 */
export type LabelMatch = { label: string; among?: readonly string[] | undefined };

/** What a search term matched, worked out before the query: a case number, organisations, categories, a label (null: no case has it). */
export type InboxSearch = { ref: number | null; orgIds: readonly string[]; network: boolean; label: LabelMatch | null; categories: readonly string[] };

export type InboxCriteria = {
  status?: string | undefined;
  step?: string | undefined;
  /** An organisation's id, or null for the network's own cases. */
  organisation?: string | null | undefined;
  category?: string | undefined;
  priority?: string | undefined;
  /** null: no case carries the label asked for. */
  label?: LabelMatch | null | undefined;
  overdue?: boolean | undefined;
  mine?: boolean | undefined;
  search?: InboxSearch | undefined;
};

/** A place in the inbox order: the due key ('YYYY-MM-DD', or 'infinity' for no due date), the received time to the microsecond, the id. */
export type InboxPosition = { due: string; received: string; id: string };

export type InboxRequest = {
  staffId: string;
  scope: InboxScope;
  criteria: InboxCriteria;
  /** Today's day (UTC, 'YYYY-MM-DD'): a deadline whose last day is before it is overdue. */
  today: string;
  /** Rows after (the next page) or before (the previous page) a position; the first page without. */
  from?: { position: InboxPosition; direction: 'after' | 'before' } | undefined;
  limit: number;
};

export type InboxRow = {
  id: string;
  ref: number;
  status: string;
  path: string;
  orgId: string | null;
  orgName: string | null;
  submittedAt: Date;
  procedureId: string | null;
  procedureVersion: number | null;
  currentSteps: string[];
  nextDueOn: string | null;
  deadlineStatus: string | null;
  priority: string | null;
  category: string | null;
  labels: string[];
  onTeam: boolean;
  position: InboxPosition;
};

/** The sort key of the inbox; written exactly as in the indexes so the planner can walk them. */
const dueKey = sql`coalesce(${cases.nextDueOn}, 'infinity'::date)`;

function inScope(scope: InboxScope): SQL | undefined {
  if (scope.everywhere) return undefined;
  const parts = [scope.orgIds.length > 0 ? inArray(cases.orgId, [...scope.orgIds]) : undefined, scope.network ? isNull(cases.orgId) : undefined].filter(
    (part): part is SQL => part !== undefined,
  );
  // No scope at all lists nothing (the policy should not have let the member this far).
  return parts.length === 0 ? sql`false` : or(...parts);
}

/** The cases the member may see in lists and counts, before any filter. */
function visibleTo(db: Queryable, staffId: string, scope: InboxScope): SQL | undefined {
  return and(
    // Literals, not parameters: the planner must see they imply the partial indexes' predicates.
    sql`${cases.status} <> 'draft' and ${cases.submittedAt} is not null`,
    exists(
      db
        .select({ one: sql`1` })
        .from(caseKeys)
        .where(and(eq(caseKeys.caseId, cases.id), eq(caseKeys.staffId, staffId), sql`${caseKeys.holder} = 'staff'`)),
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(caseConflicts)
        .where(and(eq(caseConflicts.caseId, cases.id), eq(caseConflicts.staffId, staffId))),
    ),
    inScope(scope),
  );
}

function onTeamOf(db: Queryable, staffId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(caseTeam)
      .where(and(eq(caseTeam.caseId, cases.id), eq(caseTeam.staffId, staffId))),
  );
}

/** A paused deadline is not overdue; one whose last day has passed is, even before the sweeper marks it. */
function overdueOn(today: string): SQL {
  return sql`${dueKey} < ${today}::date and ${cases.deadlineStatus} is distinct from 'paused'`;
}

function labelled(match: LabelMatch | null): SQL {
  if (match === null) return sql`false`;
  const carries = sql`${cases.labels} @> array[${match.label}]::text[]`;
  return match.among === undefined ? carries : sql`${inArray(cases.id, [...match.among])} and ${carries}`;
}

function searchFor(search: InboxSearch): SQL {
  return (
    or(
      search.ref !== null ? eq(cases.ref, search.ref) : undefined,
      search.orgIds.length > 0 ? inArray(cases.orgId, [...search.orgIds]) : undefined,
      search.network ? isNull(cases.orgId) : undefined,
      search.label !== null ? labelled(search.label) : undefined,
      search.categories.length > 0 ? inArray(cases.category, [...search.categories]) : undefined,
    ) ?? sql`false`
  );
}

function matching(db: Queryable, staffId: string, criteria: InboxCriteria, today: string): SQL | undefined {
  const { status, step, organisation, category, priority, label, search } = criteria;
  return and(
    status !== undefined ? eq(cases.status, status) : undefined,
    step !== undefined ? sql`${cases.currentSteps} @> array[${step}]::text[]` : undefined,
    organisation === null ? isNull(cases.orgId) : organisation !== undefined ? eq(cases.orgId, organisation) : undefined,
    category !== undefined ? eq(cases.category, category) : undefined,
    priority !== undefined ? eq(cases.priority, priority) : undefined,
    label !== undefined ? labelled(label) : undefined,
    criteria.overdue ? overdueOn(today) : undefined,
    criteria.mine ? onTeamOf(db, staffId) : undefined,
    search ? searchFor(search) : undefined,
  );
}

/**
 * Rows strictly after (or before) a position in the inbox order. The redundant bound on the due
 * key lets the index scan start at the position instead of filtering from the top.
 */
function beyond(from: NonNullable<InboxRequest['from']>): SQL {
  const { due, received, id } = from.position;
  return from.direction === 'after'
    ? sql`${dueKey} >= ${due}::date and (${dueKey} > ${due}::date or (${cases.submittedAt}, ${cases.id}) < (${received}::timestamptz, ${id}::uuid))`
    : sql`${dueKey} <= ${due}::date and (${dueKey} < ${due}::date or (${cases.submittedAt}, ${cases.id}) > (${received}::timestamptz, ${id}::uuid))`;
}

/**
 * The inbox's reads are short walks that stop after a page (or a capped count): starting
 * parallel workers costs more than the walk itself, so the transaction reading them has none.
 */
export async function withoutParallelWorkers(tx: Tx): Promise<void> {
  await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
}

/** The same table again, for the page's rows once their ids are known. */
const listed = alias(cases, 'listed');

/**
 * The page's SELECT as a statement (the inbox benchmark times exactly this one on its own). It
 * finds the page's ids first: the filters only touch columns the covering index holds, so the
 * walk in inbox order reads the index alone; then it reads those rows.
 */
export function inboxPageStatement(db: Queryable, request: InboxRequest) {
  const inOrder = (due: SQL | SQL.Aliased, received: SQL | Column | SQL.Aliased, id: SQL | Column | SQL.Aliased) =>
    request.from?.direction === 'before' ? [desc(due), asc(received), asc(id)] : [asc(due), desc(received), desc(id)];
  const page = db
    .select({ id: cases.id, due: sql<string>`${dueKey}`.as('due'), submittedAt: cases.submittedAt })
    .from(cases)
    .where(
      and(
        visibleTo(db, request.staffId, request.scope),
        matching(db, request.staffId, request.criteria, request.today),
        request.from ? beyond(request.from) : undefined,
      ),
    )
    .orderBy(...inOrder(dueKey, cases.submittedAt, cases.id))
    .limit(request.limit)
    .as('page');
  return db
    .select({
      id: listed.id,
      ref: listed.ref,
      status: listed.status,
      path: listed.path,
      orgId: listed.orgId,
      orgName: organisations.name,
      submittedAt: listed.submittedAt,
      // The received time as text to the microsecond, so a cursor loses nothing between pages.
      received: sql<string>`to_char(${listed.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      procedureId: listed.procedureId,
      procedureVersion: listed.procedureVersion,
      currentSteps: listed.currentSteps,
      nextDueOn: listed.nextDueOn,
      deadlineStatus: listed.deadlineStatus,
      priority: listed.priority,
      category: listed.category,
      labels: listed.labels,
      // A scalar subquery, probed for the page's rows only (an EXISTS here may be planned as a hash of the whole team table).
      onTeam: sql<boolean>`coalesce((select true from ${caseTeam} where ${caseTeam.caseId} = ${listed.id} and ${caseTeam.staffId} = ${request.staffId} limit 1), false)`,
    })
    .from(page)
    .innerJoin(listed, eq(listed.id, page.id))
    .leftJoin(organisations, eq(organisations.id, listed.orgId))
    .orderBy(...inOrder(page.due, page.submittedAt, page.id));
}

/** One page in the inbox order (a previous page is read backwards and turned round here). */
export async function inboxPage(db: Queryable, request: InboxRequest): Promise<InboxRow[]> {
  const rows = await inboxPageStatement(db, request);
  const inOrder = request.from?.direction === 'before' ? rows.reverse() : rows;
  return inOrder.flatMap(({ received, submittedAt, ...row }) =>
    submittedAt ? [{ ...row, submittedAt, onTeam: row.onTeam === true, position: { due: row.nextDueOn ?? 'infinity', received, id: row.id } }] : [],
  );
}

/**
 * How many visible cases are overdue, counting no further than `cap` (the walk stops there, so
 * the count costs the same at a million cases). Computed over exactly the listed set.
 */
export function overdueCountStatement(db: Queryable, request: Pick<InboxRequest, 'staffId' | 'scope' | 'today'>, cap: number) {
  const capped = db
    .select({ one: sql`1` })
    .from(cases)
    .where(and(visibleTo(db, request.staffId, request.scope), overdueOn(request.today)))
    .limit(cap)
    .as('capped');
  return db.select({ count: sql<number>`count(*)::int` }).from(capped);
}

export async function overdueCount(db: Queryable, request: Pick<InboxRequest, 'staffId' | 'scope' | 'today'>, cap: number): Promise<number> {
  const [row] = await overdueCountStatement(db, request, cap);
  return row?.count ?? 0;
}

/** A label, with the cases carrying it when there are at most `few` of them (see LabelMatch); null when none does. */
export async function labelMatch(db: Queryable, label: string, few: number): Promise<LabelMatch | null> {
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(sql`${cases.labels} @> array[${label}]::text[]`)
    .limit(few + 1);
  if (rows.length === 0) return null;
  return rows.length > few ? { label } : { label, among: rows.map((row) => row.id) };
}

/** Organisations whose name contains the term (case-insensitive); the table is small. */
export async function organisationsNamed(db: Queryable, term: string): Promise<string[]> {
  const pattern = `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const rows = await db.select({ id: organisations.id }).from(organisations).where(ilike(organisations.name, pattern));
  return rows.map((row) => row.id);
}

/** The organisations the member may filter on, by name. */
export async function organisationChoices(db: Queryable, scope: InboxScope): Promise<{ id: string; name: string }[]> {
  if (!scope.everywhere && scope.orgIds.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(scope.everywhere ? undefined : inArray(organisations.id, [...scope.orgIds]))
    .orderBy(asc(organisations.name));
}
