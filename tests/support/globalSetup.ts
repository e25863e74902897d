/**
 * Once per test run: build a migrated PGlite image (initdb costs seconds and hundreds of MB, so
 * it is paid once), and check the PostgreSQL server when TEST_DATABASE_URL is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/storage/database.ts';

export default async function setup(project: TestProject): Promise<() => void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-test-image-'));
  const imagePath = path.join(folder, 'pglite.tar');
  const database = await openDatabase({ dataDir: '', inMemory: true });
  if (!database.pglite) throw new Error('expected PGlite');
  const image = await database.pglite.dumpDataDir('none');
  fs.writeFileSync(imagePath, Buffer.from(await image.arrayBuffer()));
  await database.close();
  project.provide('pgliteImagePath', imagePath);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImagePath: string;
  }
}
