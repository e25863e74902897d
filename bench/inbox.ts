/**
 * Inbox benchmark: the server time of `listInbox` (the use-case: its transaction, the page, the
 * step names, the capped overdue count and its audit entry) for first pages with several filter
 * combinations, at 100,000 cases on PGlite and on PostgreSQL and at 1,000,000 on PostgreSQL.
 *
 * The floor, measured in the same run and interleaved with the use-case: the page's SELECT alone
 * (the same statement, built by the same code, `inboxPageStatement`), sent through the bare
 * driver. ratio_to_floor = floor / value (the share of the floor reached; 1.0 = at the floor). Targets: p95 ≤ 50 ms on PostgreSQL, ≤ 100 ms on PGlite.
 *
 * The cases are seeded in bulk with SQL (generate_series), spread like a network that has
 * handled cases for five years: 41 receivers (the network and 40 organisations, a few much
 * busier); most cases closed or withdrawn (80%), a fifth open — unacknowledged reports from the
 * last two weeks, the others with due dates from three weeks overdue to months ahead, some
 * paused — and a few closed ones with a check-in still due; priorities, categories, labels and
 * the current steps of the shipped procedures. The benchmarking handler is a network handler
 * whose key is wrapped on 95% of the cases (emergency copies on the rest, which must not list),
 * who is on the team of 3% of the open ones and conflicted on 0.3% of all (half of those still
 * with a key, which must not list either). The wrapped keys are fake bytes: the list never
 * unwraps them.
 *
 * Sizes: BENCH_INBOX="pglite:100000,postgres:100000,postgres:1000000" (the default), or
 * BENCH_QUICK=1 for "pglite:3000,postgres:3000". BENCH_INBOX_RUNS (default 40) timed runs per
 * combination; BENCH_EXPLAIN=1 prints each plan (EXPLAIN ANALYZE) on stderr. PostgreSQL is
 * BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres; a database of its own is
 * created and dropped. Run: `npm run bench -- inbox`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor } from '../src/core/policy.ts';
import { openDatabase, queryRows, type Database } from '../src/storage/database.ts';
import { inboxPageStatement } from '../src/storage/inboxQueries.ts';
import { currentQuestionnaire } from '../src/storage/questionnaireStore.ts';
import { makeContext } from '../src/usecases/context.ts';
import { inboxFiltersSchema, inboxRequestFor, listInbox, type InboxFilters } from '../src/usecases/cases/listInbox.ts';
import { percentile, print, round, type Line } from './_lines.ts';

const postgresServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runs = Number(process.env.BENCH_INBOX_RUNS ?? 40);
const CHUNK = 100_000;


export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** p50 and p95 of a measurement next to its floor's, as two lines. */
export function printPercentiles(name: string, values: number[], floors: number[]): void {
  for (const [suffix, share] of [
    ['p50', 0.5],
    ['p95', 0.95],
  ] as const) {
    const value = percentile(values, share);
    const floor = percentile(floors, share);
    print({ name: `${name}.${suffix}`, value: round(value), unit: 'ms', floor: round(floor), ratio_to_floor: round(floor / Math.max(value, 0.001)) });
  }
}

export type Backend = { label: 'pglite' | 'postgres'; database: Database; raw: (text: string, params: unknown[]) => Promise<unknown>; close(): Promise<void> };

