/**
 * Reads a backup file line by line and checks everything about it as it goes: gzip integrity,
 * the header, that rows come table by table in header order with the announced counts and
 * well-formed values, that every attachment matches its size and SHA-256, and the closing line's
 * count and digest. Any flaw is BACKUP_INVALID (BACKUP_TOO_NEW for a newer Redress), raised
 * before the handler sees anything past the flaw; restore runs it once dry, then for real.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AppError } from '../../core/errors.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  headerSchema,
  lineSchema,
  type BackupHeader,
  type BackupLine,
  type ValueEncoding,
} from './backupFormat.ts';

export type BackupRow = Record<string, unknown>;

export type BackupHandlers = {
  /** Called once, after the header is checked and before any row. */
  header?(header: BackupHeader): Promise<void>;
  /** Rows of one table, in file order, a batch at a time. */
  rows?(table: string, rows: BackupRow[]): Promise<void>;
  fileChunk?(path: string, bytes: Buffer): Promise<void>;
  fileDone?(path: string): Promise<void>;
  progress?(rowsDone: number, rowsTotal: number): void;
};

const BATCH_ROWS = 500;
const BATCH_CHARS = 4 * 1024 * 1024;
const MAX_LINE_CHARS = 64 * 1024 * 1024;

function invalid(detail: string): AppError {
  return new AppError('BACKUP_INVALID', { detail });
}

export async function readBackup(file: string, knownMigrations: readonly string[], handlers: BackupHandlers = {}): Promise<BackupHeader> {
  const check = new BackupChecker(knownMigrations, handlers);
  for await (const line of backupLines(file)) await check.line(line);
  return check.finish();
}

/** The decompressed lines of `file`; gzip damage or truncation surfaces as BACKUP_INVALID. */
async function* backupLines(file: string): AsyncGenerator<string> {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw invalid(`${file} cannot be read`);
  }
  const source = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      rest += chunk;
      let newline = rest.indexOf('\n');
      while (newline >= 0) {
        yield rest.slice(0, newline);
        rest = rest.slice(newline + 1);
        newline = rest.indexOf('\n');
      }
      if (rest.length > MAX_LINE_CHARS) throw invalid('a line is far longer than any Redress writes');
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(code === 'Z_DATA_ERROR' ? 'not a gzip file, or damaged' : code === 'Z_BUF_ERROR' ? 'the file is cut short' : String((error as Error).message));
  } finally {
    source.destroy();
  }
  if (rest !== '') throw invalid('the last line is incomplete (the file is cut short)');
}

type FileInProgress = { path: string; size: number; hash: crypto.Hash };

class BackupChecker {
  private header: BackupHeader | undefined;
  private columns = new Map<string, Map<string, ValueEncoding>>();
  private lineCount = 0;
  private digest = crypto.createHash('sha256');
  private ended = false;
  private tableIndex = -1;
  private tableRows = 0;
  private rowsDone = 0;
  private rowsTotal = 0;
  private batch: BackupRow[] = [];
  private batchChars = 0;
  private file: FileInProgress | undefined;
  private filesDone = new Set<string>();
  private fileBytes = 0;

  constructor(
    private readonly knownMigrations: readonly string[],
    private readonly handlers: BackupHandlers,
  ) {}

  async line(text: string): Promise<void> {
    this.lineCount += 1;
    if (this.ended) {
      if (text.trim() === '') return;
      throw invalid(`line ${this.lineCount} comes after the closing line`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalid(`line ${this.lineCount} is not JSON`);
    }
    if (this.lineCount === 1) await this.readHeader(value);
    else await this.readLine(value);
    this.digest.update(text).update('\n');
  }

  private async readHeader(value: unknown): Promise<void> {
    const format = (value as { format?: unknown } | null)?.format;
    if (format !== BACKUP_FORMAT) throw invalid('the first line is not a Redress backup header');
    const version = (value as { version?: unknown }).version;
    if (typeof version === 'number' && version > BACKUP_VERSION) {
      throw new AppError('BACKUP_TOO_NEW', { detail: `backup format version ${version}` });
    }
    const parsed = headerSchema.safeParse(value);
    if (!parsed.success) throw invalid(`the header is malformed (${parsed.error.issues[0]?.path.join('.') ?? ''})`);
    const header = parsed.data;
    const unknown = header.migrations.filter((tag) => !this.knownMigrations.includes(tag));
    if (unknown.length > 0) throw new AppError('BACKUP_TOO_NEW', { detail: `unknown migrations: ${unknown.join(', ')}` });
    for (const table of header.tables) {
      if (this.columns.has(table.name)) throw invalid(`table ${table.name} is listed twice`);
      this.columns.set(table.name, new Map(table.columns.map((column) => [column.name, column.encoding])));
    }
    this.rowsTotal = header.tables.reduce((sum, table) => sum + table.rows, 0);
    this.header = header;
    await this.handlers.header?.(header);
    this.handlers.progress?.(0, this.rowsTotal);
  }

  private async readLine(value: unknown): Promise<void> {
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) throw invalid(`line ${this.lineCount} is malformed`);
    const line = parsed.data;
    if (line.kind !== 'row') await this.flushRows();
    switch (line.kind) {
      case 'row':
        return this.readRow(line);
      case 'file-chunk':
        return this.readChunk(line);
      case 'file':
        return this.readFileEnd(line);
      case 'end':
        return this.readEnd(line);
    }
  }

