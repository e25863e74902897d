/**
 * Invitation and resume codes: 16 characters of Crockford base32 (80 random bits) in four
 * groups, short enough to print on a slip of paper or copy by hand, with the easily confused
 * letters (I, L, O, U) left out and forgiven when typed. Only their SHA-256 is stored; a resume
 * code also derives the key that seals a paused answer.
 */
import { randomBytes } from '../crypto/bytes.ts';
import { deriveSubkey, sha256Hex } from '../crypto/kdf.ts';
import { utf8ToBytes } from '../crypto/bytes.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 16;

export function newCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return formatCode(out);
}

export function formatCode(normalised: string): string {
  return normalised.match(/.{1,4}/g)?.join('-') ?? normalised;
}

/** The code as typed, made canonical; undefined when it cannot be a code at all. */
export function normaliseCode(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || typed.length > 64) return undefined;
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== LENGTH) return undefined;
  for (const character of cleaned) if (!ALPHABET.includes(character)) return undefined;
  return cleaned;
}

export function invitationCodeHash(normalised: string): string {
  return sha256Hex(`redress-toolkit-invitation:${normalised}`);
}

export function resumeCodeHash(normalised: string): string {
  return sha256Hex(`redress-toolkit-resume:${normalised}`);
}

export function resumeKey(normalised: string): Uint8Array {
  return deriveSubkey(utf8ToBytes(normalised), 'toolkit-resume');
}
