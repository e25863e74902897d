/** Byte encodings shared by the crypto modules: base64url for storage and cookies. */
export { randomBytes, concatBytes, utf8ToBytes, bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export function fromBase64Url(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** Constant-time comparison of two byte strings of any length. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
