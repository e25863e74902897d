/**
 * Publishing benchmark: a series of 1,000 published posts (brought in through `redress blog
 * import`'s use-case) with 10,000 approved comments, served by the real app on loopback. For a
 * post page and the RSS feed it measures requests per second and p99 latency with autocannon
 * (run as a child process, so the load generator does not share the server's event loop), next
 * to the floor: the same bytes served as a static file by the same server (@fastify/static) in
 * the same run. Each is measured twice: as readers get it (the app keeps rendered public pages
 * a few seconds), and with that cache switched off, so every request queries and renders.
 *
 * Lines: {"name","value","unit","floor","ratio_to_floor","backend"}. For rates ratio = value /
 * floor; for p99 latency ratio = floor / value (1 means as fast as a static file).
 * Targets (publishing issue): ≥ 50 % of the static floor, p99 ≤ 20 ms, on PostgreSQL.
 *
 * PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a
 * database of its own is created and dropped); PGlite in a temporary folder when unreachable
 * or with BENCH_BACKEND=pglite. BENCH_SECONDS (default 10) per measurement, BENCH_CONNECTIONS
 * (default 10). Run: `npm run bench -- blog`.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import fastifyStatic from '@fastify/static';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createStaffKeys } from '../src/core/crypto/staffKeys.ts';
import { renderMarkdown } from '../src/core/publishing/markdown.ts';
import { openDatabase, type Database } from '../src/storage/database.ts';
import { blogComments, network, organisations, roleGrants, staff } from '../src/storage/schema/index.ts';
import { makeContext } from '../src/usecases/context.ts';
import { importPosts, type SourceFile } from '../src/usecases/publishing/importPosts.ts';
import { buildApp } from '../src/web/app.ts';
import { publicPageCache } from '../src/web/routes/blogPageCache.ts';

const execFileAsync = promisify(execFile);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const postCount = 1000;
const commentCount = 10_000;
const postgresServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Backend = 'postgres' | 'pglite';
type Line = { name: string; value: number; unit: string; floor: number; ratio_to_floor: number; backend: Backend };
type Load = { rps: number; p99: number; errors: number };

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Deterministic prose, so every run serves posts of the same size and shape. */
function prose(seed: number, words: number): string {
  const vocabulary = ['partnership', 'accountability', 'survivors', 'listening', 'members', 'report', 'safeguarding', 'trust', 'community', 'process', 'justice', 'network', 'action', 'learning', 'support', 'review', 'policy', 'practice', 'voice', 'change'];
  const out: string[] = [];
  let state = seed + 1;
  for (let index = 0; index < words; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    out.push(vocabulary[state % vocabulary.length] ?? 'and');
  }
  return out.join(' ');
}

function postFile(index: number, authors: string[]): SourceFile {
  const date = new Date(Date.UTC(2020, 0, 1) + index * 36 * 3_600_000);
  const tags = [`Theme ${index % 20}`, `Region ${index % 7}`];
  const body = [
    prose(index, 120),
    `## ${prose(index + 1, 4)}`,
    `${prose(index + 2, 180)}[^1] [A related report](https://example.org/report/${index}).`,
    `> ${prose(index + 3, 40)}`,
    `## ${prose(index + 4, 3)}`,
    prose(index + 5, 200),
    `[^1]: ${prose(index + 6, 25)}.`,
  ].join('\n\n');
  const text = [
    '---',
    `title: "Post ${index}: ${prose(index, 6)}"`,
    `slug: post-${index}`,
    `author: ${authors[index % authors.length]}`,
    `organisation: member-${index % 3}`,
    'role: Programme coordinator',
    `date: ${date.toISOString()}`,
    `tags: [${tags.join(', ')}]`,
    'language: en',
    `summary: "${prose(index + 7, 24)}"`,
    '---',
    '',
    body,
  ].join('\n');
  return { name: `post-${index}.md`, text };
}

