import fs from 'node:fs';
import fc from 'fast-check';
import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  blindInputs,
  deriveServerKey,
  finalizeOutputs,
  generateServerKey,
  parsePinnedPublicKey,
  parseServerKeyPair,
  type RandomBytes,
} from './oprf.ts';
import { evaluateWithProofScalar, loadOprfEvaluator, readySodium } from './oprfEvaluator.ts';

type VoprfVector = {
  Input: string;
  Blind: string;
  BlindedElement: string;
  EvaluationElement: string;
  Proof: string;
  ProofRandomScalar: string;
  Output: string;
};
type Batch = { [K in keyof VoprfVector]: K extends 'Proof' | 'ProofRandomScalar' ? string : string[] };
type Vectors = {
  seed: string;
  keyInfo: string;
  oprf: { skSm: string; vectors: Omit<VoprfVector, 'Proof' | 'ProofRandomScalar'>[] };
  voprf: { skSm: string; pkSm: string; vectors: VoprfVector[]; batch2: Batch };
};

const vectors = JSON.parse(
  fs.readFileSync(new URL('./testdata/rfc9497-ristretto255-sha512.json', import.meta.url), 'utf8'),
) as Vectors;

/** Makes noble's random scalar equal `scalar`: it maps bytes b to (b mod (ℓ−1)) + 1. */
function fixedScalar(scalarHex: string): RandomBytes {
  return (length = 48) => numberToBytesLE(bytesToNumberLE(hexToBytes(scalarHex)) - 1n, length);
}

const hex = bytesToHex;
let sodium: Awaited<ReturnType<typeof readySodium>>;
beforeAll(async () => {
  sodium = await readySodium();
});

describe('RFC 9497 test vectors, ristretto255-SHA512', () => {
  const seed = hexToBytes(vectors.seed);
  const info = hexToBytes(vectors.keyInfo);

  it('derives the VOPRF server key pair from the seed and key info', () => {
    const key = deriveServerKey(seed, info);
    expect(hex(key.secretKey)).toBe(vectors.voprf.skSm);
    expect(hex(key.publicKey)).toBe(vectors.voprf.pkSm);
  });

  it('matches the base-mode (OPRF) vectors through the library', () => {
    const { oprf } = ristretto255_oprf;
    const key = oprf.deriveKeyPair(seed, info);
    expect(hex(key.secretKey)).toBe(vectors.oprf.skSm);
    for (const vector of vectors.oprf.vectors) {
      const input = hexToBytes(vector.Input);
      const { blind, blinded } = oprf.blind(input, fixedScalar(vector.Blind));
      expect(hex(blind)).toBe(vector.Blind);
      expect(hex(blinded)).toBe(vector.BlindedElement);
      const evaluated = oprf.blindEvaluate(key.secretKey, blinded);
      expect(hex(evaluated)).toBe(vector.EvaluationElement);
      expect(hex(oprf.finalize(input, blind, evaluated))).toBe(vector.Output);
    }
  });

  describe.each(vectors.voprf.vectors.map((vector, index) => [index + 1, vector] as const))('VOPRF vector %i', (_, vector) => {
    const key = parseServerKeyPair(hexToBytes(vectors.voprf.skSm), hexToBytes(vectors.voprf.pkSm));
    const input = hexToBytes(vector.Input);

    it('blinds to the published blinded element', () => {
      const [request] = blindInputs([input], fixedScalar(vector.Blind));
      expect(hex(request?.blind ?? new Uint8Array())).toBe(vector.Blind);
      expect(hex(request?.blinded ?? new Uint8Array())).toBe(vector.BlindedElement);
    });

    it('evaluates with libsodium to the published element and proof, as the library does', () => {
      const blinded = hexToBytes(vector.BlindedElement);
      const ours = evaluateWithProofScalar(sodium, key.secretKey, key.publicKey, [blinded], hexToBytes(vector.ProofRandomScalar));
      expect(ours.evaluated.map(hex)).toEqual([vector.EvaluationElement]);
      expect(hex(ours.proof)).toBe(vector.Proof);
      const library = ristretto255_oprf.voprf.blindEvaluate(key.secretKey, key.publicKey, blinded, fixedScalar(vector.ProofRandomScalar));
      expect(hex(library.evaluated)).toBe(vector.EvaluationElement);
      expect(hex(library.proof)).toBe(vector.Proof);
    });

    it('verifies the proof and finalizes to the published output', () => {
      const request = { input, blind: hexToBytes(vector.Blind), blinded: hexToBytes(vector.BlindedElement) };
      const evaluation = { evaluated: [hexToBytes(vector.EvaluationElement)], proof: hexToBytes(vector.Proof) };
      expect(finalizeOutputs([request], evaluation, key.publicKey).map(hex)).toEqual([vector.Output]);
    });
  });

  it('matches the batch vector: two inputs, one proof', () => {
    const batch = vectors.voprf.batch2;
    const key = parseServerKeyPair(hexToBytes(vectors.voprf.skSm), hexToBytes(vectors.voprf.pkSm));
    const requests = batch.Input.map((input, index) => {
      const [request] = blindInputs([hexToBytes(input)], fixedScalar(batch.Blind[index] ?? ''));
      if (!request) throw new Error('no request');
      return request;
    });
    expect(requests.map((request) => hex(request.blinded))).toEqual(batch.BlindedElement);
    const evaluation = evaluateWithProofScalar(
      sodium,
      key.secretKey,
      key.publicKey,
      requests.map((request) => request.blinded),
      hexToBytes(batch.ProofRandomScalar),
    );
    expect(evaluation.evaluated.map(hex)).toEqual(batch.EvaluationElement);
    expect(hex(evaluation.proof)).toBe(batch.Proof);
    expect(finalizeOutputs(requests, evaluation, key.publicKey).map(hex)).toEqual(batch.Output);
  });
});

