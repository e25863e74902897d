/**
 * Intake benchmark: reports per second with 32 concurrent reporters over HTTP against a real
 * server on loopback (startServer in this process, default Argon2 parameters), each reporter
 * doing what a browser without JavaScript does: GET the form, POST it, read the receipt. Runs
 * on PGlite in a temporary folder, and on a fresh PostgreSQL database when 127.0.0.1:5432
 * answers (dropped afterwards).
 *
 * The floor, measured in the same run: a submission cannot avoid exactly one Argon2id run (the
 * receipt → lookup and wrapping key derivation in submitReport; the GET does none), so the best
 * a process can do is the Argon2id rate with the same parameters on the same cores, measured
 * with as many hashes in flight as the server allows at once. The intake code lets at most
 * CONCURRENT_DERIVATIONS (2) derivations run per process: on a machine with more cores than
 * that, the floor for one process is 2 / (time of one hash), and the floor printed is the
 * larger of the two measurements so that the cap shows as a shortfall rather than hiding in
 * the floor. ratio_to_floor = value / floor (target ≥ 0.8). Latencies: with 32 reporters always
 * waiting, none can beat 32 / floor rate (Little's law); that is their floor, ratio = floor / value.
 *
 * BENCH_REPORTS (default 192) reports per backend. Run: `npm run bench -- intake`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { deriveKeyFromSecret, defaultArgon2 } from '../src/core/crypto/kdf.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { completeSetup } from '../src/usecases/setup/completeSetup.ts';
import { CONCURRENT_DERIVATIONS } from '../src/usecases/intake/receiptDerivations.ts';
import { percentile, print, round, type Line } from './_lines.ts';

const REPORTERS = 32;
const reports = Number(process.env.BENCH_REPORTS ?? 192);
const postgresServer = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';


/** Argon2id hashes per second with `inFlight` at once, for about `seconds`. */
async function argon2Rate(inFlight: number, seconds: number): Promise<number> {
  const salt = crypto.randomBytes(16);
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        await deriveKeyFromSecret(`redress-receipt:${crypto.randomInt(1e14)}`, salt, defaultArgon2);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function field(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} on the report page`);
  return match[1].replace(/&amp;/g, '&');
}

async function oneReport(base: string, index: number): Promise<{ totalMs: number; submitMs: number }> {
  const started = performance.now();
  const form = await fetch(`${base}/report`);
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /report answered ${form.status}`);
  const body = new URLSearchParams({
    formToken: field(html, 'formToken'),
    questionnaire: field(html, 'questionnaire'),
    q_account: `Report ${index}: my supervisor made remarks about me in meetings for months, and the others laughed.`,
    path: 'not_sure',
    identity: 'anonymous',
    intent: 'submit',
  });
  const posted = performance.now();
  const sent = await fetch(`${base}/report`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  const receipt = await sent.text();
  if (sent.status !== 200 || !receipt.includes('receipt-code')) throw new Error(`POST /report answered ${sent.status}`);
  const ended = performance.now();
  return { totalMs: ended - started, submitMs: ended - posted };
}

async function load(base: string): Promise<{ perSecond: number; total: number[]; submit: number[] }> {
  // A few reports first, so start-up costs (first questionnaire, JIT) are not counted.
  for (let index = 0; index < 4; index += 1) await oneReport(base, -index);
  const total: number[] = [];
  const submit: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: REPORTERS }, async () => {
      while (next < reports) {
        next += 1;
        const timing = await oneReport(base, next);
        total.push(timing.totalMs);
        submit.push(timing.submitMs);
      }
    }),
  );
  return { perSecond: reports / ((performance.now() - started) / 1000), total, submit };
}

async function setUp(server: RunningServer, setupLink: string): Promise<void> {
  const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(setupLink)?.[1];
  if (!token) throw new Error('the server printed no setup link');
  // The network administrator is the fallback recipient of network reports.
  await completeSetup(server.app.redress.context, {
    token,
    networkName: 'Benchmark Network',
    defaultLanguage: 'en',
    adminName: 'Rosa Vega',
    adminEmail: 'rosa.vega@example.org',
    password: 'a benchmark passphrase of some length',
  });
}

async function measure(label: string, env: Record<string, string>, floor: number): Promise<void> {
  const lines: string[] = [];
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }), (line) => lines.push(line));
  try {
    await setUp(server, lines.join('\n'));
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const result = await load(`http://127.0.0.1:${port}`);
    print({ name: `intake.${label}.reports_per_second`, value: round(result.perSecond), unit: 'reports/s', floor: round(floor), ratio_to_floor: round(result.perSecond / floor) });
    // With 32 reporters always waiting, a request's latency cannot beat 32 / (floor rate) (Little's law).
    const latencyFloor = (1000 * REPORTERS) / floor;
    for (const [name, values] of [
      ['submit', result.submit],
      ['form_and_submit', result.total],
    ] as const) {
      for (const [suffix, share] of [
        ['p50', 0.5],
        ['p99', 0.99],
      ] as const) {
        const value = percentile(values, share);
        print({ name: `intake.${label}.${name}_${suffix}`, value: round(value, 1), unit: 'ms', floor: round(latencyFloor, 1), ratio_to_floor: round(latencyFloor / value) });
      }
    }
  } finally {
    await server.stop();
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function run(): Promise<void> {
  const cores = os.availableParallelism();
  const inFlight = Math.max(cores, CONCURRENT_DERIVATIONS);
  const allCores = await argon2Rate(inFlight, 6);
  const capped = await argon2Rate(CONCURRENT_DERIVATIONS, 4);
  process.stderr.write(`intake: ${cores} cores; Argon2id (${defaultArgon2.memoryKiB} KiB, t=${defaultArgon2.passes}) ${round(allCores)}/s with ${inFlight} in flight, ${round(capped)}/s with ${CONCURRENT_DERIVATIONS}; 1 Argon2id run per submission\n`);
  const floor = Math.max(allCores, capped);
  print({ name: 'intake.argon2id_per_second_all_cores', value: round(allCores), unit: 'hashes/s', floor: round(floor), ratio_to_floor: round(allCores / floor) });
  print({ name: 'intake.argon2id_per_second_capped', value: round(capped), unit: 'hashes/s', floor: round(floor), ratio_to_floor: round(capped / floor) });

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-intake-'));
  try {
    await measure('pglite', { REDRESS_DATA_DIR: folder }, floor);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  const url = new URL(postgresServer);
  if (!(await reachable(url.hostname, Number(url.port || 5432)))) {
    process.stderr.write('intake: PostgreSQL at 127.0.0.1:5432 is not reachable; skipped\n');
    return;
  }
  const name = `redress_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServer });
  await admin.connect();
  const pgFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-intake-pg-'));
  try {
    await admin.query(`create database ${name}`);
    const database = new URL(postgresServer);
    database.pathname = `/${name}`;
    await measure('postgres', { REDRESS_DATA_DIR: pgFolder, DATABASE_URL: database.toString() }, floor);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(pgFolder, { recursive: true, force: true });
  }
}
