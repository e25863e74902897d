import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEscrowBundle, bundlePath } from './bundle.ts';

describe('the committed escrow bundle', () => {
  it('is exactly what `npm run build:client` builds from the sources now', async () => {
    const built = await buildEscrowBundle();
    expect(fs.readFileSync(bundlePath, 'utf8') === built, 'src/web/assets/escrow.js is stale: run `npm run build:client`').toBe(true);
  }, 60_000);

  it('runs in a browser: no Node module, Buffer or process in it', async () => {
    const built = await buildEscrowBundle();
    expect(built).not.toMatch(/\bnode:[a-z]/);
    expect(built).not.toMatch(/(?<![.\w])(Buffer|process)\./);
  }, 60_000);
});
