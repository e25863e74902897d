/**
 * Toolkit results benchmark: a closed network round of 700 organisations × 20 respondents × 92
 * questions (the default template's long form), every organisation sharing every domain.
 * Measured through the query layer the pages use (storage/toolkit/resultsQueries.ts), with the
 * minimum-group rule and sharing applied:
 *   - toolkit.rollup_ms: the network roll-up (every organisation's shared domains and the network's);
 *   - toolkit.org_report_ms: one organisation's full report (domains, role groups, questions).
 * Each figure's floor, measured in the same run on the same data, is the same aggregate written
 * as one hand-made SQL statement (no suppression, no sharing check in code, nothing built after
 * it). ratio_to_floor = floor / value. Median of BENCH_RUNS (default 7) after one warm-up run.
 *
 * PostgreSQL: a database of its own on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * dropped afterwards; skipped with a note if unreachable. PGlite (in memory) is measured too,
 * with names ending in ".pglite". Target: roll-up ≤ 500 ms on PostgreSQL, ≥ 50 % of the floor.
 *
 * Run: `npm run bench -- toolkit`.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { defaultTemplate } from '../src/core/toolkit/defaultTemplate.ts';
import { roleGroups } from '../src/core/toolkit/roleGroups.ts';
import { respondentDomainScores, NOT_ASKED } from '../src/core/toolkit/scoring.ts';
import { placedQuestions } from '../src/core/toolkit/template.ts';
import { openDatabase, queryRows, type Database } from '../src/storage/database.ts';
import { network, organisations, roleGrants, staff, toolkitAnswerSets, toolkitParticipants } from '../src/storage/schema/index.ts';
import { networkResults, organisationResults } from '../src/storage/toolkit/resultsQueries.ts';
import { roundById } from '../src/storage/toolkit/roundStore.ts';
import { listTemplates } from '../src/storage/toolkit/templateStore.ts';
import { makeContext } from '../src/usecases/context.ts';
import { closeRound } from '../src/usecases/toolkit/closeRound.ts';
import { openRound } from '../src/usecases/toolkit/openRound.ts';
import type { Line } from './_lines.ts';

const ORGANISATIONS = 700;
const RESPONDENTS = 20;
const runs = Number(process.env.BENCH_RUNS ?? 7);
const postgresServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';


function line(name: string, value: number, floor: number): Line {
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return { name, value: round2(value), unit: 'ms', floor: round2(floor), ratio_to_floor: round2(floor / value) };
}

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** A deterministic spread of answers: each organisation leans one way, each person varies. */
function answersOf(orgIndex: number, person: number): number[] {
  const questions = placedQuestions(defaultTemplate);
  const choices = questions.map(() => NOT_ASKED);
  for (const question of questions) {
    if (question.kind === 'free_text') continue;
    const seed = (orgIndex * 7919 + person * 104_729 + question.position * 31) % 97;
    const top = question.kind === 'agreement' ? 5 : 3;
    choices[question.position] = seed < 6 ? 0 : 1 + ((seed + orgIndex) % top);
  }
  return choices;
}

async function seed(database: Database): Promise<{ roundId: string; sampleOrgId: string }> {
  const { db } = database;
  const started = Date.now();
  await db.insert(network).values({ name: 'Benchmark Network', defaultLanguage: 'en' });
  const orgIds: string[] = [];
  for (let start = 0; start < ORGANISATIONS; start += 350) {
    const rows = await db
      .insert(organisations)
      .values(Array.from({ length: Math.min(350, ORGANISATIONS - start) }, (_, index) => ({ slug: `member-${start + index}`, name: `Member ${start + index}`, languages: ['en'], country: 'KE' })))
      .returning({ id: organisations.id });
    orgIds.push(...rows.map((row) => row.id));
  }
  const bytes = () => new Uint8Array(crypto.randomBytes(32));
  const [coordinator] = await db
    .insert(staff)
    .values({ email: 'bench.coordinator@example.org', name: 'Bench Coordinator', language: 'en', publicKey: bytes(), passwordSalt: bytes(), privateKeyByPassword: bytes(), privateKeyByRecovery: bytes() })
    .returning({ id: staff.id });
  if (!coordinator) throw new Error('no coordinator');
  await db.insert(roleGrants).values({ staffId: coordinator.id, orgId: null, role: 'assessment_coordinator' });
  const actor = { staffId: coordinator.id, grants: [{ role: 'assessment_coordinator' as const, orgId: null }] };
  const context = makeContext(db);
  const templateId = (await listTemplates(db)).find((template) => template.builtIn)?.id ?? '';
  const roundId = await openRound(context, actor, { title: 'Network assessment', orgId: null, templateId, form: 'long', closesOn: null });
  const week = '2026-03-02';
  for (const [orgIndex, orgId] of orgIds.entries()) {
    const rows = Array.from({ length: RESPONDENTS }, (_, person) => {
      const choices = answersOf(orgIndex, person);
      return { roundId, orgId, roleGroup: roleGroups[person % roleGroups.length] ?? 'unsaid', submittedWeek: week, choices, domainScores: respondentDomainScores(defaultTemplate, choices) };
    });
    await db.insert(toolkitAnswerSets).values(rows);
  }
  await db.update(toolkitParticipants).set({ sharedDomains: defaultTemplate.domains.map((domain) => domain.key) }).where(sql`${toolkitParticipants.roundId} = ${roundId}::uuid`);
  await closeRound(context, actor, roundId);
  await db.execute(sql`analyze`);
  process.stderr.write(`bench: toolkit ${database.backend}: seeded ${ORGANISATIONS * RESPONDENTS} answer sets in ${Date.now() - started} ms\n`);
  return { roundId, sampleOrgId: orgIds[Math.floor(orgIds.length / 2)] ?? '' };
}

