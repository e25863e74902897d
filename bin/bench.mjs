#!/usr/bin/env node
// `npm run bench -- NAME` runs bench/NAME.ts; with no name, every bench/*.ts in turn. Each
// benchmark module exports `run()` and prints one JSON line per figure on stdout. `--quick`
// (sets BENCH_QUICK=1) asks the benchmarks that support it for a small, fast run. Files whose
// name starts with `_` are shared helpers, not benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();

const benchFolder = fileURLToPath(new URL('../bench/', import.meta.url));
const available = fs
  .readdirSync(benchFolder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('_'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const flags = process.argv.slice(2).filter((argument) => argument.startsWith('--') && argument !== '--');
for (const flag of flags) {
  if (flag === '--quick') process.env.BENCH_QUICK = '1';
  else {
    process.stderr.write(`bench: unknown option ${flag}; the one option is --quick\n`);
    process.exit(1);
  }
}
const asked = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const unknown = asked.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bench: no benchmark named ${unknown.join(', ')}; there are: ${available.join(', ')}\n`);
  process.exit(1);
}

for (const name of asked.length > 0 ? asked : available) {
  const module = await import(pathToFileURL(path.join(benchFolder, `${name}.ts`)).href);
  if (typeof module.run !== 'function') {
    process.stderr.write(`bench: bench/${name}.ts exports no run()\n`);
    process.exitCode = 1;
    continue;
  }
  process.stderr.write(`bench: ${name}\n`);
  await module.run();
}
