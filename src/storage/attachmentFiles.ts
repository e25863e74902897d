/**
 * Evidence files on disk and their rows. A file is stored only sealed with its case key, under
 * <data folder>/attachments/<attachment id>; the row holds sealed metadata and the stored size.
 * Files are written before the transaction that records them and removed again if it fails,
 * so a refused submission leaves nothing behind.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, inArray, sum } from 'drizzle-orm';
import type { Queryable } from './database.ts';
import { caseAttachments } from './schema/index.ts';

export type AttachmentRow = typeof caseAttachments.$inferSelect;

export function attachmentsFolder(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

const STORAGE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fileOf(folder: string, storageName: string): string {
  // Storage names are ids the server made; anything else never reaches the file system.
  if (!STORAGE_NAME.test(storageName)) throw new Error('attachment storage name is not an id');
  return path.join(folder, storageName);
}

/** Writes sealed files (new names only); on any failure removes what it wrote and rethrows. */
export async function writeSealedFiles(folder: string, files: readonly { storageName: string; sealed: Uint8Array }[]): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  try {
    for (const file of files) {
      const target = fileOf(folder, file.storageName);
      const partial = `${target}.partial`;
      await fs.writeFile(partial, file.sealed, { flag: 'wx', mode: 0o600 });
      written.push(partial);
      await fs.rename(partial, target);
      written[written.length - 1] = target;
    }
  } catch (error) {
    await removeFiles(folder, written.map((file) => path.basename(file).replace(/\.partial$/, '')));
    throw error;
  }
}

export async function removeFiles(folder: string, storageNames: readonly string[]): Promise<void> {
  for (const name of storageNames) {
    await fs.rm(fileOf(folder, name), { force: true });
    await fs.rm(`${fileOf(folder, name)}.partial`, { force: true });
  }
}

export async function readSealedFile(folder: string, storageName: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await fs.readFile(fileOf(folder, storageName)));
  } catch {
    return undefined;
  }
}

/** Files sealed with the case key (the respondent's, sealed with the respondent key, are listed by the respondent's side). */
const caseSealed = eq(caseAttachments.sealedWith, 'case');

export async function attachmentsOfCase(db: Queryable, caseId: string): Promise<AttachmentRow[]> {
  return db.select().from(caseAttachments).where(and(eq(caseAttachments.caseId, caseId), caseSealed)).orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.id));
}

export async function attachmentOfCase(db: Queryable, caseId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  if (!STORAGE_NAME.test(attachmentId)) return undefined;
  const [row] = await db.select().from(caseAttachments).where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, attachmentId), caseSealed));
  return row;
}

/** Bytes a case already holds, for the per-case limit. */
export async function storedBytesOfCase(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db.select({ total: sum(caseAttachments.sizeBytes) }).from(caseAttachments).where(and(eq(caseAttachments.caseId, caseId), caseSealed));
  return Number(row?.total ?? 0);
}

/**
 * Storage names whose file (or `.partial`, while being written) is in the attachments folder,
 * was last written before `before`, and no row refers to: what a process that died between
 * writing an upload and committing its row (or between committing a purge and removing its
 * files) left behind. They are sealed under keys that were never stored or are gone, so nobody
 * can open them; the purge removes them with `removeFiles`. Only names the server makes are
 * considered.
 */
export async function orphanedFiles(db: Queryable, folder: string, before: Date): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return [];
  }
  const old = new Set<string>();
  for (const name of names) {
    const storageName = name.endsWith('.partial') ? name.slice(0, -'.partial'.length) : name;
    if (!STORAGE_NAME.test(storageName)) continue;
    const stat = await fs.stat(path.join(folder, name)).catch(() => undefined);
    if (stat?.isFile() && stat.mtime < before) old.add(storageName);
  }
  const candidates = [...old];
  const orphans: string[] = [];
  for (let start = 0; start < candidates.length; start += 500) {
    const batch = candidates.slice(start, start + 500);
    const known = new Set((await db.select({ name: caseAttachments.storageName }).from(caseAttachments).where(inArray(caseAttachments.storageName, batch))).map((row) => row.name));
    orphans.push(...batch.filter((name) => !known.has(name)));
  }
  return orphans;
}
