/**
 * Applies drizzle/ migrations in journal order, each once, inside one transaction holding an
 * advisory lock, so several processes starting together on one PostgreSQL do not race. A
 * database that records a migration this code does not know was written by a newer Redress and
 * is refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { AppError } from '../core/errors.ts';
import { queryRows, type Db } from './database.ts';

const MIGRATION_LOCK = 7_301_042;

type Migration = { tag: string; hash: string; statements: string[] };

export type MigrationOutcome = { applied: string[]; current: string[] };

export function readMigrations(folder: string): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map(({ tag }) => {
    const text = fs.readFileSync(path.join(folder, `${tag}.sql`), 'utf8');
    return {
      tag,
      hash: crypto.createHash('sha256').update(text).digest('hex'),
      statements: text.split('--> statement-breakpoint').filter((statement) => statement.trim() !== ''),
    };
  });
}

export async function applyMigrations(db: Db, folder: string, options: { apply: boolean }): Promise<MigrationOutcome> {
  const known = readMigrations(folder);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(sql`create table if not exists redress_migrations (
      tag text primary key,
      hash text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await queryRows<{ tag: string }>(tx, sql`select tag from redress_migrations`);
    const appliedTags = new Set(rows.map((row) => row.tag));
    const knownTags = new Set(known.map((migration) => migration.tag));
    const unknown = [...appliedTags].filter((tag) => !knownTags.has(tag));
    if (unknown.length > 0) throw new AppError('DATABASE_TOO_NEW', { detail: `unknown migrations: ${unknown.join(', ')}` });
    const pending = known.filter((migration) => !appliedTags.has(migration.tag));
    if (!options.apply) return { applied: [], current: [...appliedTags] };
    for (const migration of pending) {
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into redress_migrations (tag, hash) values (${migration.tag}, ${migration.hash})`);
    }
    return { applied: pending.map((migration) => migration.tag), current: known.map((migration) => migration.tag) };
  });
}
