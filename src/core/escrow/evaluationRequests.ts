/**
 * Whether the server answers a reporter's VOPRF evaluation request, decided without I/O: the
 * caller supplies the reporter token's recent evaluations and which of the request's
 * fingerprints were answered before. Each evaluation is one guess at "what is the tag of this
 * identifier", so the count per token and window is what bounds a dictionary attack through the
 * API; a blinded element is uniformly random, so seeing one twice means a replayed request.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '../crypto/bytes.ts';
import { AppError } from '../errors.ts';
import { elementLength } from './oprf.ts';

export type EvaluationPolicy = {
  /** Identifiers one request may carry (one entry names the respondent in a few ways). */
  maxElementsPerRequest: number;
  maxEvaluationsPerWindow: number;
  windowSeconds: number;
};

export const defaultEvaluationPolicy: EvaluationPolicy = {
  maxElementsPerRequest: 8,
  maxEvaluationsPerWindow: 16,
  windowSeconds: 24 * 60 * 60,
};

export type EvaluationHistory = {
  /** When each element evaluated for this token was answered; entries older than the window are ignored. */
  answeredAt: readonly Date[];
  /** The fingerprints of this request that were answered before, for any token. */
  seenFingerprints: ReadonlySet<string>;
};

/** What the server keeps of a blinded element: a hash, enough to recognise a replay. */
export function blindedFingerprint(blinded: Uint8Array): string {
  return bytesToHex(sha256(new Uint8Array([...new TextEncoder().encode('redress/escrow/blinded/v1'), ...blinded])));
}

/** Returns the fingerprints to record with the answer, or throws the reason for refusing. */
export function admitEvaluation(
  blinded: readonly unknown[],
  history: EvaluationHistory,
  now: Date,
  policy: EvaluationPolicy = defaultEvaluationPolicy,
): { fingerprints: string[] } {
  const fingerprints = requestFingerprints(blinded, policy);
  if (fingerprints.some((fingerprint) => history.seenFingerprints.has(fingerprint))) throw new AppError('ESCROW_OPRF_REPLAYED');
  const seconds = secondsUntilAllowed(history.answeredAt, fingerprints.length, now, policy);
  if (seconds > 0) throw new AppError('RATE_LIMITED', { seconds });
  return { fingerprints };
}

/** The checks that need no history: well-formed elements, no element twice. Returns their fingerprints. */
export function requestFingerprints(blinded: readonly unknown[], policy: EvaluationPolicy = defaultEvaluationPolicy): string[] {
  const fingerprints = wellFormedElements(blinded, policy).map(blindedFingerprint);
  if (new Set(fingerprints).size !== fingerprints.length) {
    throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: 'the same blinded element twice' });
  }
  return fingerprints;
}

function wellFormedElements(blinded: readonly unknown[], policy: EvaluationPolicy): Uint8Array[] {
  if (!Array.isArray(blinded) || blinded.length === 0) {
    throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: 'no blinded element' });
  }
  if (blinded.length > policy.maxElementsPerRequest) {
    throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: `more than ${policy.maxElementsPerRequest} elements` });
  }
  return blinded.map((element) => {
    if (!(element instanceof Uint8Array) || element.length !== elementLength) {
      throw new AppError('ESCROW_OPRF_REQUEST_INVALID', { detail: 'a blinded element is not 32 bytes' });
    }
    return element;
  });
}

/** Sliding window: 0 if `count` more fit now, else the seconds until the oldest needed ones age out. */
function secondsUntilAllowed(answeredAt: readonly Date[], count: number, now: Date, policy: EvaluationPolicy): number {
  const windowMs = policy.windowSeconds * 1000;
  const recent = answeredAt
    .map((date) => date.getTime())
    // An answer later than `now` (a parallel request that read the clock after this one) still counts.
    .filter((time) => time > now.getTime() - windowMs)
    .sort((a, b) => a - b);
  const excess = recent.length + count - policy.maxEvaluationsPerWindow;
  if (excess <= 0) return 0;
  const freedAt = recent[excess - 1];
  if (freedAt === undefined) return policy.windowSeconds;
  return Math.max(1, Math.ceil((freedAt + windowMs - now.getTime()) / 1000));
}
