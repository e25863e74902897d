/**
 * What a backup covers, read from the PostgreSQL catalogue rather than from the drizzle schema,
 * so tables added by future features are backed up without touching this code: every ordinary
 * table in `public` except the migrations ledger, its columns (generated ones left out), its
 * primary key (row order), the foreign keys between tables (insert order), and its sequences.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../database.ts';
import { encodingOf, type ValueEncoding } from './backupFormat.ts';

export type CatalogueColumn = { name: string; type: string; encoding: ValueEncoding };
export type CatalogueTable = { name: string; columns: CatalogueColumn[]; primaryKey: string[] };
export type OwnedSequence = { sequence: string; table: string; column: string };

/** Tables in an order where every table comes after the tables its foreign keys point to. */
export async function readCatalogue(db: Queryable): Promise<CatalogueTable[]> {
  const columns = await queryRows<{ table: string; column: string; type: string; base_type: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
          coalesce(bt.typname, t.typname) as base_type
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_type t on t.oid = a.atttypid
        left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and c.relname <> 'redress_migrations' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column"
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
        where n.nspname = 'public' and i.indisprimary
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const references = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select distinct child.relname as child, parent.relname as parent
        from pg_constraint k
        join pg_class child on child.oid = k.conrelid
        join pg_class parent on parent.oid = k.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        join pg_namespace pn on pn.oid = parent.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and pn.nspname = 'public'`,
  );

  const tables = new Map<string, CatalogueTable>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], primaryKey: [] };
    table.columns.push({ name: row.column, type: row.type, encoding: encodingOf(row.base_type) });
    tables.set(row.table, table);
  }
  for (const key of keys) tables.get(key.table)?.primaryKey.push(key.column);
  return foreignKeySafeOrder([...tables.values()], references);
}

/**
 * Kahn's algorithm, ties broken by name so the order is stable. A self-reference needs no order
 * (a statement's rows are checked together); a cycle between tables cannot be ordered, and its
 * tables follow by name (restore then fails on the foreign key, and rolls back whole).
 */
function foreignKeySafeOrder(tables: CatalogueTable[], references: { child: string; parent: string }[]): CatalogueTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const parents = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child !== parent && byName.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: CatalogueTable[] = [];
  const placed = new Set<string>();
  for (;;) {
    const ready = [...parents.entries()]
      .filter(([table, needs]) => !placed.has(table) && [...needs].every((parent) => placed.has(parent)))
      .map(([table]) => table)
      .sort();
    if (ready.length === 0) break;
    for (const table of ready) {
      placed.add(table);
      const found = byName.get(table);
      if (found) ordered.push(found);
    }
  }
  const cyclic = tables.filter((table) => !placed.has(table.name)).sort((a, b) => a.name.localeCompare(b.name));
  return [...ordered, ...cyclic];
}

export async function readOwnedSequences(db: Queryable): Promise<OwnedSequence[]> {
  return queryRows<OwnedSequence>(
    db,
    sql`select s.relname as "sequence", t.relname as "table", a.attname as "column"
        from pg_depend d
        join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_namespace n on n.oid = s.relnamespace
        join pg_class t on t.oid = d.refobjid
        join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where n.nspname = 'public' and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
        order by s.relname`,
  );
}

/** Every sequence in `public` with its position (null until first used). */
export async function readSequencePositions(db: Queryable): Promise<{ name: string; lastValue: string | null }[]> {
  return queryRows(
    db,
    sql`select sequencename as "name", last_value::text as "lastValue"
        from pg_sequences where schemaname = 'public' order by sequencename`,
  );
}

export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Session settings that make PostgreSQL's text output the same on every server and PGlite. */
export const STABLE_TEXT_OUTPUT = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 3',
];

/** The select-list expression that reads one column in its backup encoding. */
export function readExpression(column: CatalogueColumn): string {
  const ref = quoteIdentifier(column.name);
  switch (column.encoding) {
    case 'base64':
      return `translate(encode(${ref}, 'base64'), E'\\n', '')`;
    case 'timestamptz':
      return `case when isfinite(${ref}) then to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') else ${ref}::text end`;
    case 'timestamp':
      return `case when isfinite(${ref}) then to_char(${ref}, 'YYYY-MM-DD"T"HH24:MI:SS.US') else ${ref}::text end`;
    case 'boolean':
    case 'integer':
      return ref;
    case 'json':
    case 'text':
      return `${ref}::text`;
  }
}

/** The expression that turns the JSON row `x` back into one column's value. */
export function writeExpression(column: CatalogueColumn): string {
  const key = `'${column.name.replace(/'/g, "''")}'`;
  switch (column.encoding) {
    case 'base64':
      return `decode(x->>${key}, 'base64')`;
    case 'json':
      return `(x->${key})::${column.type}`;
    default:
      return `(x->>${key})::${column.type}`;
  }
}
