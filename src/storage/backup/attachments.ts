/**
 * Files kept beside the database: REDRESS_DATA_DIR/attachments, on both backends (a PostgreSQL
 * deployment still keeps its files in the data folder). Backups carry them; a restore writes
 * them into a staging folder first and moves it into place only after the database commits.
 */
import fs from 'node:fs';
import path from 'node:path';

export function attachmentsFolder(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

export type AttachmentFile = { path: string; absolute: string; size: number };

/** Regular files under `folder`, by relative path with `/` separators; links are not followed. */
export function listAttachments(folder: string): AttachmentFile[] {
  if (!fs.existsSync(folder)) return [];
  const found: AttachmentFile[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(folder, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const absolute = path.join(folder, child);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push({ path: child, absolute, size: fs.statSync(absolute).size });
    }
  };
  walk('');
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function folderIsEmpty(folder: string): boolean {
  return !fs.existsSync(folder) || fs.readdirSync(folder).length === 0;
}

/** Receives restored files in a hidden folder beside the final one, then swaps it in. */
export class AttachmentStaging {
  private readonly staging: string;
  private open: { path: string; fd: number } | undefined;

  constructor(private readonly target: string) {
    this.staging = path.join(path.dirname(target), `.attachments-restoring-${process.pid}`);
  }

  write(relative: string, bytes: Buffer): void {
    if (this.open?.path !== relative) {
      this.closeFile();
      const absolute = path.join(this.staging, ...relative.split('/'));
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      this.open = { path: relative, fd: fs.openSync(absolute, 'wx') };
    }
    fs.writeSync(this.open.fd, bytes);
  }

  closeFile(): void {
    if (!this.open) return;
    fs.fsyncSync(this.open.fd);
    fs.closeSync(this.open.fd);
    this.open = undefined;
  }

  /** Moves the staged files into place (an empty target folder is replaced). */
  commit(): void {
    this.closeFile();
    if (!fs.existsSync(this.staging)) return;
    if (fs.existsSync(this.target)) fs.rmdirSync(this.target);
    fs.renameSync(this.staging, this.target);
  }

  discard(): void {
    if (this.open) fs.closeSync(this.open.fd);
    this.open = undefined;
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}
