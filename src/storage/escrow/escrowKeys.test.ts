import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateServerKey } from '../../core/escrow/oprf.ts';
import { toBase64Url } from '../../core/crypto/bytes.ts';
import { createEscrowKeyFile, loadEscrowKeys, newEscrowKeyFile } from './escrowKeys.ts';

const folders: string[] = [];
function folder(): string {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-escrow-keys-test-'));
  folders.push(created);
  return created;
}
afterEach(() => {
  for (const created of folders.splice(0)) fs.rmSync(created, { recursive: true, force: true });
});

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('the escrow key file', () => {
  it('is created on first use in the data folder, readable by its owner only, and read back the same', () => {
    const dataDir = folder();
    const first = loadEscrowKeys({ env: {}, dataDir, databaseUrl: undefined });
    const file = path.join(dataDir, 'escrow-keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadEscrowKeys({ env: {}, dataDir, databaseUrl: undefined });
    expect(second.serverKey.publicKey).toEqual(first.serverKey.publicKey);
    expect(second.tokenSecret).toEqual(first.tokenSecret);
  });

  it('must be provided on a PostgreSQL server, by file or by variable', () => {
    const dataDir = folder();
    expect(codeOf(() => loadEscrowKeys({ env: {}, dataDir, databaseUrl: 'postgres://db.example.org/redress' }))).toBe('ESCROW_UNAVAILABLE');
    expect(codeOf(() => loadEscrowKeys({ env: { REDRESS_ESCROW_KEY_FILE: path.join(dataDir, 'missing.json') }, dataDir, databaseUrl: 'postgres://db.example.org/redress' }))).toBe('ESCROW_UNAVAILABLE');
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const inline = loadEscrowKeys({ env: { REDRESS_ESCROW_KEYS: newEscrowKeyFile() }, dataDir, databaseUrl: 'postgres://db.example.org/redress' });
    expect(inline.location).toBe('REDRESS_ESCROW_KEYS');
  });

  it('is refused when other users can read it', () => {
    const file = path.join(folder(), 'keys.json');
    createEscrowKeyFile(file);
    fs.chmodSync(file, 0o644);
    expect(codeOf(() => loadEscrowKeys({ env: { REDRESS_ESCROW_KEY_FILE: file }, dataDir: '/nonexistent', databaseUrl: undefined }))).toBe('ESCROW_SERVER_KEY_INVALID');
  });

  it('is never overwritten', () => {
    const file = path.join(folder(), 'keys.json');
    createEscrowKeyFile(file);
    const before = fs.readFileSync(file, 'utf8');
    expect(codeOf(() => createEscrowKeyFile(file))).toBe('ESCROW_KEY_FILE_EXISTS');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses malformed contents and a secret key that does not belong to its public key', () => {
    const load = (text: string) => codeOf(() => loadEscrowKeys({ env: { REDRESS_ESCROW_KEYS: text }, dataDir: '/nonexistent', databaseUrl: undefined }));
    expect(load('not json')).toBe('ESCROW_SERVER_KEY_INVALID');
    expect(load('{"version":2}')).toBe('ESCROW_SERVER_KEY_INVALID');
    const good = JSON.parse(newEscrowKeyFile()) as Record<string, string>;
    expect(load(JSON.stringify({ ...good, oprfPublicKey: toBase64Url(generateServerKey().publicKey) }))).toBe('ESCROW_SERVER_KEY_INVALID');
    expect(load(JSON.stringify({ ...good, reporterTokenSecret: 'c2hvcnQ' }))).toBe('ESCROW_SERVER_KEY_INVALID');
    expect(load(JSON.stringify(good))).toBe('no error');
  });
});
