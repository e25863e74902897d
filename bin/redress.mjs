#!/usr/bin/env node
// The `redress` command. A fresh clone needs no build step: the TypeScript sources are compiled
// on start into a cached module, rebuilt when a source changes (bin/sourceBundle.mjs says how and
// why), or — when that cannot be done, or REDRESS_TSX=1 asks — run through tsx's loader.
const entry = process.env.REDRESS_TSX === '1' ? undefined : await compiledMain();

if (entry) {
  if (process.env.REDRESS_DEBUG) process.setSourceMapsEnabled(true);
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

/** Only building is allowed to fail over to tsx: running the command twice never is. */
async function compiledMain() {
  try {
    const { compiledEntry } = await import('./sourceBundle.mjs');
    return await compiledEntry('cli/main.ts');
  } catch (error) {
    if (process.env.REDRESS_DEBUG) process.stderr.write(`redress: running through tsx (${error instanceof Error ? error.message : String(error)})\n`);
    return undefined;
  }
}
