import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { testArgon2 } from '../../tests/support/databases.ts';
import { setUpNewsroom } from '../../tests/support/publishingPeople.ts';
import { loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { openDatabase } from '../storage/database.ts';
import { blogPosts } from '../storage/schema/index.ts';
import { makeContext } from '../usecases/context.ts';
import { blogExportCommand, blogImportCommand } from './blog.ts';

const run = promisify(execFile);

const goodPost = `---
title: Ten years of partnership
author: efua.mensah@example.org
organisation: open-hands
date: 2022-09-01
tags: [Partnership]
language: en
---
We began as neighbours.
`;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('redress blog import and export', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-blog-cli-'));
  const dataDir = path.join(root, 'data');
  const config = loadConfig({ REDRESS_DATA_DIR: dataDir, DATABASE_URL: '' });

  function writeFolder(name: string, files: Record<string, string>): string {
    const folder = path.join(root, name);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), text);
    }
    return folder;
  }

  async function postCount(): Promise<number> {
    const database = await openDatabase({ dataDir });
    try {
      return (await database.db.select({ id: blogPosts.id }).from(blogPosts)).length;
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    const pgliteImage = new Blob([fs.readFileSync(inject('pgliteImagePath'))]);
    const database = await openDatabase({ dataDir, pgliteImage });
    await setUpNewsroom({ ...database, context: makeContext(database.db, { argon2: testArgon2 }), dispose: () => database.close() });
    await database.close();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('imports nothing from a folder with one bad file, and says which and why', async () => {
    const folder = writeFolder('mixed', { '2022/partnership.md': goodPost, 'unknown.md': goodPost.replace('efua.mensah', 'someone.else').replace('Ten years', 'Eleven years'), 'notes.txt': 'not a post' });
    const printed: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    const error = await refusal(blogImportCommand(config, folder)).finally(() => stderr.mockRestore());
    expect(error.code).toBe('BLOG_IMPORT_INVALID');
    expect(error.message).toBe('Nothing was imported: 1 problem(s), listed above');
    expect(printed).toContain('problem: unknown.md: unknown author someone.else@example.org (no active staff member has this e-mail address)\n');
    expect(await postCount()).toBe(0);
  });

  it('says so when the folder does not exist', async () => {
    expect((await refusal(blogImportCommand(config, path.join(root, 'missing')))).message).toContain('is not a folder');
  });

  it('imports a good folder, and exports it again without overwriting anything', async () => {
    const folder = writeFolder('good', { '2022/partnership.md': goodPost, '.drafts/ignored.md': 'hidden' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await blogImportCommand(config, folder);
      expect(log).toHaveBeenCalledWith(`Imported 1 post from ${folder}.`);
      const out = path.join(root, 'export');
      await blogExportCommand(config, out);
      expect(fs.readdirSync(out)).toEqual(['ten-years-of-partnership.md']);
      expect(fs.readFileSync(path.join(out, 'ten-years-of-partnership.md'), 'utf8')).toContain('We began as neighbours.');
      expect((await refusal(blogExportCommand(config, out))).code).toBe('BLOG_EXPORT_CONFLICT');
    } finally {
      log.mockRestore();
      stderr.mockRestore();
    }
    expect(await postCount()).toBe(1);
  });

  it('is a command of the redress tool', async () => {
    const { stdout } = await run(process.execPath, ['bin/redress.mjs', 'blog', '--help'], { cwd: path.resolve(import.meta.dirname, '../..') });
    expect(stdout).toContain('import <dir>');
    expect(stdout).toContain('export <dir>');
  });
});