/** A fresh database on a backend: PGlite in a temporary folder, or a new database on the PostgreSQL server (dropped on close). */
export async function openBackend(label: 'pglite' | 'postgres'): Promise<Backend> {
  if (label === 'pglite') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-inbox-'));
    const database = await openDatabase({ dataDir: folder });
    const client = database.pglite;
    if (!client) throw new Error('PGlite did not open');
    return {
      label,
      database,
      raw: (text, params) => client.query(text, params),
      close: async () => {
        await database.close();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const name = `redress_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServer });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    // The same setting listInbox's transaction reads under (withoutParallelWorkers).
    await client.query('set max_parallel_workers_per_gather = 0');
    return {
      label,
      database,
      raw: (text, params) => client.query(text, params),
      close: async () => {
        await client.end();
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

const labels = [
  'field office', 'repeat', 'media interest', 'board member', 'remote work', 'volunteer', 'partner organisation', 'online',
  'event', 'travel', 'minor involved', 'senior staff', 'contractor', 'housing', 'training', 'retaliation risk', 'interpreter needed',
  'police involved', 'medical', 'union', 'night shift', 'headquarters', 'country office', 'consultant', 'intern', 'donor',
  'second report', 'anonymous tip', 'legal advice', 'urgent support',
];
const categories = ['sexual_harassment', 'sexual_violence', 'bullying', 'discrimination', 'abuse_of_power', 'retaliation', 'other'];
const ORGANISATIONS = 40;
const COLLEAGUES = 20;

type Seeded = { member: { staffId: string; actor: Actor }; orgIds: string[]; someRef: number };

async function seedPeople(database: Database): Promise<{ handlerId: string; colleagueIds: string[]; orgIds: string[]; questionnaireId: string }> {
  const { db } = database;
  await db.execute(sql`insert into network (name, default_language) values ('Benchmark Network', 'en')`);
  const orgs = await queryRows<{ id: string }>(
    db,
    sql`insert into organisations (slug, name, languages, country)
        select 'bench-org-' || i, (array['Riverside', 'Harbour', 'Lakeside', 'Hillcrest', 'Meadow'])[1 + i % 5] || ' ' || (array['Collective', 'Trust', 'Alliance', 'Centre'])[1 + i % 4] || ' ' || i, array['en'], 'KE'
        from generate_series(1, ${ORGANISATIONS}) as i returning id`,
  );
  const people = await queryRows<{ id: string }>(
    db,
    sql`insert into staff (email, name, language, public_key, password_salt, private_key_by_password, private_key_by_recovery)
        select 'bench-staff-' || i || '@example.org', 'Bench Handler ' || i, 'en', '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea
        from generate_series(0, ${COLLEAGUES}) as i order by i returning id`,
  );
  const [handler, ...colleagues] = people.map((row) => row.id);
  if (!handler) throw new Error('no staff seeded');
  await db.execute(sql`insert into role_grants (staff_id, org_id, role) values (${handler}, null, 'handler')`);
  const questionnaire = await currentQuestionnaire(db, null);
  return { handlerId: handler, colleagueIds: colleagues, orgIds: orgs.map((row) => row.id), questionnaireId: questionnaire.id };
}

/** Cases `from`..`to` (by number), spread like a busy network's; see the header. */
function casesChunk(from: number, to: number, orgIds: string[], questionnaireId: string) {
  const orgArray = sql.raw(`array[${orgIds.map((id) => `'${id}'`).join(',')}]::uuid[]`);
  const labelArray = sql.raw(`array[${labels.map((label) => `'${label}'`).join(',')}]`);
  const categoryArray = sql.raw(`array[${categories.map((category) => `'${category}'`).join(',')}]`);
  return sql`
    insert into cases (id, org_id, channel_org_id, status, path, identity_mode, questionnaire_id, receipt_lookup, sealed_answers,
      created_at, submitted_at, updated_at, procedure_id, procedure_version, category, priority, current_steps, next_due_on, deadline_status, labels)
    select gen_random_uuid(), org, org, status, path, 'anonymous', ${questionnaireId}, 'bench-' || i, '\\x00'::bytea,
      received, case when status = 'draft' then null else received end, received,
      case when status in ('draft', 'submitted') then null else procedure end,
      case when status in ('draft', 'submitted') then null else 1 end,
      category,
      case when status in ('draft', 'submitted') then null
           when u_priority < 0.2 then 'low' when u_priority < 0.7 then 'normal' when u_priority < 0.92 then 'high' else 'urgent' end,
      case status
        when 'submitted' then array['acknowledge']
        when 'acknowledged' then array['triage']
        when 'in_progress' then case procedure
          when 'formal-investigation' then array[(array['notice', 'evidenceReviewOpen', 'evidenceReviewClosed', 'report', 'decision', 'outcome'])[1 + floor(u_step * 6)::int]]
          when 'internal-channel' then array[(array['followUp', 'feedback'])[1 + floor(u_step * 2)::int]]
          when 'informal-resolution' then array[(array['proposal', 'agreement', 'followUp'])[1 + floor(u_step * 3)::int]]
          else array['closure'] end
        else array[]::text[] end,
      due,
      case when due is null then null when u_pause < 0.04 then 'paused' when due < current_date then 'overdue' when due <= current_date + 3 then 'due' else 'upcoming' end,
      case when u_label1 >= 0.4 then array[]::text[]
           when u_label2 < 0.25 then array[(${labelArray})[1 + floor(u_pick * u_pick * 30)::int], (${labelArray})[1 + floor(u_label2 * 120)::int]]
           else array[(${labelArray})[1 + floor(u_pick * u_pick * 30)::int]] end
    from (
      select *,
        case when status = 'submitted' then received::date + 7
             when status in ('acknowledged', 'in_progress') then current_date + floor(u_due * 130 - 20)::int
             when status in ('closed', 'withdrawn') and u_due < 0.05 then current_date + floor(u_due * 1200)::int
        end as due
      from (
        select *,
          now() - case status when 'closed' then u_age * interval '1825 days' when 'withdrawn' then u_age * interval '1825 days'
                              when 'in_progress' then u_age * u_age * interval '730 days' when 'acknowledged' then u_age * interval '60 days'
                              else u_age * interval '14 days' end as received,
          case path when 'formal' then 'formal-investigation' when 'not_sure' then 'internal-channel' when 'informal' then 'informal-resolution' else 'record-only' end as procedure
        from (
          select *,
            case when u_org < 0.15 then null else (${orgArray})[1 + floor(u_org * u_org * ${ORGANISATIONS})::int] end as org,
            case when u_status < 0.01 then 'draft' when u_status < 0.02 then 'submitted' when u_status < 0.05 then 'acknowledged'
                 when u_status < 0.20 then 'in_progress' when u_status < 0.92 then 'closed' else 'withdrawn' end as status,
            case when u_path < 0.45 then 'formal' when u_path < 0.65 then 'not_sure' when u_path < 0.85 then 'informal' else 'record_only' end as path,
            case when u_category < 0.1 then null else (${categoryArray})[1 + floor((u_category - 0.1) / 0.9 * 7)::int] end as category
          from (
            select i, random() as u_org, random() as u_status, random() as u_path, random() as u_age, random() as u_due, random() as u_pause,
              random() as u_priority, random() as u_category, random() as u_label1, random() as u_label2, random() as u_pick, random() as u_step
            from generate_series(${from}::int, ${to}::int) as i
          ) as drawn
        ) as shaped
      ) as dated
    ) as complete`;
}

async function seedCases(database: Database, size: number): Promise<Seeded> {
  const { db } = database;
  const people = await seedPeople(database);
  const { handlerId, colleagueIds } = people;
  const colleagueArray = sql.raw(`array[${colleagueIds.map((id) => `'${id}'`).join(',')}]::uuid[]`);
  for (let from = 1; from <= size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK - 1);
    await db.execute(casesChunk(from, to, people.orgIds, people.questionnaireId));
    await db.execute(sql`
      insert into case_keys (case_id, holder, staff_id, wrapped_key)
      select id, case when random() < 0.95 then 'staff' else 'emergency' end, ${handlerId}, '\\x00'::bytea from cases where ref between ${from} and ${to}
      union all
      select id, 'staff', (${colleagueArray})[1 + floor(random() * ${COLLEAGUES})::int], '\\x00'::bytea from cases where ref between ${from} and ${to}`);
    await db.execute(sql`
      insert into case_team (case_id, staff_id, role, since)
      select id, ${handlerId}, 'handler', received from (select id, submitted_at as received from cases where ref between ${from} and ${to} and status in ('acknowledged', 'in_progress') and random() < 0.03) as picked`);
    await db.execute(sql`
      insert into case_conflicts (case_id, staff_id, basis, at)
      select id, ${handlerId}, 'relatedToParty', now() from cases where ref between ${from} and ${to} and random() < 0.003`);
    process.stderr.write(`inbox: seeded ${to} cases\n`);
  }
  // Half of the conflicts keep their key (as if the deletion had been missed): they must not list either.
  await db.execute(sql`delete from case_keys k using case_conflicts x where k.case_id = x.case_id and k.staff_id = x.staff_id and random() < 0.5`);
  // As autovacuum leaves a table in use: statistics and the visibility map (index-only walks) up to date.
  await db.execute(sql`vacuum analyze`);
  const [middle] = await queryRows<{ ref: number }>(db, sql`select ref::int as ref from cases where status <> 'draft' and ref >= ${Math.floor(size / 2)} order by ref limit 1`);
  return {
    member: { staffId: handlerId, actor: { staffId: handlerId, grants: [{ role: 'handler', orgId: null }] } },
    orgIds: people.orgIds,
    someRef: middle?.ref ?? 1,
  };
}

function combinations(seeded: Seeded): [string, Record<string, string>][] {
  return [
    ['first_page', {}],
    ['overdue', { overdue: '1' }],
    ['status_priority', { status: 'in_progress', priority: 'high' }],
    ['closed', { status: 'closed' }],
    ['organisation', { organisation: seeded.orgIds[7] ?? '' }],
    ['category_label', { category: 'bullying', label: 'field office' }],
    ['step', { step: 'decision' }],
    ['mine', { mine: '1' }],
    ['search_number', { q: String(seeded.someRef) }],
    ['search_words', { q: 'harbour' }],
  ];
}

function filtersOf(query: Record<string, string>): InboxFilters {
  const parsed = inboxFiltersSchema.safeParse(query);
  if (!parsed.success) throw new Error(`bench filters not valid: ${JSON.stringify(query)}`);
  return parsed.data;
}

async function explain(backend: Backend, statement: { sql: string; params: unknown[] }): Promise<void> {
  const result = (await backend.raw(`explain (analyze, buffers) ${statement.sql}`, statement.params)) as { rows: Record<string, string>[] };
  process.stderr.write(`${result.rows.map((row) => Object.values(row)[0]).join('\n')}\n`);
}

async function measure(backend: Backend, size: number): Promise<void> {
  const started = performance.now();
  const seeded = await seedCases(backend.database, size);
  process.stderr.write(`inbox: ${backend.label} ${size} cases seeded in ${round((performance.now() - started) / 1000, 1)} s\n`);
  const context = makeContext(backend.database.db);
  const all: number[] = [];
  const allFloors: number[] = [];
  const first = await listInbox(context, seeded.member, {});
  const cases: [string, Record<string, string>][] = [...combinations(seeded), ['second_page', { after: first.next ?? '' }]];
  for (const [name, query] of cases) {
    const filters = filtersOf(query);
    const request = await inboxRequestFor(backend.database.db, seeded.member, filters, new Date(), 'Benchmark Network');
    const statement = inboxPageStatement(backend.database.db, request).toSQL();
    if (process.env.BENCH_EXPLAIN === '1') {
      process.stderr.write(`--- ${name}\n`);
      await explain(backend, statement);
    }
    const values: number[] = [];
    const floors: number[] = [];
    for (let index = 0; index < runs + 3; index += 1) {
      const value = await timed(() => listInbox(context, seeded.member, filters));
      const floor = await timed(() => backend.raw(statement.sql, statement.params));
      // The first runs warm caches and the JIT; they are not counted.
      if (index < 3) continue;
      values.push(value);
      floors.push(floor);
    }
    all.push(...values);
    allFloors.push(...floors);
    printPercentiles(`inbox.${backend.label}.${size}.${name}`, values, floors);
  }
  printPercentiles(`inbox.${backend.label}.${size}.all`, all, allFloors);
}

function plan(): { label: 'pglite' | 'postgres'; size: number }[] {
  const text = process.env.BENCH_INBOX ?? (process.env.BENCH_QUICK === '1' ? 'pglite:3000,postgres:3000' : 'pglite:100000,postgres:100000,postgres:1000000');
  return text.split(',').map((part) => {
    const [label, size] = part.trim().split(':');
    if ((label !== 'pglite' && label !== 'postgres') || !Number.isInteger(Number(size)) || Number(size) < 1) throw new Error(`BENCH_INBOX: "${part}" is not backend:size`);
    return { label, size: Number(size) };
  });
}

export async function run(): Promise<void> {
  for (const { label, size } of plan()) {
    const backend = await openBackend(label);
    try {
      await measure(backend, size);
    } finally {
      await backend.close();
    }
  }
}
