/**
 * A handler's inbox: the cases they may see, the next due date first, with filters and a
 * search over workflow metadata (never content), one keyset page at a time, and how many of
 * their cases are overdue. Who may see what is the policy's (core/policy.ts): the query is
 * limited to the scope the policy gives the member, and each listed row is checked again.
 * The view is audited in the same transaction.
 */
import { z } from 'zod';
import { caseCategories, LABEL_MAX_CHARS } from '../../core/cases/caseWorkInput.ts';
import { caseStatuses, isCaseStatus, isReportPath, type CaseStatus, type ReportPath } from '../../core/intake/caseModel.ts';
import { allowed, authorize, type Actor } from '../../core/policy.ts';
import { dayOf, templates } from '../../core/procedures/index.ts';
import { priorities } from '../../core/procedures/vocabulary.ts';
import { languages, translator } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { procedureDefinition } from '../../storage/caseHandlingStore.ts';
import { networkChannel } from '../../storage/channelQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import {
  inboxPage,
  labelMatch,
  organisationChoices,
  organisationsNamed,
  overdueCount,
  type InboxCriteria,
  type InboxPosition,
  type InboxRequest,
  type InboxRow,
  type InboxScope,
  type InboxSearch,
  type LabelMatch,
  withoutParallelWorkers,
} from '../../storage/inboxQueries.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';

export const INBOX_PAGE = 50;
/** The overdue count stops here ("500 or more"), so it costs the same at a million cases. */
export const OVERDUE_COUNT_CAP = 500;
export const SEARCH_MAX = 100;
/** A label carried by at most this many cases is looked up through its index before the page is read. */
export const FEW_LABELLED = 500;

export const listedStatuses = caseStatuses.filter((status): status is Exclude<CaseStatus, 'draft'> => status !== 'draft');

/** The step ids of the shipped procedures, each with the name the first template using it gives it. */
export const stepChoices: readonly { id: string; nameKey: string }[] = (() => {
  const named = new Map<string, string>();
  for (const step of templates.flatMap((template) => template.steps)) if (!named.has(step.id)) named.set(step.id, step.nameKey);
  return [...named].map(([id, nameKey]) => ({ id, nameKey }));
})();

export const categoryNameKey = (category: string) => `intake.questions.kinds.options.${category}`;

const atLeastOne = <T extends string>(values: readonly T[]) => values as unknown as readonly [T, ...T[]];

/** A label as case work stores it (core/cases/caseWorkInput.ts): single spaces, lower case. */
const asLabel = (value: string) => value.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** An absent field and an empty one (a GET form sends `status=`) mean the same: no filter. */
const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());

/** A real day and instant only (a "2026-02-30" must be refused here, not by the database). */
function isRealPosition(due: string, received: string): boolean {
  const day = new Date(`${due}T00:00:00Z`);
  const instant = new Date(received);
  return (
    (due === 'infinity' || (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === due)) &&
    !Number.isNaN(instant.getTime()) &&
    instant.toISOString().slice(0, 23) === received.slice(0, 23)
  );
}

