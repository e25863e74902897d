/**
 * From one VOPRF output (64 bytes, the same for every reporter who names the same normalised
 * identifier) to everything an escrow entry needs, by HKDF-SHA512 with distinct labels:
 *   - the match tag (32 bytes), the only value the server sees;
 *   - the intercept a₀ and the coefficients a₁…a₍t−1₎ of the polynomial f, in the ristretto255
 *     scalar field (shamir.ts); a₀ is the secret that wraps each entry's key;
 * and, per reporter, the share point x = H(reporter token, tag) (never 0), y = f(x).
 * The coefficients do not depend on t (a₁ is the same for t = 2 and t = 3), so the entries of one
 * threshold only ever combine with entries of the same threshold: t travels inside each share.
 */
import { hkdf, expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors.ts';
import { outputLength } from './oprf.ts';
import type { ReporterToken } from './reporterToken.ts';
import { bytesToScalar, evaluatePolynomial, fieldOrder, scalarToBytes, type SharePoint } from './shamir.ts';
import type { Threshold } from './threshold.ts';

export const tagLength = 32;
const wideScalarLength = 64;
const salt = new TextEncoder().encode('redress/escrow/v1');

export type MatchSecrets = {
  tag: Uint8Array;
  threshold: Threshold;
  /** [a₀, a₁, …, a₍t−1₎]: a₀ is the intercept. */
  coefficients: bigint[];
};

function info(label: string, index?: number): Uint8Array {
  const text = new TextEncoder().encode(`redress/escrow/${label}`);
  return index === undefined ? text : new Uint8Array([...text, index >> 8, index & 0xff]);
}

export function deriveMatchSecrets(oprfOutput: Uint8Array, threshold: Threshold): MatchSecrets {
  if (oprfOutput.length !== outputLength) throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'the OPRF output must be 64 bytes' });
  const key = extract(sha512, oprfOutput, salt);
  const tag = expand(sha512, key, info('match-tag'), tagLength);
  const intercept = bytesToScalar(expand(sha512, key, info('line-intercept'), wideScalarLength));
  const coefficients = [intercept];
  for (let index = 1; index < threshold; index += 1) {
    coefficients.push(bytesToScalar(expand(sha512, key, info('line-coefficient', index), wideScalarLength)));
  }
  return { tag, threshold, coefficients };
}

/** x = HMAC-SHA512(token, label ‖ tag) mapped onto 1…ℓ−1: one reporter, one point per respondent. */
export function shareAbscissa(token: ReporterToken, tag: Uint8Array): bigint {
  const digest = hmac(sha512, token, new Uint8Array([...info('share-x'), ...tag]));
  return (bytesToScalar(digest) % (fieldOrder - 1n)) + 1n;
}

export function sharePoint(secrets: MatchSecrets, token: ReporterToken): SharePoint {
  const x = shareAbscissa(token, secrets.tag);
  return { x, y: evaluatePolynomial(secrets.coefficients, x) };
}

/** The key that wraps every entry key on this tag: HKDF-SHA256 of the intercept. */
export function keyWrappingKey(intercept: bigint, tag: Uint8Array): Uint8Array {
  return hkdf(sha256, scalarToBytes(intercept), tag, info('entry-key-wrap'), 32);
}
