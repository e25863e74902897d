/**
 * Start-up benchmark: how long `redress serve` takes from spawn to its first 200 on /health, and
 * how much memory it holds once idle, on (a) an empty PGlite folder, (b) the same folder after
 * setup and a few thousand organisations (each with its audit entry) written through the
 * use-cases, (c) a fresh PostgreSQL database on 127.0.0.1:5432 (skipped if unreachable).
 *
 * Each figure's floor is measured in the same run: a child that only opens the engine — `new
 * PGlite(dir)` and `select 1` on the same kind of folder, or a `pg` connection and `select 1` —
 * timed from spawn to done, its RSS read the same way. ratio_to_floor = floor / value (the share
 * of the time or memory that the engine alone needs). Times are wall-clock from spawn, and also
 * the child's CPU time (user + system) up to that moment, which a busy shared machine distorts
 * less. Also: what tsx's loader costs at start-up, against the compiled sources bin/redress.mjs
 * runs (REDRESS_TSX=1 in the environment runs the whole benchmark through tsx, for comparison).
 *
 * Targets (the foundation issue): populated PGlite ≤ 2 s and ≤ 400 MB idle; PostgreSQL ≤ 1 s and
 * ≤ 150 MB idle; empty folder ≤ 6 s. BENCH_RUNS (default 3) runs per figure; the median counts.
 *
 * Run: `npm run bench -- startup`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/storage/database.ts';
import { makeContext } from '../src/usecases/context.ts';
import { issueSetupLink } from '../src/usecases/setup/issueSetupLink.ts';
import { completeSetup } from '../src/usecases/setup/completeSetup.ts';
import { createOrganisation } from '../src/usecases/organisations/createOrganisation.ts';
import type { Line } from './_lines.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const redressBin = path.join(root, 'bin', 'redress.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const idleMs = 3000;
const organisationCount = 3000;
const postgresServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Sample = { ms: number; cpuMs: number; rssMb: number };

function line(name: string, value: number, unit: string, floor: number): Line {
  return { name, value: Math.round(value), unit, floor: Math.round(floor), ratio_to_floor: Math.round((floor / value) * 100) / 100 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function summarise(samples: Sample[]): Sample {
  return {
    ms: median(samples.map((sample) => sample.ms)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    rssMb: median(samples.map((sample) => sample.rssMb)),
  };
}

/** CPU time (user + system) a process has used: on a shared machine, what start-up costs a core. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / 100;
}

/** What every child gets: a path, a home, and REDRESS_TSX when the run compares tsx's loader. */
function passedThrough(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  if (process.env.REDRESS_TSX) env.REDRESS_TSX = process.env.REDRESS_TSX;
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited(child);
  clearTimeout(killer);
}

/**
 * Spawns `redress serve`, polls /health until 200, then idles and reads the child's RSS. The
 * compiled sources are brought up to date first (untimed): in a shared working tree they change
 * under the benchmark, and a deployment compiles them once, not at every start.
 */
async function measureServe(env: Record<string, string>): Promise<Sample> {
  if (process.env.REDRESS_TSX !== '1') await exited(spawn(process.execPath, [redressBin, '--help'], { cwd: root, stdio: 'ignore' }));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [redressBin, 'serve'], {
    cwd: root,
    env: { ...passedThrough(), LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redress serve exited early: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error('redress serve did not answer within 120 s');
      await sleep(20);
    }
    const ms = performance.now() - started;
    const cpu = cpuMs(child.pid ?? 0);
    await sleep(idleMs);
    return { ms, cpuMs: cpu, rssMb: rssMb(child.pid ?? 0) };
  } finally {
    await stop(child);
  }
}

/** A child running only `script`; timed from spawn to its "done" line, RSS read after the same idle. */
async function measureFloor(script: string, env: Record<string, string> = {}): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('done')) resolve();
      });
      child.once('exit', () => reject(new Error(`floor process exited early: ${stderr}`)));
    });
    const ms = performance.now() - started;
    const cpu = cpuMs(child.pid ?? 0);
    await sleep(idleMs);
    return { ms, cpuMs: cpu, rssMb: rssMb(child.pid ?? 0) };
  } finally {
    await stop(child);
  }
}

/** Opens the folder the way Redress does (pgdata inside it) and closes it on SIGTERM. */
const pgliteFloor = (dataDir: string) => `
  import fs from 'node:fs';
  import { PGlite } from '@electric-sql/pglite';
  fs.mkdirSync(${JSON.stringify(dataDir)}, { recursive: true });
  const db = new PGlite(${JSON.stringify(path.join(dataDir, 'pgdata'))});
  await db.query('select 1');
  console.log('done');
  process.on('SIGTERM', async () => { await db.close(); process.exit(0); });
  setInterval(() => {}, 1 << 30);
`;

const postgresFloor = (url: string) => `
  import pg from 'pg';
  const client = new pg.Client({ connectionString: ${JSON.stringify(url)} });
  await client.connect();
  await client.query('select 1');
  console.log('done');
  process.on('SIGTERM', async () => { await client.end(); process.exit(0); });
  setInterval(() => {}, 1 << 30);
`;

