/**
 * An escrow entry, sealed by the reporter's client and opened by an escrow counsellor.
 *
 * Sealing: the allegation (padded to a power-of-two size so its length says little) is
 * encrypted under a fresh random key; that key is wrapped under a key derived from the intercept
 * a₀; the share (t, x, y) and the wrapped key are sealed to each counsellor's X25519 public key.
 * The server-visible record is { tag, ciphertext, sealedForCounsellors } and nothing else.
 *
 * Opening: a counsellor opens the envelopes addressed to them, interpolates a₀ from t shares
 * with distinct x (one reporter, one x), and unwraps and decrypts each entry. Every step is
 * authenticated, so a damaged envelope, share, key or ciphertext is named, per entry, whenever
 * more than t shares make it possible to tell which one is wrong.
 */
import { DecryptionError, newKey, open, seal } from '../crypto/aead.ts';
import { bytesToHex } from '../crypto/bytes.ts';
import { openSealed, sealTo, type KeyPair } from '../crypto/sealedBox.ts';
import { AppError } from '../errors.ts';
import { deriveMatchSecrets, keyWrappingKey, sharePoint, tagLength } from './derivation.ts';
import { padAllegation, unpadAllegation } from './padding.ts';
import type { ReporterToken } from './reporterToken.ts';
import { bytesToScalar, interpolateAt, interpolateAtZero, scalarToBytes, type SharePoint } from './shamir.ts';
import { maxThreshold, minThreshold, type Threshold } from './threshold.ts';

export type CounsellorRecipient = { counsellorId: string; publicKey: Uint8Array };
export type CounsellorKey = { counsellorId: string; keyPair: KeyPair };
export type SealedShare = { counsellorId: string; envelope: Uint8Array };

/** Everything the server stores for an entry. */
export type EscrowRecord = { tag: Uint8Array; ciphertext: Uint8Array; sealedForCounsellors: SealedShare[] };

export type EntryToSeal = {
  oprfOutput: Uint8Array;
  threshold: Threshold;
  token: ReporterToken;
  allegation: Uint8Array;
  counsellors: CounsellorRecipient[];
};

const shareVersion = 1;
const wrappedKeyLength = 24 + 32 + 16;
const shareLength = 2 + 32 + 32 + wrappedKeyLength;

const contexts = (tag: Uint8Array) => {
  const hex = bytesToHex(tag);
  return { allegation: `escrow/allegation/v1/${hex}`, entryKey: `escrow/entry-key/v1/${hex}`, share: `escrow/share/v1/${hex}` };
};

export function sealEntry(entry: EntryToSeal): EscrowRecord {
  const counsellors = checkedRecipients(entry.counsellors);
  const secrets = deriveMatchSecrets(entry.oprfOutput, entry.threshold);
  const context = contexts(secrets.tag);
  const entryKey = newKey();
  const wrappedKey = seal(keyWrappingKey(secrets.coefficients[0] ?? 0n, secrets.tag), entryKey, context.entryKey);
  const share = encodeShare(entry.threshold, sharePoint(secrets, entry.token), wrappedKey);
  return {
    tag: secrets.tag,
    ciphertext: seal(entryKey, padAllegation(entry.allegation), context.allegation),
    sealedForCounsellors: counsellors.map(({ counsellorId, publicKey }) => ({
      counsellorId,
      envelope: sealToCounsellor(publicKey, share, context.share),
    })),
  };
}

function checkedRecipients(counsellors: CounsellorRecipient[]): CounsellorRecipient[] {
  if (!Array.isArray(counsellors) || counsellors.length === 0) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'the network has no escrow counsellor to seal to' });
  }
  const ids = new Set(counsellors.map((counsellor) => counsellor.counsellorId));
  if (ids.size !== counsellors.length) throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'a counsellor is listed twice' });
  return counsellors;
}