/** The roll-up as one hand-written statement: per organisation and domain, and per domain, for shared domains of organisations with ≥ 5 people. */
function rawRollup(database: Database, roundId: string) {
  const keys = sql.raw(`array[${defaultTemplate.domains.map((domain) => `'${domain.key}'`).join(',')}]::text[]`);
  return queryRows(
    database.db,
    sql`with per_org as (
          select s.org_id, d.idx, count(*) as n, sum(d.score) as total, sum(d.score * d.score) as squares,
                 count(*) filter (where d.score < 20) as b0, count(*) filter (where d.score >= 20 and d.score < 40) as b1,
                 count(*) filter (where d.score >= 40 and d.score < 60) as b2, count(*) filter (where d.score >= 60 and d.score < 80) as b3,
                 count(*) filter (where d.score >= 80) as b4
          from toolkit_answer_sets s, unnest(s.domain_scores) with ordinality as d(score, idx)
          where s.round_id = ${roundId}::uuid and d.score >= 0
          group by s.org_id, d.idx
        ), people as (
          select org_id, count(*) as n from toolkit_answer_sets where round_id = ${roundId}::uuid group by org_id
        )
        select p.org_id, p.idx, sum(p.n) as n, sum(p.total) / sum(p.n) as mean,
               sqrt(greatest(0, sum(p.squares) / sum(p.n) - power(sum(p.total) / sum(p.n), 2))) as spread,
               sum(p.b0) as b0, sum(p.b1) as b1, sum(p.b2) as b2, sum(p.b3) as b3, sum(p.b4) as b4
        from per_org p
        join people on people.org_id = p.org_id and people.n >= 5
        join toolkit_participants tp on tp.round_id = ${roundId}::uuid and tp.org_id = p.org_id and (${keys})[p.idx] = any(tp.shared_domains)
        where p.n >= 5
        group by grouping sets ((p.org_id, p.idx), (p.idx))`,
  );
}

/** One organisation's report as hand-written SQL: domain scores by role group, and answer counts per question. */
async function rawOrganisationReport(database: Database, roundId: string, orgId: string) {
  const domains = queryRows(
    database.db,
    sql`select s.role_group, d.idx, count(*) as n, avg(d.score) as mean, stddev_pop(d.score) as spread
        from toolkit_answer_sets s, unnest(s.domain_scores) with ordinality as d(score, idx)
        where s.round_id = ${roundId}::uuid and s.org_id = ${orgId}::uuid and d.score >= 0
        group by grouping sets ((s.role_group, d.idx), (d.idx))`,
  );
  const questions = queryRows(
    database.db,
    sql`select q.idx, q.choice, count(*) as n
        from toolkit_answer_sets s, unnest(s.choices) with ordinality as q(choice, idx)
        where s.round_id = ${roundId}::uuid and s.org_id = ${orgId}::uuid and q.choice >= 0
        group by q.idx, q.choice`,
  );
  return Promise.all([domains, questions]);
}

async function measure(database: Database, suffix: string): Promise<Line[]> {
  const { roundId, sampleOrgId } = await seed(database);
  const round = await roundById(database.db, roundId);
  const rollup = await networkResults(database.db, round, defaultTemplate);
  if (rollup.state !== 'closed' || !rollup.rollup.network.every((domain) => domain.score.shown && domain.organisations === ORGANISATIONS)) {
    throw new Error('the roll-up did not include every organisation');
  }
  const rollupMs = await medianMs(() => networkResults(database.db, round, defaultTemplate));
  const rollupFloor = await medianMs(() => rawRollup(database, roundId));
  const reportMs = await medianMs(() => organisationResults(database.db, round, defaultTemplate, sampleOrgId));
  const reportFloor = await medianMs(() => rawOrganisationReport(database, roundId, sampleOrgId));
  return [line(`toolkit.rollup_ms${suffix}`, rollupMs, rollupFloor), line(`toolkit.org_report_ms${suffix}`, reportMs, reportFloor)];
}

async function withPostgres(work: (database: Database) => Promise<Line[]>): Promise<Line[]> {
  const name = `redress_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServer, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    process.stderr.write(`bench: toolkit: PostgreSQL at ${new URL(postgresServer).host} is unreachable (${(error as Error).message}); skipped\n`);
    return [];
  }
  await admin.query(`create database ${name}`);
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
  try {
    return await work(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function run(): Promise<void> {
  const lines = await withPostgres((database) => measure(database, ''));
  const pglite = await openDatabase({ dataDir: '', inMemory: true });
  try {
    lines.push(...(await measure(pglite, '.pglite')));
  } finally {
    await pglite.close();
  }
  for (const entry of lines) process.stdout.write(`${JSON.stringify(entry)}\n`);
}