describe('a VOPRF round between a reporter and the server', { timeout: 20_000 }, () => {
  it('gives the same output for the same input, whatever the blinding and batch', async () => {
    const key = generateServerKey();
    const evaluator = await loadOprfEvaluator(key.secretKey, key.publicKey);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.uint8Array({ minLength: 1, maxLength: 64 }), async (a, b) => {
        const first = blindInputs([a, b]);
        const second = blindInputs([b]);
        const [outA, outB] = finalizeOutputs(first, evaluator.evaluate(first.map((r) => r.blinded)), key.publicKey);
        const [outB2] = finalizeOutputs(second, evaluator.evaluate(second.map((r) => r.blinded)), key.publicKey);
        expect(outB2).toEqual(outB);
        expect(outA?.length).toBe(64);
        if (hex(a) !== hex(b)) expect(outA).not.toEqual(outB);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses an answer made with another server key than the pinned one', async () => {
    const pinned = generateServerKey();
    const rogue = generateServerKey();
    const evaluator = await loadOprfEvaluator(rogue.secretKey, rogue.publicKey);
    const requests = blindInputs([new TextEncoder().encode('someone')]);
    const evaluation = evaluator.evaluate(requests.map((r) => r.blinded));
    expect(() => finalizeOutputs(requests, evaluation, pinned.publicKey)).toThrowError(
      expect.objectContaining({ code: 'ESCROW_PROOF_INVALID' }),
    );
  });

  it('refuses an answer with any byte of an element or of the proof changed', async () => {
    const key = generateServerKey();
    const evaluator = await loadOprfEvaluator(key.secretKey, key.publicKey);
    const requests = blindInputs([new TextEncoder().encode('someone'), new TextEncoder().encode('else')]);
    const evaluation = evaluator.evaluate(requests.map((r) => r.blinded));
    fc.assert(
      fc.property(fc.nat({ max: 2 * 32 + 64 - 1 }), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const evaluated = evaluation.evaluated.map((element) => element.slice());
        const proof = evaluation.proof.slice();
        const target = position < 64 ? evaluated[Math.floor(position / 32)] : proof;
        const index = position < 64 ? position % 32 : position - 64;
        if (target) target[index] = (target[index] ?? 0) ^ mask;
        expect(() => finalizeOutputs(requests, { evaluated, proof }, key.publicKey)).toThrowError(
          expect.objectContaining({ code: 'ESCROW_PROOF_INVALID' }),
        );
      }),
      { numRuns: 30 },
    );
    expect(() => finalizeOutputs(requests, { evaluated: evaluation.evaluated.slice(0, 1), proof: evaluation.proof }, key.publicKey)).toThrow(
      AppError,
    );
  });

  it('checks a batch without evaluating it, refusing exactly what the evaluation refuses', async () => {
    const key = generateServerKey();
    const evaluator = await loadOprfEvaluator(key.secretKey, key.publicKey);
    const [valid] = blindInputs([new TextEncoder().encode('someone')]).map((r) => r.blinded);
    if (!valid) throw new Error('no request');
    const refused = [[], [new Uint8Array(31)], [valid, new Uint8Array(32)], [new Uint8Array(32).fill(0xff)], [valid, valid.slice(0, 31)]];
    for (const batch of refused) {
      expect(() => evaluator.check(batch)).toThrowError(expect.objectContaining({ code: 'ESCROW_OPRF_REQUEST_INVALID' }));
      expect(() => evaluator.evaluate(batch)).toThrowError(expect.objectContaining({ code: 'ESCROW_OPRF_REQUEST_INVALID' }));
    }
    expect(() => evaluator.check([valid, valid])).not.toThrow();
    expect(evaluator.evaluate([valid]).evaluated).toHaveLength(1);
  });

  it('refuses to load a secret key that does not belong to the pinned public key', async () => {
    const a = generateServerKey();
    const b = generateServerKey();
    await expect(loadOprfEvaluator(a.secretKey, b.publicKey)).rejects.toMatchObject({ code: 'ESCROW_SERVER_KEY_INVALID' });
    await expect(loadOprfEvaluator(new Uint8Array(32), a.publicKey)).rejects.toMatchObject({ code: 'ESCROW_SERVER_KEY_INVALID' });
    await expect(loadOprfEvaluator(new Uint8Array(32).fill(0xff), a.publicKey)).rejects.toMatchObject({ code: 'ESCROW_SERVER_KEY_INVALID' });
  });

  it('refuses a malformed or identity public key', () => {
    for (const bytes of [new Uint8Array(31), new Uint8Array(32), new Uint8Array(32).fill(0xff)]) {
      expect(() => parsePinnedPublicKey(bytes)).toThrowError(expect.objectContaining({ code: 'ESCROW_SERVER_KEY_INVALID' }));
    }
  });

  it('refuses blinded elements that are malformed or the identity, with a request error', async () => {
    const key = generateServerKey();
    const evaluator = await loadOprfEvaluator(key.secretKey, key.publicKey);
    for (const blinded of [[], [new Uint8Array(32)], [new Uint8Array(32).fill(0xff)], [new Uint8Array(5)]]) {
      expect(() => evaluator.evaluate(blinded)).toThrowError(expect.objectContaining({ code: 'ESCROW_OPRF_REQUEST_INVALID' }));
    }
  });
});