  private async readRow(line: Extract<BackupLine, { kind: 'row' }>): Promise<void> {
    const header = this.requireHeader();
    if (this.file || this.filesDone.size > 0) throw invalid(`line ${this.lineCount}: a row after the attachments`);
    if (header.tables[this.tableIndex]?.name !== line.table) {
      await this.flushRows();
      this.closeTable();
      const next = header.tables.findIndex((table, index) => index > this.tableIndex && table.name === line.table);
      if (next < 0) throw invalid(`line ${this.lineCount}: rows of table ${line.table} out of order or not in the header`);
      for (let skipped = this.tableIndex + 1; skipped < next; skipped += 1) {
        if ((header.tables[skipped]?.rows ?? 0) !== 0) throw invalid(`rows of table ${header.tables[skipped]?.name} are missing`);
      }
      this.tableIndex = next;
      this.tableRows = 0;
    }
    const columns = this.columns.get(line.table);
    for (const [column, cell] of Object.entries(line.row)) {
      const encoding = columns?.get(column);
      if (!encoding) throw invalid(`line ${this.lineCount}: table ${line.table} has no column ${column}`);
      if (!cellFits(encoding, cell)) throw invalid(`line ${this.lineCount}: column ${line.table}.${column} holds a malformed value`);
    }
    this.tableRows += 1;
    if (this.tableRows > (header.tables[this.tableIndex]?.rows ?? 0)) throw invalid(`table ${line.table} has more rows than the header says`);
    this.batch.push(line.row);
    this.batchChars += JSON.stringify(line.row).length;
    if (this.batch.length >= BATCH_ROWS || this.batchChars >= BATCH_CHARS) await this.flushRows();
  }

  private async flushRows(): Promise<void> {
    if (this.batch.length === 0) return;
    const table = this.requireHeader().tables[this.tableIndex]?.name ?? '';
    const rows = this.batch;
    this.batch = [];
    this.batchChars = 0;
    await this.handlers.rows?.(table, rows);
    this.rowsDone += rows.length;
    this.handlers.progress?.(this.rowsDone, this.rowsTotal);
  }

  /** Leaving the current table: its count must be complete. */
  private closeTable(): void {
    const table = this.header?.tables[this.tableIndex];
    if (table && this.tableRows !== table.rows) throw invalid(`table ${table.name} has ${this.tableRows} rows, the header says ${table.rows}`);
  }

  private async readChunk(line: Extract<BackupLine, { kind: 'file-chunk' }>): Promise<void> {
    this.requireHeader();
    if (this.file && this.file.path !== line.path) throw invalid(`line ${this.lineCount}: attachment ${this.file.path} is incomplete`);
    if (!this.file && this.filesDone.has(line.path)) throw invalid(`attachment ${line.path} appears twice`);
    this.file ??= { path: line.path, size: 0, hash: crypto.createHash('sha256') };
    const bytes = Buffer.from(line.data, 'base64');
    this.file.size += bytes.length;
    this.file.hash.update(bytes);
    await this.handlers.fileChunk?.(line.path, bytes);
  }

  private async readFileEnd(line: Extract<BackupLine, { kind: 'file' }>): Promise<void> {
    this.requireHeader();
    if (this.file && this.file.path !== line.path) throw invalid(`line ${this.lineCount}: attachment ${this.file.path} is incomplete`);
    if (this.filesDone.has(line.path)) throw invalid(`attachment ${line.path} appears twice`);
    const file = this.file ?? { path: line.path, size: 0, hash: crypto.createHash('sha256') };
    if (file.size !== line.size || file.hash.digest('hex') !== line.sha256) throw invalid(`attachment ${line.path} does not match its size or SHA-256`);
    if (!this.file) await this.handlers.fileChunk?.(line.path, Buffer.alloc(0));
    this.file = undefined;
    this.filesDone.add(line.path);
    this.fileBytes += line.size;
    await this.handlers.fileDone?.(line.path);
  }

  private async readEnd(line: Extract<BackupLine, { kind: 'end' }>): Promise<void> {
    const header = this.requireHeader();
    if (this.file) throw invalid(`attachment ${this.file.path} is incomplete`);
    if (line.lines !== this.lineCount - 1 || line.sha256 !== this.digest.copy().digest('hex')) {
      throw invalid('the closing line does not match the content (the file was altered)');
    }
    this.closeTable();
    for (const table of header.tables.slice(this.tableIndex + 1)) {
      if (table.rows !== 0) throw invalid(`rows of table ${table.name} are missing`);
    }
    if (this.filesDone.size !== header.attachments.files || this.fileBytes !== header.attachments.bytes) {
      throw invalid('attachments are missing');
    }
    this.ended = true;
  }

  private requireHeader(): BackupHeader {
    if (!this.header) throw invalid('no header');
    return this.header;
  }

  finish(): BackupHeader {
    if (!this.ended) throw invalid(this.lineCount === 0 ? 'the file is empty' : 'the closing line is missing (the file is cut short)');
    return this.requireHeader();
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function cellFits(encoding: ValueEncoding, cell: unknown): boolean {
  switch (encoding) {
    case 'json':
      return true;
    case 'boolean':
      return typeof cell === 'boolean';
    case 'integer':
      return typeof cell === 'number' && Number.isInteger(cell);
    case 'base64':
      return typeof cell === 'string' && BASE64.test(cell);
    default:
      return typeof cell === 'string';
  }
}
