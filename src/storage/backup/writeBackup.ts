/**
 * Writes a backup of one Redress deployment: every table's rows from one consistent snapshot
 * (a read-only repeatable-read transaction), then the attachments folder. The file appears
 * under its name only when complete; an existing file is never overwritten.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { queryRows, type Database, type Tx } from '../database.ts';
import { listAttachments, type AttachmentFile } from './attachments.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, FILE_CHUNK_BYTES, type BackupHeader } from './backupFormat.ts';
import { quoteIdentifier, readCatalogue, readExpression, readSequencePositions, STABLE_TEXT_OUTPUT, type CatalogueTable } from './tableCatalogue.ts';

export type BackupProgress = { rows?(done: number, total: number): void; files?(done: number, total: number): void };

export type BackupSummary = { tables: number; rows: number; files: number; bytes: number };

const FETCH_ROWS = 1000;

export function redressVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

export async function writeBackup(
  database: Database,
  options: { file: string; attachmentsDir: string; progress?: BackupProgress },
): Promise<BackupSummary> {
  if (fs.existsSync(options.file)) throw new AppError('BACKUP_FILE_EXISTS', { detail: options.file });
  const partial = `${options.file}.partial-${process.pid}`;
  const out = new LineWriter(partial);
  try {
    const summary = await database.db.transaction(
      async (tx) => {
        for (const statement of STABLE_TEXT_OUTPUT) await tx.execute(sql.raw(statement));
        const header = await readHeader(tx, database, listAttachments(options.attachmentsDir));
        await out.write(header);
        let done = 0;
        const total = header.tables.reduce((sum, table) => sum + table.rows, 0);
        options.progress?.rows?.(0, total);
        for (const table of await readCatalogue(tx)) {
          await copyTable(tx, table, async (row) => {
            await out.write({ kind: 'row', table: table.name, row });
            done += 1;
            if (done % FETCH_ROWS === 0) options.progress?.rows?.(done, total);
          });
        }
        options.progress?.rows?.(done, total);
        return { tables: header.tables.length, rows: done, files: 0, bytes: 0 };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const files = listAttachments(options.attachmentsDir);
    options.progress?.files?.(0, files.length);
    for (const [index, file] of files.entries()) {
      summary.bytes += await copyFile(file, out);
      options.progress?.files?.(index + 1, files.length);
    }
    summary.files = files.length;
    await out.close();
    syncToDisk(partial);
    fs.renameSync(partial, options.file);
    return summary;
  } catch (error) {
    await out.abort();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

async function readHeader(tx: Tx, database: Database, files: AttachmentFile[]): Promise<BackupHeader> {
  const tags = await queryRows<{ tag: string }>(tx, sql`select tag from redress_migrations order by tag`);
  const tables = await readCatalogue(tx);
  const counted = [];
  for (const table of tables) {
    const [count] = await queryRows<{ rows: number }>(tx, sql.raw(`select count(*)::int as rows from ${quoteIdentifier(table.name)}`));
    counted.push({
      name: table.name,
      rows: count?.rows ?? 0,
      columns: table.columns.map(({ name, type, encoding }) => ({ name, type, encoding })),
    });
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    redressVersion: redressVersion(),
    backend: database.backend,
    migrations: tags.map((row) => row.tag),
    tables: counted,
    sequences: await readSequencePositions(tx),
    attachments: { files: files.length, bytes: files.reduce((sum, file) => sum + file.size, 0) },
  };
}

/** Streams a table through a cursor, in primary-key order so backups of equal data are equal. */
async function copyTable(tx: Tx, table: CatalogueTable, emit: (row: Record<string, unknown>) => Promise<void>): Promise<void> {
  const select = table.columns.map((column, index) => `${readExpression(column)} as c${index}`).join(', ');
  const order = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdentifier).join(', ') : table.columns.map((_, index) => String(index + 1)).join(', ');
  await tx.execute(sql.raw(`declare redress_backup no scroll cursor for select ${select} from ${quoteIdentifier(table.name)} order by ${order}`));
  for (;;) {
    const rows = await queryRows<Record<string, unknown>>(tx, sql.raw(`fetch forward ${FETCH_ROWS} from redress_backup`));
    for (const values of rows) {
      const row: Record<string, unknown> = {};
      table.columns.forEach((column, index) => {
        const value = values[`c${index}`];
        if (value === null || value === undefined) return;
        // json/jsonb travel as JSON; Redress writes them from JavaScript values, so every number
        // in them is already one JavaScript can hold exactly.
        row[column.name] = column.encoding === 'json' ? JSON.parse(String(value)) : value;
      });
      await emit(row);
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await tx.execute(sql.raw('close redress_backup'));
}

async function copyFile(file: AttachmentFile, out: LineWriter): Promise<number> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const stream = fs.createReadStream(file.absolute, { highWaterMark: FILE_CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    await out.write({ kind: 'file-chunk', path: file.path, data: chunk.toString('base64') });
  }
  await out.write({ kind: 'file', path: file.path, size, sha256: hash.digest('hex') });
  return size;
}

function syncToDisk(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** JSON lines into gzip into a file, with back-pressure, closed by the digest line. */
class LineWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly file: fs.WriteStream;
  private readonly digest = crypto.createHash('sha256');
  private lines = 0;
  private failure: Error | undefined;
  private wakeWriter: (() => void) | undefined;

  constructor(path: string) {
    this.file = fs.createWriteStream(path, { flags: 'wx' });
    this.gzip.pipe(this.file);
    // A full disk stops the pipe for good: the waiting writer must hear about it, not hang.
    const fail = (error: Error) => {
      this.failure ??= error;
      this.wakeWriter?.();
    };
    this.gzip.on('error', fail);
    this.file.on('error', fail);
  }

  async write(value: unknown): Promise<void> {
    if (this.failure) throw this.failure;
    const line = `${JSON.stringify(value)}\n`;
    this.digest.update(line);
    this.lines += 1;
    if (this.gzip.write(line)) return;
    await new Promise<void>((resolve) => {
      this.wakeWriter = resolve;
      this.gzip.once('drain', resolve);
    });
    this.wakeWriter = undefined;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    const lines = this.lines;
    await this.write({ kind: 'end', lines, sha256: this.digest.copy().digest('hex') });
    await new Promise<void>((resolve, reject) => {
      this.file.once('close', () => (this.failure ? reject(this.failure) : resolve()));
      this.file.once('error', reject);
      this.gzip.end();
    });
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    if (this.file.closed) return;
    await new Promise<void>((resolve) => {
      this.file.once('close', () => resolve());
      this.file.destroy();
    });
  }
}
