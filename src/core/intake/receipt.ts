/**
 * The reporter's receipt: 16 random decimal digits (≈53 bits), shown once, written in four
 * groups ("1234 5678 9012 3456"). Digits are easy to write down, read over a phone and type
 * on any keyboard. The receipt is never stored: only an Argon2id-derived lookup value and a
 * key derived from it (see caseCrypto.ts).
 *
 * Parsing is tolerant of how people copy it — spaces, dashes, dots, and digits of any script
 * (Arabic-Indic, Devanagari, full-width …) — and strict about everything else.
 */
import { randomBytes } from '../crypto/bytes.ts';

export const RECEIPT_DIGITS = 16;

/** Sixteen ASCII digits, nothing else. */
export type Receipt = string & { readonly __brand: 'Receipt' };

export type ReceiptProblem = 'empty' | 'tooFewDigits' | 'tooManyDigits' | 'notDigits';

export type ParsedReceipt = { ok: true; receipt: Receipt } | { ok: false; problem: ReceiptProblem; digits: number };

const SPACE = 10n ** BigInt(RECEIPT_DIGITS);
/** Largest multiple of 10^16 below 2^64: draws at or above it are redrawn, so every receipt is equally likely. */
const UNBIASED_LIMIT = (1n << 64n) - ((1n << 64n) % SPACE);

export function newReceipt(random: (length: number) => Uint8Array = randomBytes): Receipt {
  for (;;) {
    const bytes = random(8);
    let value = 0n;
    for (const byte of bytes) value = (value << 8n) | BigInt(byte);
    if (value < UNBIASED_LIMIT) return (value % SPACE).toString().padStart(RECEIPT_DIGITS, '0') as Receipt;
  }
}

export function formatReceipt(receipt: Receipt): string {
  return receipt.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The four groups, for pages that show them one by one. */
export function receiptGroups(receipt: Receipt): string[] {
  return receipt.match(/\d{4}/g) ?? [];
}

const SEPARATOR = /[\s\p{Pd}._·]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
/** Longer input is refused before it is looked at character by character. */
const MAX_INPUT = 200;

export function parseReceipt(input: unknown): ParsedReceipt {
  if (typeof input !== 'string') return { ok: false, problem: 'empty', digits: 0 };
  if (input.length > MAX_INPUT) return { ok: false, problem: 'tooManyDigits', digits: RECEIPT_DIGITS + 1 };
  let digits = '';
  for (const character of input.normalize('NFKC')) {
    if (SEPARATOR.test(character)) continue;
    const value = decimalValue(character);
    if (value === undefined) return { ok: false, problem: 'notDigits', digits: digits.length };
    digits += String(value);
  }
  if (digits.length === 0) return { ok: false, problem: 'empty', digits: 0 };
  if (digits.length < RECEIPT_DIGITS) return { ok: false, problem: 'tooFewDigits', digits: digits.length };
  if (digits.length > RECEIPT_DIGITS) return { ok: false, problem: 'tooManyDigits', digits: digits.length };
  return { ok: true, receipt: digits as Receipt };
}

/**
 * The value of a decimal digit of any script. Unicode encodes every decimal digit (Nd) in
 * contiguous runs of whole 0–9 sequences, so the value is the distance from the start of its
 * run, modulo 10.
 */
export function decimalValue(character: string): number | undefined {
  if (!DECIMAL_DIGIT.test(character)) return undefined;
  const codePoint = character.codePointAt(0);
  if (codePoint === undefined) return undefined;
  let start = codePoint;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

export function isReceipt(value: unknown): value is Receipt {
  return typeof value === 'string' && /^\d{16}$/.test(value);
}
