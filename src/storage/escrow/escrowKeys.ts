/**
 * The escrow server secrets: the VOPRF key pair and the reporter-token secret. They are kept out
 * of the database on purpose (docs/escrow.md): together with a dump, the OPRF key would let
 * anyone test guessed names against every stored tag, and the token secret would let anyone
 * recompute members' tokens. So they come from, in order:
 *   1. REDRESS_ESCROW_KEYS — the key file's JSON itself, for secret stores that inject variables;
 *   2. REDRESS_ESCROW_KEY_FILE — a path to the key file (created on first use on the embedded
 *      database, like the default below);
 *   3. REDRESS_DATA_DIR/escrow-keys.json — on the embedded database only, created on first use
 *      with mode 0600. On a PostgreSQL server several processes must share one key, so there the
 *      operator provides the file or the variable (`redress escrow create-keys FILE`).
 * A file readable by other users is refused, as ssh refuses a private key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromBase64Url, randomBytes, toBase64Url } from '../../core/crypto/bytes.ts';
import { AppError } from '../../core/errors.ts';
import { generateServerKey, parseServerKeyPair, type ServerKeyPair } from '../../core/escrow/oprf.ts';

export type EscrowKeys = { serverKey: ServerKeyPair; tokenSecret: Uint8Array; location: string };

export type EscrowKeySettings = { env: NodeJS.ProcessEnv; dataDir: string; databaseUrl: string | undefined };

export const DEFAULT_KEY_FILE = 'escrow-keys.json';

const base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const keyFileSchema = z.object({
  version: z.literal(1),
  oprfSecretKey: base64Url,
  oprfPublicKey: base64Url,
  reporterTokenSecret: base64Url,
});

/** A fresh key file's text: a new VOPRF key pair and a 256-bit token secret. */
export function newEscrowKeyFile(): string {
  const { secretKey, publicKey } = generateServerKey();
  const file = { version: 1, oprfSecretKey: toBase64Url(secretKey), oprfPublicKey: toBase64Url(publicKey), reporterTokenSecret: toBase64Url(randomBytes(32)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads key-file text; anything malformed, or a secret that does not belong to its public key, is refused. */
export function parseEscrowKeyFile(text: string, location: string): EscrowKeys {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: `${location} is not JSON` });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: `${location} is not a Redress escrow key file` });
  const tokenSecret = fromBase64Url(parsed.data.reporterTokenSecret);
  if (tokenSecret.length < 32) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: `${location}: the reporter-token secret is shorter than 32 bytes` });
  try {
    const serverKey = parseServerKeyPair(fromBase64Url(parsed.data.oprfSecretKey), fromBase64Url(parsed.data.oprfPublicKey));
    return { serverKey, tokenSecret, location };
  } catch (error) {
    if (error instanceof AppError) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: `${location}: ${String(error.params.detail ?? error.message)}` });
    throw error;
  }
}

/** Writes a new key file, never over an existing one, readable by its owner only. */
export function createEscrowKeyFile(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, newEscrowKeyFile(), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('ESCROW_KEY_FILE_EXISTS', { detail: file });
    throw new AppError('DATA_DIR_UNWRITABLE', { detail: path.dirname(file) });
  }
}

export function loadEscrowKeys(settings: EscrowKeySettings): EscrowKeys {
  const inline = settings.env.REDRESS_ESCROW_KEYS?.trim();
  if (inline) return parseEscrowKeyFile(inline, 'REDRESS_ESCROW_KEYS');
  const named = settings.env.REDRESS_ESCROW_KEY_FILE?.trim();
  // On the embedded database one process owns the data, so a missing file is created; on a
  // server, processes would each draw their own key, so the operator must create it once.
  if (named) return readKeyFile(path.resolve(named), !settings.databaseUrl);
  if (settings.databaseUrl) {
    throw new AppError('ESCROW_UNAVAILABLE', {
      detail: 'on a PostgreSQL server set REDRESS_ESCROW_KEY_FILE or REDRESS_ESCROW_KEYS (create one with `redress escrow create-keys FILE`)',
    });
  }
  return readKeyFile(path.join(settings.dataDir, DEFAULT_KEY_FILE), true);
}

function readKeyFile(file: string, createIfMissing: boolean): EscrowKeys {
  if (createIfMissing && !fs.existsSync(file)) {
    try {
      createEscrowKeyFile(file);
    } catch (error) {
      // Another process created it first: read theirs.
      if (!(error instanceof AppError && error.code === 'ESCROW_KEY_FILE_EXISTS')) throw error;
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('ESCROW_UNAVAILABLE', { detail: `the escrow key file ${file} does not exist` });
  }
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: `${file} can be read by other users; run chmod 600 on it` });
  }
  return parseEscrowKeyFile(fs.readFileSync(file, 'utf8'), file);
}
