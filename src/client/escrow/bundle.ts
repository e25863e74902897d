/**
 * Builds the browser bundle of the escrow client, src/web/assets/escrow.js, with esbuild:
 * `npm run build:client`. The bundle is committed, so a fresh clone serves it with no build
 * step; bundle.test.ts rebuilds it in memory and fails when the committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const bundlePath = path.join(root, 'src/web/assets/escrow.js');

export const bundleOptions: BuildOptions = {
  absWorkingDir: root,
  entryPoints: ['src/client/escrow/browserPage.ts'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  banner: { js: '// Built from src/client/escrow by `npm run build:client`; do not edit.' },
};

export async function buildEscrowBundle(): Promise<string> {
  const result = await build({ ...bundleOptions, write: false });
  const [output] = result.outputFiles ?? [];
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await buildEscrowBundle();
  fs.writeFileSync(bundlePath, code);
  process.stdout.write(`wrote ${path.relative(root, bundlePath)} (${Math.round(code.length / 1024)} KiB)\n`);
}