function sealToCounsellor(publicKey: Uint8Array, share: Uint8Array, context: string): Uint8Array {
  try {
    if (publicKey.length !== 32) throw new Error('length');
    return sealTo(publicKey, share, context);
  } catch {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'a counsellor public key is not a valid X25519 key' });
  }
}

function encodeShare(threshold: Threshold, point: SharePoint, wrappedKey: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(shareLength);
  bytes.set([shareVersion, threshold], 0);
  bytes.set(scalarToBytes(point.x), 2);
  bytes.set(scalarToBytes(point.y), 34);
  bytes.set(wrappedKey, 66);
  return bytes;
}

type OpenedShare = { index: number; threshold: number; point: SharePoint; wrappedKey: Uint8Array };

function decodeShare(index: number, bytes: Uint8Array): OpenedShare | undefined {
  if (bytes.length !== shareLength || bytes[0] !== shareVersion) return undefined;
  const threshold = bytes[1] ?? 0;
  const x = bytesToScalar(bytes.subarray(2, 34));
  const y = bytesToScalar(bytes.subarray(34, 66));
  const canonical = scalarToBytes(x).every((byte, i) => byte === bytes[2 + i]) && scalarToBytes(y).every((byte, i) => byte === bytes[34 + i]);
  if (!canonical || x === 0n || threshold < minThreshold || threshold > maxThreshold) return undefined;
  return { index, threshold, point: { x, y }, wrappedKey: bytes.slice(66) };
}

// ---- opening --------------------------------------------------------------------------------

export type RejectionReason =
  | 'not_sealed_for_counsellor'
  | 'envelope_damaged'
  | 'share_malformed'
  | 'threshold_differs'
  | 'share_off_line'
  | 'key_damaged'
  | 'allegation_damaged';

export type EntryRejection = { index: number; reason: RejectionReason };

export type MatchOpening =
  | {
      status: 'opened';
      /** Distinct reporters (distinct x) whose shares lie on the recovered line. */
      reporters: number;
      allegations: { index: number; allegation: Uint8Array }[];
      rejected: EntryRejection[];
    }
  | { status: 'too_few_reporters'; reporters: number; rejected: EntryRejection[] }
  /** Exactly t usable shares that do not agree: one is bad, and there is no spare to tell which. */
  | { status: 'shares_inconsistent'; rejected: EntryRejection[] };

/** Bounds the search for t consistent shares among n (C(n, t) subsets at worst). */
const maxSubsetsTried = 20_000;

/**
 * Opens the entries of one tag for one counsellor. `threshold` is the network's t for these
 * entries; a share claiming any other t is refused, so no entry can lower the bar for itself.
 */
export function openMatch(records: EscrowRecord[], counsellor: CounsellorKey, threshold: Threshold): MatchOpening {
  const tag = commonTag(records);
  const context = contexts(tag);
  const rejected: EntryRejection[] = [];
  const shares: OpenedShare[] = [];
  records.forEach((record, index) => {
    const outcome = openShare(record, index, counsellor, context.share);
    if ('reason' in outcome) rejected.push(outcome);
    else if (outcome.threshold !== threshold) rejected.push({ index, reason: 'threshold_differs' });
    else shares.push(outcome);
  });
  const reporters = new Set(shares.map((share) => share.point.x)).size;
  if (reporters < threshold) return { status: 'too_few_reporters', reporters, rejected: sorted(rejected) };
  const line = findConsistentShares(shares, threshold, tag, context.entryKey);
  if (!line) return { status: 'shares_inconsistent', rejected: sorted(rejected) };
  return { status: 'opened', ...openOnLine(records, shares, line, rejected, tag) };
}

function commonTag(records: EscrowRecord[]): Uint8Array {
  const first = records[0]?.tag;
  if (!first || first.length !== tagLength) throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'no entries, or a malformed tag' });
  const hex = bytesToHex(first);
  if (records.some((record) => !(record.tag instanceof Uint8Array) || bytesToHex(record.tag) !== hex)) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'the entries do not share one tag' });
  }
  return first;
}

