/**
 * Authenticated encryption for everything Redress stores encrypted: XChaCha20-Poly1305 with a
 * random 24-byte nonce (safe to draw at random for any number of messages under one key).
 * Layout of a box: nonce ‖ ciphertext ‖ tag. `context` is bound as associated data, so a box
 * moved to another row or purpose fails to open.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes, utf8ToBytes } from './bytes.ts';

const NONCE_LENGTH = 24;
export const KEY_LENGTH = 32;

export class DecryptionError extends Error {
  constructor() {
    super('The box could not be opened: wrong key, wrong context, or altered bytes');
    this.name = 'DecryptionError';
  }
}

export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const nonce = randomBytes(NONCE_LENGTH);
  const ciphertext = xchacha20poly1305(key, nonce, utf8ToBytes(context)).encrypt(plaintext);
  const box = new Uint8Array(NONCE_LENGTH + ciphertext.length);
  box.set(nonce, 0);
  box.set(ciphertext, NONCE_LENGTH);
  return box;
}

export function open(key: Uint8Array, box: Uint8Array, context: string): Uint8Array {
  if (box.length < NONCE_LENGTH + 16) throw new DecryptionError();
  const nonce = box.subarray(0, NONCE_LENGTH);
  try {
    return xchacha20poly1305(key, nonce, utf8ToBytes(context)).decrypt(box.subarray(NONCE_LENGTH));
  } catch {
    throw new DecryptionError();
  }
}

export function newKey(): Uint8Array {
  return randomBytes(KEY_LENGTH);
}