async function openBackend(): Promise<{ database: Database; backend: Backend; cleanUp: () => Promise<void> }> {
  if (process.env.BENCH_BACKEND !== 'pglite') {
    const name = `redress_bench_blog_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresServer });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(postgresServer);
      url.pathname = `/${name}`;
      const database = await openDatabase({ dataDir: '', databaseUrl: url.toString() });
      return {
        database,
        backend: 'postgres',
        cleanUp: async () => {
          const dropper = new pg.Client({ connectionString: postgresServer });
          await dropper.connect();
          await dropper.query(`drop database if exists ${name} with (force)`);
          await dropper.end();
        },
      };
    } catch (error) {
      await admin.end().catch(() => undefined);
      process.stderr.write(`bench blog: PostgreSQL unreachable (${error instanceof Error ? error.message : String(error)}); using PGlite\n`);
    }
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-blog-'));
  const database = await openDatabase({ dataDir: folder });
  return { database, backend: 'pglite', cleanUp: async () => fs.rmSync(folder, { recursive: true, force: true }) };
}

async function seed(database: Database): Promise<void> {
  const context = makeContext(database.db, { argon2: { memoryKiB: 1024, passes: 1, parallelism: 1 } });
  await database.db.insert(network).values({ name: 'Benchmark Alliance', defaultLanguage: 'en' });
  const orgIds: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const [row] = await database.db.insert(organisations).values({ slug: `member-${index}`, name: `Member Organisation ${index}`, languages: ['en'], country: 'KE' }).returning({ id: organisations.id });
    if (row) orgIds.push(row.id);
  }
  const authors: string[] = [];
  for (let index = 0; index < 5; index += 1) {
    const email = `writer${index}@example.org`;
    const { keys } = await createStaffKeys('benchmark writer password', context.argon2);
    const [row] = await database.db.insert(staff).values({ email, name: `Writer Number ${index}`, language: 'en', ...keys }).returning({ id: staff.id });
    if (!row) throw new Error('staff not stored');
    await database.db.insert(roleGrants).values(orgIds.map((orgId) => ({ staffId: row.id, orgId, role: 'author' })));
    authors.push(email);
  }
  const started = Date.now();
  await importPosts(context, Array.from({ length: postCount }, (_, index) => postFile(index, authors)));
  const postIds = (await database.db.query.blogPosts.findMany({ columns: { id: true } })).map((row) => row.id);
  const rows = Array.from({ length: commentCount }, (_, index) => {
    const body = `${prose(index + 11, 30)} — *${prose(index + 12, 3)}*`;
    return {
      postId: postIds[index % postIds.length] ?? '',
      name: index % 3 === 0 ? '' : `Reader ${index}`,
      body,
      bodyHtml: renderMarkdown(body, { profile: 'comment' }),
      status: index % 10 === 9 ? 'held' : 'approved',
      createdAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000),
    };
  });
  for (let start = 0; start < rows.length; start += 1000) await database.db.insert(blogComments).values(rows.slice(start, start + 1000));
  process.stderr.write(`bench blog: seeded ${postCount} posts and ${commentCount} comments in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

async function load(url: string): Promise<Load> {
  const { stdout } = await execFileAsync(process.execPath, [autocannonBin, '-c', String(connections), '-d', String(seconds), '-W', '[', '-c', '2', '-d', '2', ']', '-j', url], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // With a warm-up, autocannon prints its result objects one per line; the measured one is last.
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  const result = JSON.parse(last) as { requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number; timeouts: number };
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

export async function run(): Promise<void> {
  const { database, backend, cleanUp } = await openBackend();
  const staticFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-static-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-data-'));
  try {
    await seed(database);
    const app = await buildApp({ config: loadConfig({ REDRESS_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), context: makeContext(database.db), logger: false });
    // The floor: the same bytes as a file, from the same server, through its static file plugin.
    await app.register(fastifyStatic, { root: staticFolder, prefix: '/bench-static/', decorateReply: false });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const lines: Line[] = [];
      const targets = [
        { name: 'post_page', path: '/blog/post-500', file: 'post.html' },
        { name: 'feed', path: '/blog/rss.xml', file: 'rss.xml' },
      ];
      for (const target of targets) {
        const response = await fetch(`${address}${target.path}`);
        if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}`);
        fs.writeFileSync(path.join(staticFolder, target.file), Buffer.from(await response.arrayBuffer()));
        const floor = await load(`${address}/bench-static/${target.file}`);
        const cached = await load(`${address}${target.path}`);
        publicPageCache(app).ttlMs = 0;
        const uncached = await load(`${address}${target.path}`);
        publicPageCache(app).ttlMs = 5_000;
        for (const [suffix, measured] of [['', cached], ['_uncached', uncached]] as const) {
          if (measured.errors > 0) process.stderr.write(`bench blog: ${target.path}${suffix}: ${measured.errors} failed requests\n`);
          lines.push({ name: `blog.${target.name}${suffix}_rps`, value: round(measured.rps, 0), unit: '1/s', floor: round(floor.rps, 0), ratio_to_floor: round(measured.rps / floor.rps), backend });
          lines.push({ name: `blog.${target.name}${suffix}_p99`, value: measured.p99, unit: 'ms', floor: floor.p99, ratio_to_floor: round(floor.p99 / Math.max(measured.p99, 0.001)), backend });
        }
      }
      for (const line of lines) console.log(JSON.stringify(line));
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanUp();
    fs.rmSync(staticFolder, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
