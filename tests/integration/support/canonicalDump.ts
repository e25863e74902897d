/**
 * An independent picture of a database's contents for comparing two deployments: for every
 * public table, its row count and a digest of PostgreSQL's own text form of every row (sorted),
 * plus every sequence's position. It shares no code with the backup format it checks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../src/storage/database.ts';

export type Dump = Record<string, { rows: number; digest: string }>;

export async function canonicalDump(db: Db): Promise<Dump> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
    await tx.execute(sql`set local extra_float_digits = 3`);
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'redress_migrations' order by tablename`,
    );
    const dump: Dump = {};
    for (const { name } of tables) {
      const [row] = await queryRows<{ rows: number; digest: string | null }>(
        tx,
        sql.raw(`select count(*)::int as rows, md5(string_agg(t::text, E'\\n' order by t::text)) as digest from "${name}" t`),
      );
      dump[name] = { rows: row?.rows ?? 0, digest: row?.digest ?? '' };
    }
    const sequences = await queryRows<{ name: string; position: string | null }>(
      tx,
      sql`select sequencename as name, last_value::text as position from pg_sequences where schemaname = 'public'`,
    );
    for (const sequence of sequences) dump[`sequence ${sequence.name}`] = { rows: 0, digest: sequence.position ?? '' };
    return dump;
  });
}

/** Relative path → SHA-256 of every file under `folder`. */
export function folderDigest(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (relative: string) => {
    const absolute = path.join(folder, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else found[child] = crypto.createHash('sha256').update(fs.readFileSync(path.join(folder, child))).digest('hex');
    }
  };
  walk('');
  return found;
}

/** Rewrites a backup's lines through `edit` and re-seals the closing line, as a forger would. */
export function rewriteBackup(from: string, to: string, edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[], reseal = true): void {
  const lines = zlib
    .gunzipSync(fs.readFileSync(from))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const body = edit(lines.filter((line) => line.kind !== 'end')).map((line) => JSON.stringify(line));
  const text = body.map((line) => `${line}\n`).join('');
  const end = reseal
    ? { kind: 'end', lines: body.length, sha256: crypto.createHash('sha256').update(text).digest('hex') }
    : lines.find((line) => line.kind === 'end');
  fs.writeFileSync(to, zlib.gzipSync(`${text}${JSON.stringify(end)}\n`));
}
