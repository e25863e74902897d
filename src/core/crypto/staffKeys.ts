/**
 * A staff member's X25519 key pair, the key later issues wrap case keys to. The private key is
 * never stored unwrapped: one copy is sealed under a key derived from the password (Argon2id),
 * one under the personal recovery key shown once at enrolment. Opening the password copy is
 * also how a password is checked: one key derivation per sign-in.
 */
import { open, seal } from './aead.ts';
import { randomBytes } from './bytes.ts';
import { deriveKeyFromSecret, deriveSubkey, type Argon2Parameters, defaultArgon2 } from './kdf.ts';
import { newKeyPair, publicKeyOf, type KeyPair } from './sealedBox.ts';
import { formatRecoveryKey, parseRecoveryKey } from './recoveryKey.ts';

export type WrappedStaffKeys = {
  publicKey: Uint8Array;
  passwordSalt: Uint8Array;
  privateKeyByPassword: Uint8Array;
  privateKeyByRecovery: Uint8Array;
};

const PASSWORD_CONTEXT = 'staff-private-key/password';
const RECOVERY_CONTEXT = 'staff-private-key/recovery';

export async function createStaffKeys(
  password: string,
  argon2: Argon2Parameters = defaultArgon2,
): Promise<{ keys: WrappedStaffKeys; keyPair: KeyPair; recoveryKey: string }> {
  const keyPair = newKeyPair();
  const recoverySecret = randomBytes(20);
  const passwordSalt = randomBytes(16);
  const passwordKey = await deriveKeyFromSecret(password, passwordSalt, argon2);
  return {
    keyPair,
    recoveryKey: formatRecoveryKey(recoverySecret),
    keys: {
      publicKey: keyPair.publicKey,
      passwordSalt,
      privateKeyByPassword: seal(passwordKey, keyPair.privateKey, PASSWORD_CONTEXT),
      privateKeyByRecovery: seal(deriveSubkey(recoverySecret, 'recovery-key'), keyPair.privateKey, RECOVERY_CONTEXT),
    },
  };
}

/** Opens the private key with the password; throws DecryptionError when the password is wrong. */
export async function unlockWithPassword(
  keys: Pick<WrappedStaffKeys, 'passwordSalt' | 'privateKeyByPassword'>,
  password: string,
  argon2: Argon2Parameters = defaultArgon2,
): Promise<KeyPair> {
  const passwordKey = await deriveKeyFromSecret(password, keys.passwordSalt, argon2);
  const privateKey = open(passwordKey, keys.privateKeyByPassword, PASSWORD_CONTEXT);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** Opens the private key with the recovery key; returns undefined when it is malformed or wrong. */
export function unlockWithRecoveryKey(
  keys: Pick<WrappedStaffKeys, 'privateKeyByRecovery'>,
  recoveryKey: string,
): KeyPair | undefined {
  const secret = parseRecoveryKey(recoveryKey);
  if (!secret) return undefined;
  try {
    const privateKey = open(deriveSubkey(secret, 'recovery-key'), keys.privateKeyByRecovery, RECOVERY_CONTEXT);
    return { privateKey, publicKey: publicKeyOf(privateKey) };
  } catch {
    return undefined;
  }
}

/** Re-wraps an open private key under a new password (password change or recovery). */
export async function rewrapForPassword(
  keyPair: KeyPair,
  password: string,
  argon2: Argon2Parameters = defaultArgon2,
): Promise<Pick<WrappedStaffKeys, 'passwordSalt' | 'privateKeyByPassword'>> {
  const passwordSalt = randomBytes(16);
  const passwordKey = await deriveKeyFromSecret(password, passwordSalt, argon2);
  return { passwordSalt, privateKeyByPassword: seal(passwordKey, keyPair.privateKey, PASSWORD_CONTEXT) };
}

/** Issues a fresh recovery key for an open private key (the old one stops working). */
export function rewrapForNewRecoveryKey(keyPair: KeyPair): { recoveryKey: string; privateKeyByRecovery: Uint8Array } {
  const recoverySecret = randomBytes(20);
  return {
    recoveryKey: formatRecoveryKey(recoverySecret),
    privateKeyByRecovery: seal(deriveSubkey(recoverySecret, 'recovery-key'), keyPair.privateKey, RECOVERY_CONTEXT),
  };
}
