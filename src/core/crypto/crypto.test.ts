import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionError, newKey, open, seal } from './aead.ts';
import { fromCrockford, parseRecoveryKey, toCrockford } from './recoveryKey.ts';
import { newKeyPair, openSealed, sealTo } from './sealedBox.ts';
import { createStaffKeys, unlockWithPassword, unlockWithRecoveryKey, rewrapForPassword } from './staffKeys.ts';

const cheap = { memoryKiB: 1024, passes: 1, parallelism: 1 };

describe('authenticated encryption', () => {
  it('opens what it sealed, for any bytes and context', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string(), (plaintext, context) => {
        const key = newKey();
        expect(open(key, seal(key, plaintext, context), context)).toEqual(plaintext);
      }),
    );
  });

  it('refuses a box with any byte flipped, a wrong key, or a different context', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), (plaintext, position) => {
        const key = newKey();
        const box = seal(key, plaintext, 'case:1');
        const flipped = box.slice();
        const index = position % flipped.length;
        flipped[index] = (flipped[index] ?? 0) ^ 0x01;
        expect(() => open(key, flipped, 'case:1')).toThrow(DecryptionError);
        expect(() => open(newKey(), box, 'case:1')).toThrow(DecryptionError);
        expect(() => open(key, box, 'case:2')).toThrow(DecryptionError);
      }),
    );
  });

  it('refuses truncated boxes without crashing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (junk) => {
        expect(() => open(newKey(), junk, 'x')).toThrow(DecryptionError);
      }),
    );
  });
});

describe('sealing to a public key', () => {
  it('only the recipient opens it', () => {
    const recipient = newKeyPair();
    const other = newKeyPair();
    const sealed = sealTo(recipient.publicKey, new TextEncoder().encode('case key'), 'wrap');
    expect(new TextDecoder().decode(openSealed(recipient, sealed, 'wrap'))).toBe('case key');
    expect(() => openSealed(other, sealed, 'wrap')).toThrow(DecryptionError);
  });
});

describe('recovery keys', () => {
  it('round-trips any 20 bytes through the written form, whatever the case and dashes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const written = toCrockford(bytes).toLowerCase().replace(/(.{4})/g, '$1 - ');
        expect(fromCrockford(written, 20)).toEqual(bytes);
      }),
    );
  });

  it('rejects malformed input instead of guessing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parsed = parseRecoveryKey(text);
        if (parsed) expect(parsed.length).toBe(20);
      }),
    );
    expect(parseRecoveryKey('too short')).toBeUndefined();
    expect(parseRecoveryKey('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU')).toBeUndefined();
  });
});

describe('staff keys', () => {
  it('opens the private key with the password or the recovery key, and with nothing else', async () => {
    const { keys, keyPair, recoveryKey } = await createStaffKeys('a long enough password', cheap);
    expect((await unlockWithPassword(keys, 'a long enough password', cheap)).publicKey).toEqual(keyPair.publicKey);
    await expect(unlockWithPassword(keys, 'a long enough passwore', cheap)).rejects.toThrow(DecryptionError);
    expect(unlockWithRecoveryKey(keys, recoveryKey)?.publicKey).toEqual(keyPair.publicKey);
    expect(unlockWithRecoveryKey(keys, recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
  });

  it('re-wraps under a new password so the old one stops working', async () => {
    const { keys, keyPair } = await createStaffKeys('first password here', cheap);
    const rewrapped = { ...keys, ...(await rewrapForPassword(keyPair, 'second password here', cheap)) };
    await expect(unlockWithPassword(rewrapped, 'first password here', cheap)).rejects.toThrow(DecryptionError);
    expect((await unlockWithPassword(rewrapped, 'second password here', cheap)).privateKey).toEqual(keyPair.privateKey);
  });

  it('never stores the private key in the clear', async () => {
    const { keys, keyPair } = await createStaffKeys('a long enough password', cheap);
    const stored = Buffer.concat([keys.privateKeyByPassword, keys.privateKeyByRecovery, keys.publicKey, keys.passwordSalt]);
    expect(stored.includes(Buffer.from(keyPair.privateKey))).toBe(false);
  });
});
