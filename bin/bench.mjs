#!/usr/bin/env node
// `npm run bench -- NAME` runs bench/NAME.ts; with no name, every bench/*.ts in turn. Each
// benchmark module exports `run()` and prints one JSON line per figure on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();

const benchFolder = fileURLToPath(new URL('../bench/', import.meta.url));
const available = fs
  .readdirSync(benchFolder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const asked = process.argv.slice(2).filter((argument) => argument !== '--');
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
