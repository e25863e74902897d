/**
 * The access code that goes with a respondent's (or adviser's) invitation link. The link and the
 * code travel by two different channels (say, the link by e-mail and the code by phone or in a
 * letter), so one intercepted message opens nothing. Twelve characters of Crockford's base32
 * (60 random bits), shown in three groups of four; typing is forgiving: case, spaces and
 * hyphens do not matter, and O, I and L read as 0, 1 and 1. Only five wrong codes are ever
 * accepted per invitation (codeThrottle.ts), so 60 bits are far more than a guesser can use.
 */
import { randomBytes } from '../crypto/bytes.ts';

export const ACCESS_CODE_LENGTH = 12;
const GROUP = 4;
/** Crockford's base32: no I, L, O or U, so nothing is mistaken for a digit or a rude word. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code in canonical form: twelve upper-case characters of the alphabet, no separators. */
export type AccessCode = string & { readonly __brand: 'AccessCode' };

export function newAccessCode(): AccessCode {
  // 8 random bytes give 64 bits; each character takes 5 of them.
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let index = 0; index < ACCESS_CODE_LENGTH; index += 1) {
    code += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  }
  return code as AccessCode;
}

/** "ABCD-EFGH-JKMN": how staff read the code out and how the person types it. */
export function formatAccessCode(code: AccessCode): string {
  const groups: string[] = [];
  for (let index = 0; index < code.length; index += GROUP) groups.push(code.slice(index, index + GROUP));
  return groups.join('-');
}

export type AccessCodeProblem = { code: 'empty' } | { code: 'length'; length: number; expected: number } | { code: 'characters' };

export type ParsedAccessCode = { ok: true; code: AccessCode } | { ok: false; problem: AccessCodeProblem };

/** What the person typed, read forgivingly; a malformed code is no guess and is never counted. */
export function parseAccessCode(input: unknown): ParsedAccessCode {
  if (typeof input !== 'string') return { ok: false, problem: { code: 'empty' } };
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s\-–—.]/g, '');
  if (compact === '') return { ok: false, problem: { code: 'empty' } };
  const mapped = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (![...mapped].every((character) => ALPHABET.includes(character))) return { ok: false, problem: { code: 'characters' } };
  if (mapped.length !== ACCESS_CODE_LENGTH) return { ok: false, problem: { code: 'length', length: mapped.length, expected: ACCESS_CODE_LENGTH } };
  return { ok: true, code: mapped as AccessCode };
}
