/**
 * Key derivation. Argon2id (memory-hard, run off the event loop by @node-rs/argon2) turns a
 * low-entropy secret — a password, a receipt — into a key; HKDF-SHA256 derives sub-keys from
 * secrets that already have full entropy (session tokens, recovery keys).
 */
import { hashRaw } from '@node-rs/argon2';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from './bytes.ts';

export type Argon2Parameters = { memoryKiB: number; passes: number; parallelism: number };

/** OWASP-recommended range; ~70 ms per derivation on the reference machine. */
export const defaultArgon2: Argon2Parameters = { memoryKiB: 65536, passes: 3, parallelism: 1 };

export async function deriveKeyFromSecret(
  secret: string,
  salt: Uint8Array,
  parameters: Argon2Parameters = defaultArgon2,
): Promise<Uint8Array> {
  const output = await hashRaw(secret.normalize('NFC'), {
    algorithm: 2, // Argon2id
    salt: Buffer.from(salt),
    memoryCost: parameters.memoryKiB,
    timeCost: parameters.passes,
    parallelism: parameters.parallelism,
    outputLen: 32,
  });
  return new Uint8Array(output);
}

export function deriveSubkey(secret: Uint8Array, purpose: string, length = 32): Uint8Array {
  return hkdf(sha256, secret, undefined, utf8ToBytes(`redress/${purpose}`), length);
}

export function sha256Hex(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? utf8ToBytes(input) : input;
  return Buffer.from(sha256(bytes)).toString('hex');
}
