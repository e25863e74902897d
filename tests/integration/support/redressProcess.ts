/**
 * Runs the real `redress` command as a child process with a controlled environment, the way an
 * operator would: one-shot commands (exit code, stdout, stderr) and `serve` (waits for the
 * "serving on" line, then gives its URL and setup link).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../../src/storage/database.ts';
import { testBackends } from '../../support/databases.ts';

/** Which backends this run covers (TEST_BACKENDS, TEST_DATABASE_URL), as for the storage suite. */
export const onPglite = testBackends().includes('pglite');
export const onPostgresServer = testBackends().includes('postgres');

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const redressBin = path.join(repositoryRoot, 'bin', 'redress.mjs');

export type Outcome = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Only what the test says, plus what node needs to run: no DATABASE_URL leaks in from outside. */
export function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1', ...env };
}

export function runRedress(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Outcome> {
  const child = spawn(process.execPath, [redressBin, ...args], { cwd: repositoryRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, timeoutMs);
}

function collect(child: ChildProcess, timeoutMs: number): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redress did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Wait for the pipes to drain before handing the output over.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    });
  });
}

export type RunningRedress = {
  child: ChildProcess;
  url: string;
  setupUrl: string | undefined;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Outcome>;
};

export async function startRedress(env: Record<string, string>, options: { setupLink?: boolean; timeoutMs?: number } = {}): Promise<RunningRedress> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(process.execPath, [redressBin, 'serve'], { cwd: repositoryRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<Outcome>((resolve) => child.once('exit', (code, signal) => setImmediate(() => resolve({ code, signal, stdout, stderr }))));
  // Ready when it says where it serves, and (on an empty deployment) has printed the setup link.
  const ready = options.setupLink ? /\/setup\/[\w-]+\n/ : /serving on http:\/\/\S+/;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redress serve did not start within ${timeoutMs} ms\n${stdout}\n${stderr}`)), timeoutMs);
    const look = () => {
      if (!ready.test(stdout)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', look);
    void exited.then((outcome) => {
      clearTimeout(timer);
      reject(new Error(`redress serve exited with ${outcome.code}: ${outcome.stderr}`));
    });
  });
  // The printed address says localhost; the tests listen on 127.0.0.1 only.
  const url = (/serving on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '').replace('//localhost:', '//127.0.0.1:');
  return {
    child,
    url,
    setupUrl: /(http:\/\/\S+\/setup\/[\w-]+)/.exec(stdout)?.[1]?.replace('//localhost:', '//127.0.0.1:'),
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM', stopTimeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      const outcome = await exited;
      clearTimeout(timer);
      return outcome;
    },
  };
}

/** A migrated, empty PGlite data folder, made once and copied for each test (initdb is slow). */
export async function folderTemplate(root: string): Promise<string> {
  const template = path.join(root, 'template');
  if (!fs.existsSync(path.join(template, 'pgdata', 'PG_VERSION'))) {
    const database = await openDatabase({ dataDir: template });
    await database.close();
  }
  return template;
}

export function copyFolder(template: string, to: string): string {
  fs.cpSync(template, to, { recursive: true });
  return to;
}

/** Creates (and later drops) PostgreSQL databases of this test's own on TEST_DATABASE_URL's server. */
export function postgresDatabases(serverUrl: string) {
  const created: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    async create(): Promise<string> {
      const name = `redress_it_${Math.random().toString(36).slice(2, 10)}`;
      await admin(`create database ${name}`);
      created.push(name);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll(): Promise<void> {
      for (const name of created.splice(0)) await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export async function onPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The one line an operator sees for an error: "redress: …", no stack trace. Progress lines
 * ("Checking backup: 5/10", written to stderr when it is not a terminal) may come before it.
 */
export function expectOneClearLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !/^[\w ]+: \d+\/\d+$/.test(line));
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${stderr}`);
  const [line = ''] = lines;
  if (!line.startsWith('redress: ') || /\bat .+:\d+:\d+/.test(stderr)) throw new Error(`not a clear error line: ${line}`);
  return line;
}