function openShare(record: EscrowRecord, index: number, counsellor: CounsellorKey, context: string): OpenedShare | EntryRejection {
  const addressed = record.sealedForCounsellors.find((sealed) => sealed.counsellorId === counsellor.counsellorId);
  if (!addressed) return { index, reason: 'not_sealed_for_counsellor' };
  let bytes: Uint8Array;
  try {
    bytes = openSealed(counsellor.keyPair, addressed.envelope, context);
  } catch (error) {
    if (error instanceof DecryptionError) return { index, reason: 'envelope_damaged' };
    throw error;
  }
  return decodeShare(index, bytes) ?? { index, reason: 'share_malformed' };
}

/**
 * Tries sets of t shares with distinct x until the intercept they give unwraps some entry's key
 * (authenticated, so a wrong intercept cannot pass). Returns those t points, or undefined.
 */
function findConsistentShares(shares: OpenedShare[], threshold: number, tag: Uint8Array, context: string): SharePoint[] | undefined {
  const points = distinctPoints(shares);
  let tried = 0;
  for (const subset of combinations(points, threshold)) {
    if (new Set(subset.map((point) => point.x)).size !== threshold) continue;
    tried += 1;
    if (tried > maxSubsetsTried) return undefined;
    const wrappingKey = keyWrappingKey(interpolateAtZero(subset), tag);
    if (shares.some((share) => unwrap(wrappingKey, share.wrappedKey, context))) return subset;
  }
  return undefined;
}

function openOnLine(
  records: EscrowRecord[],
  shares: OpenedShare[],
  line: SharePoint[],
  rejected: EntryRejection[],
  tag: Uint8Array,
): Omit<Extract<MatchOpening, { status: 'opened' }>, 'status'> {
  const context = contexts(tag);
  const wrappingKey = keyWrappingKey(interpolateAtZero(line), tag);
  const allegations: { index: number; allegation: Uint8Array }[] = [];
  const onLine = new Set<bigint>();
  for (const share of shares) {
    if (interpolateAt(line, share.point.x) !== share.point.y) {
      rejected.push({ index: share.index, reason: 'share_off_line' });
      continue;
    }
    onLine.add(share.point.x);
    const entryKey = unwrap(wrappingKey, share.wrappedKey, context.entryKey);
    if (!entryKey) {
      rejected.push({ index: share.index, reason: 'key_damaged' });
      continue;
    }
    const allegation = decryptAllegation(entryKey, records[share.index]?.ciphertext, context.allegation);
    if (allegation) allegations.push({ index: share.index, allegation });
    else rejected.push({ index: share.index, reason: 'allegation_damaged' });
  }
  return { reporters: onLine.size, allegations: allegations.sort((a, b) => a.index - b.index), rejected: sorted(rejected) };
}

function unwrap(wrappingKey: Uint8Array, wrappedKey: Uint8Array, context: string): Uint8Array | undefined {
  try {
    return open(wrappingKey, wrappedKey, context);
  } catch {
    return undefined;
  }
}

function decryptAllegation(entryKey: Uint8Array, ciphertext: Uint8Array | undefined, context: string): Uint8Array | undefined {
  if (!(ciphertext instanceof Uint8Array)) return undefined;
  try {
    return unpadAllegation(open(entryKey, ciphertext, context));
  } catch {
    return undefined;
  }
}

function distinctPoints(shares: OpenedShare[]): SharePoint[] {
  const byKey = new Map<string, SharePoint>();
  for (const { point } of shares) byKey.set(`${point.x}:${point.y}`, point);
  return [...byKey.values()];
}

function* combinations<T>(items: readonly T[], size: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === size) {
    yield chosen.slice();
    return;
  }
  for (let index = start; index <= items.length - (size - chosen.length); index += 1) {
    chosen.push(items[index] as T);
    yield* combinations(items, size, index + 1, chosen);
    chosen.pop();
  }
}

function sorted(rejected: EntryRejection[]): EntryRejection[] {
  return [...rejected].sort((a, b) => a.index - b.index);
}
