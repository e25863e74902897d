import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../crypto/aead.ts';
import { randomBytes } from '../crypto/bytes.ts';
import { newKeyPair } from '../crypto/sealedBox.ts';
import {
  newCaseKey,
  openAnswers,
  openIdentity,
  openMessage,
  receiptKeys,
  sealAnswers,
  sealIdentity,
  sealMessage,
  unwrapForStaff,
  unwrapWithReceipt,
  wrapForReceipt,
  wrapForStaff,
} from './caseCrypto.ts';
import type { Receipt } from './receipt.ts';

const cheap = { memoryKiB: 1024, passes: 1, parallelism: 1 };

describe('case encryption', () => {
  it('opens answers, identity and messages only with the case key, in their own case and place', () => {
    const key = newCaseKey();
    const answers = sealAnswers(key, 'case-1', { account: 'It happened at the retreat.' });
    expect(openAnswers(key, 'case-1', answers)).toEqual({ account: 'It happened at the retreat.' });
    expect(() => openAnswers(newCaseKey(), 'case-1', answers)).toThrow(DecryptionError);
    expect(() => openAnswers(key, 'case-2', answers)).toThrow(DecryptionError);
    expect(() => openIdentity(key, 'case-1', answers)).toThrow(DecryptionError);
    expect(openIdentity(key, 'case-1', sealIdentity(key, 'case-1', { name: 'Dana', contact: '' }))).toEqual({ name: 'Dana', contact: '' });
    const message = sealMessage(key, 'case-1', 'm-1', 'Thank you');
    expect(openMessage(key, 'case-1', 'm-1', message)).toBe('Thank you');
    expect(() => openMessage(key, 'case-1', 'm-2', message)).toThrow(DecryptionError);
  });

  it('pads what it seals, so short and slightly longer texts make boxes of the same size', () => {
    const key = newCaseKey();
    const short = sealMessage(key, 'case-1', 'm-1', 'No.');
    const longer = sealMessage(key, 'case-1', 'm-2', 'No, it did not stop after that.');
    expect(short.length).toBe(longer.length);
    expect(sealMessage(key, 'case-1', 'm-3', 'x'.repeat(300)).length).toBeGreaterThan(short.length);
    expect(openMessage(key, 'case-1', 'm-2', longer)).toBe('No, it did not stop after that.');
  });

  it('wraps the case key for one staff member only', () => {
    const key = newCaseKey();
    const handler = newKeyPair();
    const wrapped = wrapForStaff(handler.publicKey, key, 'case-1', 'staff-1');
    expect(unwrapForStaff(handler, wrapped, 'case-1', 'staff-1')).toEqual(key);
    expect(() => unwrapForStaff(newKeyPair(), wrapped, 'case-1', 'staff-1')).toThrow(DecryptionError);
    expect(() => unwrapForStaff(handler, wrapped, 'case-1', 'staff-2')).toThrow(DecryptionError);
  });

  it('derives the same lookup and key from the same receipt, and unrelated ones from another', async () => {
    const salt = randomBytes(16);
    const first = await receiptKeys('1234567890123456' as Receipt, salt, cheap);
    const again = await receiptKeys('1234567890123456' as Receipt, salt, cheap);
    const other = await receiptKeys('1234567890123457' as Receipt, salt, cheap);
    expect(again).toEqual(first);
    expect(other.lookup).not.toBe(first.lookup);
    expect(first.lookup).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(first.wrapKey).toString('hex')).not.toContain(first.lookup.slice(0, 16));
    const key = newCaseKey();
    const wrapped = wrapForReceipt(first.wrapKey, key, 'case-1');
    expect(unwrapWithReceipt(again.wrapKey, wrapped, 'case-1')).toEqual(key);
    expect(() => unwrapWithReceipt(other.wrapKey, wrapped, 'case-1')).toThrow(DecryptionError);
  });
});