/** `<due day or infinity>~<received instant, microseconds>~<case id>`: the row a page starts after (or ends before). */
const cursor = z
  .string()
  .regex(/^((?:19|20)\d{2}-\d{2}-\d{2}|infinity)~((?:19|20)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/)
  .transform((value): InboxPosition => {
    const [due = '', received = '', id = ''] = value.split('~');
    return { due, received, id };
  })
  .refine((position) => isRealPosition(position.due, position.received));

export function encodeCursor(position: InboxPosition): string {
  return `${position.due}~${position.received}~${position.id}`;
}

/** Every filter of the inbox's GET form, all optional; anything else in the query is ignored. */
export const inboxFiltersSchema = z
  .object({
    status: optional(z.enum(atLeastOne(listedStatuses))),
    step: optional(z.enum(atLeastOne(stepChoices.map((step) => step.id)))),
    organisation: optional(z.union([z.literal('network'), z.uuid()])),
    category: optional(z.enum(atLeastOne(caseCategories))),
    priority: optional(z.enum(priorities)),
    label: optional(
      z
        .string()
        .transform(asLabel)
        .pipe(z.string().max(LABEL_MAX_CHARS).regex(/^[\p{L}\p{N}][\p{L}\p{N} -]*$/u)),
    ),
    overdue: optional(z.literal('1')),
    mine: optional(z.literal('1')),
    q: optional(
      z
        .string()
        .trim()
        .max(SEARCH_MAX)
        .regex(/^[^\p{Cc}]+$/u),
    ),
    after: optional(cursor),
    before: optional(cursor),
  })
  .refine((filters) => !(filters.after && filters.before), { path: ['before'] });

export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/** The filter fields the form has, in its order (the page labels each and explains a bad one). */
export const filterFields = ['q', 'status', 'step', 'organisation', 'category', 'priority', 'label', 'overdue', 'mine'] as const;

export type DeadlineState = 'upcoming' | 'due' | 'overdue' | 'paused';

export type InboxEntry = {
  id: string;
  ref: number;
  receivedAt: Date;
  orgId: string | null;
  orgName: string | null;
  status: Exclude<CaseStatus, 'draft'>;
  path: ReportPath;
  /** The procedure's name key once a handler started it. */
  procedureNameKey: string | null;
  steps: { id: string; nameKey: string | null }[];
  nextDueOn: string | null;
  deadline: DeadlineState | null;
  priority: (typeof priorities)[number] | null;
  category: string | null;
  labels: string[];
  onTeam: boolean;
};

export type InboxChoices = { organisations: { id: string; name: string }[]; networkName: string };

export type Inbox = {
  entries: InboxEntry[];
  next?: string;
  previous?: string;
  /** Not on the first page: a link back to it. */
  paged: boolean;
  overdue: { count: number; atLeast: boolean };
  choices: InboxChoices;
};

const everywhereProbe = 'any-other-organisation';

/**
 * The scope the policy gives the member for opening cases, asked of the policy itself: if it
 * lets them open a case of an organisation they hold no grant in, they may open any; otherwise
 * exactly the organisations (and the network) it answers yes for.
 */
export function caseScopeOf(actor: Actor): InboxScope {
  const mayOpen = (orgId: string | null) => allowed(actor, 'case.open', { kind: 'case', orgId, keyHolder: true });
  if (mayOpen(everywhereProbe)) return { everywhere: true };
  const candidates = [...new Set(actor.grants.flatMap((grant) => (grant.orgId === null ? [] : [grant.orgId])))];
  return { everywhere: false, orgIds: candidates.filter(mayOpen), network: mayOpen(null) };
}

function deadlineOf(row: InboxRow, today: string): DeadlineState | null {
  if (row.nextDueOn === null) return null;
  if (row.deadlineStatus === 'paused') return 'paused';
  // The stored status is as of the last save; a passed last day is overdue whatever it says.
  if (row.nextDueOn < today) return 'overdue';
  return row.deadlineStatus === 'due' || row.deadlineStatus === 'overdue' ? row.deadlineStatus : 'upcoming';
}

/**
 * What a search term matches: a case number is looked up as one (or as a label); words match
 * organisation names, category names in every language, and labels. Never content.
 */
async function searchFor(db: Queryable, term: string, networkName: string): Promise<InboxSearch> {
  const label = await labelMatch(db, asLabel(term), FEW_LABELLED);
  const number = /^#?(\d{1,15})$/.exec(term)?.[1];
  if (number) return { ref: Number(number), orgIds: [], network: false, label, categories: [] };
  const lower = term.toLowerCase();
  const names = languages.map((language) => translator(language));
  return {
    ref: null,
    orgIds: await organisationsNamed(db, term),
    network: networkName !== '' && networkName.toLowerCase().includes(lower),
    label,
    categories: caseCategories.filter(
      (category) => category.includes(lower.replace(/\s+/g, '_')) || names.some((t) => t(categoryNameKey(category)).toLowerCase().includes(lower)),
    ),
  };
}

function criteriaOf(filters: InboxFilters, search: InboxSearch | undefined, label: LabelMatch | null | undefined): InboxCriteria {
  return {
    status: filters.status,
    step: filters.step,
    organisation: filters.organisation === 'network' ? null : filters.organisation,
    category: filters.category,
    priority: filters.priority,
    label,
    overdue: filters.overdue === '1',
    mine: filters.mine === '1',
    search,
  };
}

/** Step names come from each case's own procedure definition (organisations may adapt the templates). */
async function stepNames(db: Queryable, rows: InboxRow[]): Promise<Map<string, { nameKey: string; steps: Map<string, string> }>> {
  const refs = new Set(rows.flatMap((row) => (row.procedureId !== null && row.procedureVersion !== null ? [`${row.procedureId}@${row.procedureVersion}`] : [])));
  const names = new Map<string, { nameKey: string; steps: Map<string, string> }>();
  for (const ref of refs) {
    const at = ref.lastIndexOf('@');
    const definition = await procedureDefinition(db, ref.slice(0, at), Number(ref.slice(at + 1)));
    if (definition) names.set(ref, { nameKey: definition.nameKey, steps: new Map(definition.steps.map((step) => [step.id, step.nameKey])) });
  }
  return names;
}

function entryOf(row: InboxRow, today: string, procedure: { nameKey: string; steps: Map<string, string> } | undefined): InboxEntry | undefined {
  if (!isCaseStatus(row.status) || row.status === 'draft' || !isReportPath(row.path)) return undefined;
  return {
    id: row.id,
    ref: row.ref,
    receivedAt: row.submittedAt,
    orgId: row.orgId,
    orgName: row.orgName,
    status: row.status,
    path: row.path,
    procedureNameKey: procedure?.nameKey ?? null,
    steps: row.currentSteps.map((id) => ({ id, nameKey: procedure?.steps.get(id) ?? null })),
    nextDueOn: row.nextDueOn,
    deadline: deadlineOf(row, today),
    priority: priorities.find((priority) => priority === row.priority) ?? null,
    category: row.category,
    labels: row.labels,
    onTeam: row.onTeam,
  };
}

async function choicesFor(db: Queryable, scope: InboxScope): Promise<InboxChoices> {
  return { organisations: await organisationChoices(db, scope), networkName: (await networkChannel(db))?.name ?? '' };
}

/** What the filter form offers, for showing it again when the filters sent could not be read. */
export async function inboxChoices(context: Context, member: Pick<StaffMember, 'actor'>): Promise<InboxChoices> {
  authorize(member.actor, 'inbox.view', { kind: 'network' });
  return choicesFor(context.db, caseScopeOf(member.actor));
}

/**
 * The page request for these filters: the member's scope as the policy gives it, the search
 * resolved to what it matches, the position to start from. (The inbox benchmark times the
 * SELECT built from this on its own, next to the whole use-case.)
 */
export async function inboxRequestFor(db: Queryable, member: Pick<StaffMember, 'staffId' | 'actor'>, filters: InboxFilters, now: Date, networkName: string): Promise<InboxRequest> {
  const search = filters.q !== undefined ? await searchFor(db, filters.q, networkName) : undefined;
  const label = filters.label !== undefined ? await labelMatch(db, filters.label, FEW_LABELLED) : undefined;
  const position = filters.after ?? filters.before;
  return {
    staffId: member.staffId,
    scope: caseScopeOf(member.actor),
    criteria: criteriaOf(filters, search, label),
    today: dayOf(now),
    from: position ? { position, direction: filters.before ? 'before' : 'after' } : undefined,
    limit: INBOX_PAGE + 1,
  };
}

export async function listInbox(context: Context, member: Pick<StaffMember, 'staffId' | 'actor'>, filters: InboxFilters): Promise<Inbox> {
  authorize(member.actor, 'inbox.view', { kind: 'network' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await withoutParallelWorkers(tx);
    const choices = await choicesFor(tx, caseScopeOf(member.actor));
    const request = await inboxRequestFor(tx, member, filters, now, choices.networkName);
    const rows = await inboxPage(tx, request);
    const more = rows.length > INBOX_PAGE;
    const page = filters.before ? rows.slice(Math.max(0, rows.length - INBOX_PAGE)) : rows.slice(0, INBOX_PAGE);
    const procedures = await stepNames(tx, page);
    const entries = page.flatMap((row) => {
      const entry = allowed(member.actor, 'case.open', { kind: 'case', orgId: row.orgId, keyHolder: true })
        ? entryOf(row, request.today, procedures.get(`${row.procedureId}@${row.procedureVersion}`))
        : undefined;
      return entry ? [entry] : [];
    });
    const overdue = await overdueCount(tx, request, OVERDUE_COUNT_CAP);
    const used = Object.entries(filters).flatMap(([name, value]) => (value !== undefined && name !== 'after' && name !== 'before' ? [name] : []));
    await recordAudit(tx, { actorId: member.staffId, action: 'case.inbox-viewed', details: { listed: entries.length, filters: used } }, now);
    const first = page.at(0)?.position;
    const last = page.at(-1)?.position;
    const hasNext = filters.before ? true : more;
    const hasPrevious = filters.before ? more : filters.after !== undefined;
    return {
      entries,
      ...(hasNext && last ? { next: encodeCursor(last) } : {}),
      ...(hasPrevious && first ? { previous: encodeCursor(first) } : {}),
      paged: request.from !== undefined,
      overdue: { count: overdue, atLeast: overdue >= OVERDUE_COUNT_CAP },
      choices,
    };
  });
}