/** Setup and many organisations, each with its audit entry, through the use-cases. */
async function populate(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const context = makeContext(database.db);
    const token = await issueSetupLink(context);
    if (!token) throw new Error('the folder is already set up');
    const admin = await completeSetup(context, {
      token,
      networkName: 'Benchmark Network',
      defaultLanguage: 'en',
      adminName: 'Bea Marsh',
      adminEmail: 'bea.marsh@example.org',
      password: 'a benchmark passphrase of some length',
    });
    const actor = { staffId: admin.staffId, grants: [{ role: 'admin' as const, orgId: null }] };
    for (let index = 0; index < organisationCount; index += 1) {
      await createOrganisation(context, actor, { slug: `org-${index}`, name: `Organisation ${index}`, languages: ['en', 'es'], country: 'ES' });
    }
  } finally {
    await database.close();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresServer, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `redress_bench_${Math.random().toString(36).slice(2, 10)}`;
  await onServer(`create database ${name}`);
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

/** Spawn to exit of a short node command, median of `runs`. */
async function timeCommand(args: string[], env: Record<string, string> = {}, freshTmp = false): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const tmp = freshTmp ? fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-tsx-')) : undefined;
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(tmp ? { TMPDIR: tmp } : {}), ...env },
      stdio: 'ignore',
    });
    await exited(child);
    samples.push(performance.now() - started);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return median(samples);
}

function report(name: string, serve: Sample, floor: Sample): Line[] {
  return [
    line(`startup.${name}.first_200_ms`, serve.ms, 'ms', floor.ms),
    line(`startup.${name}.first_200_cpu_ms`, serve.cpuMs, 'ms', floor.cpuMs),
    line(`startup.${name}.idle_rss_mb`, serve.rssMb, 'MB', floor.rssMb),
  ];
}

export async function run(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-startup-'));
  const emit = (lines: Line[]) => {
    for (const entry of lines) console.log(JSON.stringify(entry));
  };
  try {
    // (a) An empty folder: initdb, migrations, setup link. A new folder per run.
    const emptyServe: Sample[] = [];
    const emptyFloor: Sample[] = [];
    let lastFolder = '';
    for (let index = 0; index < runs; index += 1) {
      emptyFloor.push(await measureFloor(pgliteFloor(path.join(work, `floor-${index}`))));
      lastFolder = path.join(work, `empty-${index}`);
      emptyServe.push(await measureServe({ REDRESS_DATA_DIR: lastFolder }));
    }
    emit(report('pglite_empty', summarise(emptyServe), summarise(emptyFloor)));

    // (b) The last of those folders, set up and populated through the use-cases.
    await populate(lastFolder);
    const populatedServe: Sample[] = [];
    const populatedFloor: Sample[] = [];
    for (let index = 0; index < runs; index += 1) {
      populatedFloor.push(await measureFloor(pgliteFloor(lastFolder)));
      populatedServe.push(await measureServe({ REDRESS_DATA_DIR: lastFolder }));
    }
    emit(report('pglite_populated', summarise(populatedServe), summarise(populatedFloor)));

    // (c) PostgreSQL: a fresh database per run (migrations included in the start-up).
    if (await postgresReachable()) {
      // Then a restart on the database the first start migrated: what each process of a
      // load-balanced deployment pays when it is replaced.
      const postgresServe: Sample[] = [];
      const postgresRestart: Sample[] = [];
      const postgresFloorSamples: Sample[] = [];
      for (let index = 0; index < runs; index += 1) {
        const database = await freshPostgresDatabase();
        const env = { DATABASE_URL: database.url, REDRESS_DATA_DIR: path.join(work, 'pg-attachments') };
        try {
          postgresFloorSamples.push(await measureFloor(postgresFloor(database.url)));
          postgresServe.push(await measureServe(env));
          postgresRestart.push(await measureServe(env));
        } finally {
          await database.drop();
        }
      }
      emit(report('postgres', summarise(postgresServe), summarise(postgresFloorSamples)));
      emit(report('postgres_migrated', summarise(postgresRestart), summarise(postgresFloorSamples)));
    } else {
      process.stderr.write(`startup: PostgreSQL at ${new URL(postgresServer).host} is unreachable; its figures are skipped\n`);
    }

    // What tsx costs: the whole CLI imported (`redress --help`) from the compiled sources that
    // bin/redress.mjs keeps, and through tsx's loader (warm and cold transform cache); node alone.
    const bare = await timeCommand(['-e', '0']);
    const compiled = await timeCommand([redressBin, '--help']);
    const throughTsx = await timeCommand([redressBin, '--help'], { REDRESS_TSX: '1' });
    const throughTsxCold = await timeCommand([redressBin, '--help'], { REDRESS_TSX: '1' }, true);
    emit([
      line('startup.cli_import.compiled_ms', compiled, 'ms', bare),
      line('startup.cli_import.tsx_ms', throughTsx, 'ms', compiled),
      line('startup.cli_import.tsx_cold_cache_ms', throughTsxCold, 'ms', compiled),
    ]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) await run();
