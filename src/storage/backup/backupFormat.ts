/**
 * The Redress backup file: gzip'd JSON lines, logical and backend-independent, so a PGlite folder
 * can be restored onto a PostgreSQL server and back.
 *
 *   line 1      header: format, version, migration tags, tables (FK-safe order) with columns and
 *               row counts, sequence positions, attachment totals
 *   then        {"kind":"row","table":…,"row":{column: value}} for every row, table by table in
 *               header order; a column that is SQL NULL is left out of `row`
 *   then        attachments: {"kind":"file-chunk",path,data(base64)}… {"kind":"file",path,size,sha256}
 *   last line   {"kind":"end","lines":N,"sha256":…} over every line before it, so a truncated,
 *               spliced or edited file is refused even when it is valid gzip
 *
 * Values: bytea as base64, timestamps as ISO 8601 (UTC, microseconds), json/jsonb as JSON,
 * booleans and small integers as JSON, everything else as PostgreSQL's own text form (lossless:
 * bigint and numeric stay strings, arrays keep PostgreSQL's array syntax).
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'redress-backup';
export const BACKUP_VERSION = 1;

/** How a column's values are written, chosen from its (base) type. */
export const valueEncodings = ['base64', 'timestamptz', 'timestamp', 'json', 'boolean', 'integer', 'text'] as const;
export type ValueEncoding = (typeof valueEncodings)[number];

export function encodingOf(baseType: string): ValueEncoding {
  switch (baseType) {
    case 'bytea':
      return 'base64';
    case 'timestamptz':
      return 'timestamptz';
    case 'timestamp':
      return 'timestamp';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'bool':
      return 'boolean';
    case 'int2':
    case 'int4':
      return 'integer';
    default:
      return 'text';
  }
}

const name = z.string().min(1).max(63);

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string(),
  redressVersion: z.string(),
  backend: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string().min(1)),
  tables: z.array(
    z.object({
      name,
      rows: z.number().int().min(0),
      columns: z.array(z.object({ name, type: z.string().min(1), encoding: z.enum(valueEncodings) })).min(1),
    }),
  ),
  sequences: z.array(z.object({ name, lastValue: z.string().regex(/^-?\d+$/).nullable() })),
  attachments: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
});

export type BackupHeader = z.infer<typeof headerSchema>;

const jsonValue: z.ZodType<unknown> = z.unknown();

/** A safe relative path inside the attachments folder: no absolute path, no `..`, no backslash. */
export const attachmentPath = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (value) =>
      !value.startsWith('/') &&
      !/[\\\0]/.test(value) &&
      value.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'unsafe attachment path',
  );

export const lineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('row'), table: name, row: z.record(z.string(), jsonValue) }),
  z.object({ kind: z.literal('file-chunk'), path: attachmentPath, data: z.base64() }),
  z.object({ kind: z.literal('file'), path: attachmentPath, size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ kind: z.literal('end'), lines: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
]);

export type BackupLine = z.infer<typeof lineSchema>;

/** Base64 of this many bytes makes a line of about 1 MiB. */
export const FILE_CHUNK_BYTES = 768 * 1024;
