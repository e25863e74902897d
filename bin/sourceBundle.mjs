// Starting Redress from its TypeScript sources without a build step, quickly.
//
// Loading every module through tsx's loader costs about a second of CPU and ~100 MB of memory at
// each start (bench/startup.ts measures it). Instead, the sources under src/ are compiled by
// esbuild into one module kept in node_modules/.cache/redress/, named by a stamp of every source
// file (path, size, mtime), so any edit or upgrade rebuilds it on the next start (~0.3 s).
// Packages stay external. Each source file keeps its own `import.meta.url`, so files found
// relative to it (migrations, assets, catalogues) are found as before.
//
// Whenever the bundle cannot be built or written, the caller falls back to tsx's loader.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceFolder = path.join(root, 'src');
const cacheFolder = path.join(root, 'node_modules', '.cache', 'redress');

/** Every file the bundle is made from, tests left out (they are never imported by the command). */
function stamp(esbuildVersion) {
  const hash = crypto.createHash('sha256').update(`esbuild ${esbuildVersion}\n`);
  const add = (file) => {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}:${stat.size}:${stat.mtimeMs}\n`);
  };
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.test\.tsx?$/.test(entry.name)) add(full);
    }
  };
  walk(sourceFolder);
  for (const file of ['package.json', 'tsconfig.json', 'bin/sourceBundle.mjs']) add(path.join(root, file));
  return hash.digest('hex').slice(0, 16);
}

/** Replaces `import.meta.url` (and dirname/filename) in each source file by that file's own. */
const keepImportMeta = {
  name: 'keep-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** The URL of an up-to-date compiled module for `entry` (relative to src/), building it if needed. */
export async function compiledEntry(entry) {
  const esbuild = await import('esbuild');
  const name = `${path.basename(entry).replace(/\.tsx?$/, '')}-${stamp(esbuild.version)}.mjs`;
  const bundle = path.join(cacheFolder, name);
  if (!fs.existsSync(bundle)) {
    fs.mkdirSync(cacheFolder, { recursive: true });
    // Built in a folder of its own and renamed: processes starting together never see half a file.
    const building = fs.mkdtempSync(path.join(cacheFolder, '.building-'));
    try {
      await esbuild.build({
        entryPoints: [path.join(sourceFolder, entry)],
        outfile: path.join(building, name),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: 'external',
        tsconfig: path.join(root, 'tsconfig.json'),
        plugins: [keepImportMeta],
        logLevel: 'silent',
      });
      // Packages are imported from the bundle's folder, which node_modules encloses.
      fs.renameSync(path.join(building, `${name}.map`), `${bundle}.map`);
      fs.renameSync(path.join(building, name), bundle);
    } finally {
      fs.rmSync(building, { recursive: true, force: true });
    }
    removeStale(name);
  }
  return pathToFileURL(bundle).href;
}

/**
 * Older bundles of the same entry, once they are an hour old: a process that has just built one
 * may not have imported it yet, and one already running has it loaded.
 */
function removeStale(current) {
  const prefix = current.replace(/-[0-9a-f]{16}\.mjs$/, '-');
  const anHourAgo = Date.now() - 3_600_000;
  for (const file of fs.readdirSync(cacheFolder)) {
    if (!file.startsWith(prefix) || file.startsWith(current)) continue;
    const full = path.join(cacheFolder, file);
    try {
      if (fs.statSync(full).mtimeMs < anHourAgo) fs.rmSync(full, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
