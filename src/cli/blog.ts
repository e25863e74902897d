/**
 * `redress blog import DIR` and `redress blog export DIR`: bringing a network's existing posts
 * in from Markdown files with front matter, and writing the series back out in the same format.
 * Import checks everything first and writes all posts or none; export never overwrites a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { openDatabase } from '../storage/database.ts';
import { makeContext } from '../usecases/context.ts';
import { exportPosts } from '../usecases/publishing/exportPosts.ts';
import { importPosts, type SourceFile } from '../usecases/publishing/importPosts.ts';
import { progressBar } from './progress.ts';

const MARKDOWN = /\.(md|markdown)$/i;

/** Every Markdown file under `folder`, by path relative to it, in a stable order. */
export function readPostFiles(folder: string): SourceFile[] {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new AppError('BLOG_IMPORT_INVALID', { detail: `${folder} is not a folder` });
  }
  const files: SourceFile[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MARKDOWN.test(entry.name)) files.push({ name: path.relative(folder, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(folder);
  return files;
}

/** Writes the files into `folder` (made if missing), refusing before writing anything if one exists. */
export function writePostFiles(folder: string, files: readonly SourceFile[]): void {
  fs.mkdirSync(folder, { recursive: true });
  const clashes = files.filter((file) => fs.existsSync(path.join(folder, file.name)));
  if (clashes.length > 0) {
    throw new AppError('BLOG_EXPORT_CONFLICT', { detail: `${folder} (${clashes.slice(0, 5).map((file) => file.name).join(', ')}${clashes.length > 5 ? ', …' : ''})` });
  }
  for (const file of files) fs.writeFileSync(path.join(folder, file.name), file.text, { flag: 'wx' });
}

async function withDatabase<T>(config: Config, work: (context: ReturnType<typeof makeContext>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(makeContext(database.db));
  } finally {
    await database.close();
  }
}

export async function blogImportCommand(config: Config, folder: string): Promise<void> {
  const files = readPostFiles(path.resolve(folder));
  const bar = progressBar('Importing posts');
  const report = await withDatabase(config, (context) =>
    importPosts(context, files, {
      onProgress: (done, total) => bar.update(done, total),
      onProblem: (problem) => process.stderr.write(`problem: ${problem}\n`),
    }),
  ).finally(() => bar.stop());
  for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
  console.log(`Imported ${report.imported} post${report.imported === 1 ? '' : 's'} from ${path.resolve(folder)}.`);
}

export async function blogExportCommand(config: Config, folder: string): Promise<void> {
  const files = await withDatabase(config, (context) => exportPosts(context));
  writePostFiles(path.resolve(folder), files);
  console.log(`Exported ${files.length} post${files.length === 1 ? '' : 's'} to ${path.resolve(folder)}.`);
}

export function registerBlogCommands(program: Command): void {
  const blog = program.command('blog').description('the Partnership & Accountability series: bring posts in or take them out');
  blog
    .command('import')
    .argument('<dir>', 'a folder of Markdown files with front matter (title, author, organisation, date, tags, language, translation-of)')
    .description('import posts as published; nothing is imported unless every file is right')
    .action((dir: string) => blogImportCommand(loadConfig(), dir));
  blog
    .command('export')
    .argument('<dir>', 'the folder to write one Markdown file per published post into (existing files are never overwritten)')
    .description('export published and scheduled posts as Markdown files with front matter')
    .action((dir: string) => blogExportCommand(loadConfig(), dir));
}
