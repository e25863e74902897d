import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalValue, formatReceipt, isReceipt, newReceipt, parseReceipt, receiptGroups, type Receipt } from './receipt.ts';

const receipts = fc.stringMatching(/^\d{16}$/).map((digits) => digits as Receipt);
/** Zero of several digit scripts: ASCII, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, full-width, mathematical bold. */
const zeros = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xff10, 0x1d7ce];
const separators = ['', ' ', '-', '  ', '\u00a0', '\u2013', '.', '\t'];

describe('receipts', () => {
  it('are always sixteen digits, written in four groups of four', () => {
    for (let draw = 0; draw < 200; draw += 1) {
      const receipt = newReceipt();
      expect(isReceipt(receipt)).toBe(true);
      expect(formatReceipt(receipt)).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(receiptGroups(receipt).join('')).toBe(receipt);
    }
  });

  it('redraws random values that would make some receipts likelier than others', () => {
    const draws = [new Uint8Array(8).fill(0xff), new Uint8Array([0, 0, 0, 0, 0, 0, 0, 42])];
    const receipt = newReceipt(() => draws.shift() ?? new Uint8Array(8));
    expect(receipt).toBe('0000000000000042');
  });

  it('read back whatever spaces, dashes or digit script a reporter copies them with', () => {
    fc.assert(
      fc.property(receipts, fc.constantFrom(...zeros), fc.array(fc.constantFrom(...separators), { minLength: 17, maxLength: 17 }), (receipt, zero, gaps) => {
        const written = [...receipt].map((digit, index) => `${gaps[index]}${String.fromCodePoint(zero + Number(digit))}`).join('') + gaps[16];
        const parsed = parseReceipt(written);
        expect(parsed).toEqual({ ok: true, receipt });
      }),
    );
  });

  it('round-trip through their written form', () => {
    fc.assert(
      fc.property(receipts, (receipt) => {
        expect(parseReceipt(formatReceipt(receipt))).toEqual({ ok: true, receipt });
      }),
    );
  });

  it('are refused, never guessed, when anything else is typed, and parsing never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.anything()), (input) => {
        const parsed = parseReceipt(input);
        if (parsed.ok) {
          expect(isReceipt(parsed.receipt)).toBe(true);
        } else {
          expect(['empty', 'tooFewDigits', 'tooManyDigits', 'notDigits']).toContain(parsed.problem);
        }
      }),
    );
  });

  it('say what is wrong with a mistyped receipt', () => {
    expect(parseReceipt('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(parseReceipt('1234 5678 9012 345')).toEqual({ ok: false, problem: 'tooFewDigits', digits: 15 });
    expect(parseReceipt('1234 5678 9012 34567')).toEqual({ ok: false, problem: 'tooManyDigits', digits: 17 });
    expect(parseReceipt('1234 5678 9O12 3456')).toMatchObject({ ok: false, problem: 'notDigits' });
    expect(parseReceipt('1'.repeat(1000))).toMatchObject({ ok: false, problem: 'tooManyDigits' });
  });

  it('know the value of a digit in any script', () => {
    expect(decimalValue('٣')).toBe(3);
    expect(decimalValue('७')).toBe(7);
    expect(decimalValue('𝟗')).toBe(9);
    expect(decimalValue('𝟬')).toBe(0);
    expect(decimalValue('x')).toBeUndefined();
  });
});
