/**
 * Length hiding for escrowed allegations: the plaintext is prefixed with its 4-byte length and
 * zero-padded to the next power of two (at least 1 KiB), so a ciphertext tells its reader only
 * the size bucket, not how long the account is.
 */
import { AppError } from '../errors.ts';

const minPaddedLength = 1024;
export const maxAllegationLength = 8 * 1024 * 1024;

export function paddedLength(length: number): number {
  let size = minPaddedLength;
  while (size < length + 4) size *= 2;
  return size;
}

export function padAllegation(allegation: Uint8Array): Uint8Array {
  if (!(allegation instanceof Uint8Array) || allegation.length > maxAllegationLength) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'the allegation must be at most 8 MiB of bytes' });
  }
  const padded = new Uint8Array(paddedLength(allegation.length));
  new DataView(padded.buffer).setUint32(0, allegation.length);
  padded.set(allegation, 4);
  return padded;
}

export class PaddingError extends Error {
  constructor() {
    super('The decrypted allegation is not correctly padded');
    this.name = 'PaddingError';
  }
}

export function unpadAllegation(padded: Uint8Array): Uint8Array {
  if (padded.length < 4) throw new PaddingError();
  const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0);
  if (padded.length !== paddedLength(length) || padded.subarray(4 + length).some((byte) => byte !== 0)) throw new PaddingError();
  return padded.slice(4, 4 + length);
}
