/**
 * The reporter's side of the verifiable OPRF (RFC 9497, mode 0x01 VOPRF, suite
 * ristretto255-SHA512) and the server key itself. The reporter blinds each encoded identifier,
 * the server evaluates it (oprfEvaluator.ts), and the reporter accepts the answer only if its
 * DLEQ proof verifies against the public key pinned in the client: a server that answers with
 * another key, or tampers with an element, is refused instead of silently splitting matches.
 * Pure JavaScript (@noble/curves) so the same code runs in the browser.
 */
import { ristretto255, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { AppError } from '../errors.ts';

const voprf = ristretto255_oprf.voprf;

export const elementLength = 32;
export const scalarLength = 32;
export const proofLength = 64;
export const outputLength = 64;
/** RFC 9497 length-prefixes inputs with two bytes. */
const maxInputLength = 0xffff;

declare const pinned: unique symbol;
/** A server public key that decoded to a valid, non-identity ristretto255 element. */
export type PinnedPublicKey = Uint8Array & { readonly [pinned]: true };

export type ServerKeyPair = { secretKey: Uint8Array; publicKey: PinnedPublicKey };

/** One identifier on its way to the server: `blinded` is sent, `blind` never leaves the client. */
export type BlindedInput = { input: Uint8Array; blind: Uint8Array; blinded: Uint8Array };

/** The server's answer: one evaluated element per blinded one, and one batch proof. */
export type Evaluation = { evaluated: Uint8Array[]; proof: Uint8Array };

/** Source of uniform random bytes; tests pass a fixed one to replay the RFC vectors. */
export type RandomBytes = (length?: number) => Uint8Array;

export function generateServerKey(): ServerKeyPair {
  const { secretKey, publicKey } = voprf.generateKeyPair();
  return { secretKey, publicKey: publicKey as PinnedPublicKey };
}

/** RFC 9497 DeriveKeyPair: the same 32-byte seed and info always give the same key. */
export function deriveServerKey(seed: Uint8Array, info: Uint8Array): ServerKeyPair {
  if (seed.length !== 32) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'the seed must be 32 bytes' });
  const { secretKey, publicKey } = voprf.deriveKeyPair(seed, info);
  return { secretKey, publicKey: publicKey as PinnedPublicKey };
}

export function parsePinnedPublicKey(bytes: Uint8Array): PinnedPublicKey {
  if (!(bytes instanceof Uint8Array) || bytes.length !== elementLength) {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'a public key is 32 bytes' });
  }
  let point: InstanceType<typeof ristretto255.Point>;
  try {
    point = ristretto255.Point.fromBytes(bytes);
  } catch {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'not a ristretto255 element' });
  }
  if (point.equals(ristretto255.Point.ZERO)) {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'the identity element is not a key' });
  }
  return Uint8Array.from(bytes) as PinnedPublicKey;
}

/** Checks that a secret scalar is canonical, non-zero, and belongs to the pinned public key. */
export function parseServerKeyPair(secretKey: Uint8Array, publicKey: Uint8Array): ServerKeyPair {
  const pinnedKey = parsePinnedPublicKey(publicKey);
  const { Fn } = ristretto255.Point;
  let scalar: bigint;
  try {
    scalar = secretKey.length === scalarLength ? Fn.fromBytes(secretKey) : 0n;
  } catch {
    scalar = 0n;
  }
  if (scalar === 0n) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'the secret key is not a canonical non-zero scalar' });
  if (!ristretto255.Point.BASE.multiply(scalar).equals(ristretto255.Point.fromBytes(pinnedKey))) {
    throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: 'the secret key does not belong to the pinned public key' });
  }
  return { secretKey: Uint8Array.from(secretKey), publicKey: pinnedKey };
}

export function blindInputs(inputs: Uint8Array[], random?: RandomBytes): BlindedInput[] {
  if (inputs.length === 0) throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: 'nothing to blind' });
  return inputs.map((input) => {
    if (input.length === 0 || input.length > maxInputLength) {
      throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: 'an input is empty or longer than 65535 bytes' });
    }
    const { blind, blinded } = random ? voprf.blind(input, random) : voprf.blind(input);
    return { input: Uint8Array.from(input), blind, blinded };
  });
}

/**
 * Verifies the batch proof against the pinned key and unblinds: one 64-byte PRF output per
 * input. Any mismatch — another key, an altered element, a missing one — is ESCROW_PROOF_INVALID.
 */
export function finalizeOutputs(requests: BlindedInput[], evaluation: Evaluation, publicKey: PinnedPublicKey): Uint8Array[] {
  const { evaluated, proof } = evaluation;
  if (!Array.isArray(evaluated) || evaluated.length !== requests.length || !(proof instanceof Uint8Array)) {
    throw new AppError('ESCROW_PROOF_INVALID');
  }
  if (proof.length !== proofLength || evaluated.some((element) => !(element instanceof Uint8Array) || element.length !== elementLength)) {
    throw new AppError('ESCROW_PROOF_INVALID');
  }
  const items = requests.map((request, index) => ({ ...request, evaluated: evaluated[index] ?? new Uint8Array() }));
  try {
    return voprf.finalizeBatch(items, publicKey, proof);
  } catch {
    throw new AppError('ESCROW_PROOF_INVALID');
  }
}
