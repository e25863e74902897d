/**
 * Sealing to a public key (X25519): how a case key is wrapped for a staff member. An ephemeral
 * key pair is drawn per box; HKDF-SHA256 over the shared secret and both public keys gives the
 * AEAD key. Only the holder of the recipient's private key can open it; the sender keeps nothing.
 * Layout: ephemeral public key (32) ‖ AEAD box.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { open, seal, DecryptionError } from './aead.ts';
import { concatBytes, utf8ToBytes } from './bytes.ts';

export type KeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };

export function newKeyPair(): KeyPair {
  const privateKey = x25519.utils.randomSecretKey();
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) };
}

function boxKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concatBytes(ephemeralPublic, recipientPublic), utf8ToBytes('redress/sealed-box/v1'), 32);
}

export function sealTo(recipientPublic: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const ephemeral = newKeyPair();
  const shared = x25519.getSharedSecret(ephemeral.privateKey, recipientPublic);
  const box = seal(boxKey(shared, ephemeral.publicKey, recipientPublic), plaintext, context);
  return concatBytes(ephemeral.publicKey, box);
}

export function openSealed(recipient: KeyPair, sealed: Uint8Array, context: string): Uint8Array {
  if (sealed.length < 32) throw new DecryptionError();
  const ephemeralPublic = sealed.subarray(0, 32);
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(recipient.privateKey, ephemeralPublic);
  } catch {
    throw new DecryptionError();
  }
  return open(boxKey(shared, ephemeralPublic, recipient.publicKey), sealed.subarray(32), context);
}

export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(privateKey);
}
