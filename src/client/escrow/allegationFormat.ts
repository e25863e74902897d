/**
 * What a reporter's client seals in each escrow entry, and how a counsellor reads it back: the
 * account of what happened, a list of the evidence files (name, type, size, SHA-256), and the
 * key of the evidence blob. The evidence itself is sealed once per allegation (not once per
 * identifier) under that random key, padded like an allegation so its size says little.
 * Pure and browser-safe; the counsellor's side (usecases/escrow/openEscrowMatch.ts) uses the
 * same module, so the two cannot drift apart.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { newKey, open, seal } from '../../core/crypto/aead.ts';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import { padAllegation, unpadAllegation } from '../../core/escrow/padding.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

export const allegationLimits = {
  accountCharacters: 20_000,
  evidenceFiles: 5,
  evidenceBytes: 3 * 1024 * 1024,
  fileNameCharacters: 200,
} as const;

export type EvidenceFile = { name: string; type: string; bytes: Uint8Array };
export type EvidenceSummary = { name: string; type: string; size: number; sha256: string };
export type AllegationContent = { account: string; evidence: EvidenceSummary[]; evidenceKey: Uint8Array | undefined };

const evidenceContext = 'escrow/evidence/v1';

export function summarise(file: EvidenceFile): EvidenceSummary {
  return { name: file.name, type: file.type, size: file.bytes.length, sha256: bytesToHex(sha256(file.bytes)) };
}

export function encodeAllegation(content: AllegationContent): Uint8Array {
  const json = { v: 1, account: content.account, evidence: content.evidence, evidenceKey: content.evidenceKey ? encodeBase64Url(content.evidenceKey) : null };
  return new TextEncoder().encode(JSON.stringify(json));
}

/** The sealed content, or undefined when it is not in this format (a reporter's client sealed something else). */
export function decodeAllegation(bytes: Uint8Array): AllegationContent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const value = json as { v?: unknown; account?: unknown; evidence?: unknown; evidenceKey?: unknown };
  if (value?.v !== 1 || typeof value.account !== 'string' || !Array.isArray(value.evidence)) return undefined;
  const evidence = value.evidence.filter(isSummary);
  const evidenceKey = value.evidenceKey === null ? undefined : decodeBase64Url(value.evidenceKey);
  if (evidence.length !== value.evidence.length || (value.evidenceKey !== null && evidenceKey?.length !== 32)) return undefined;
  return { account: value.account, evidence, evidenceKey };
}

function isSummary(value: unknown): value is EvidenceSummary {
  const item = value as Partial<EvidenceSummary> | null;
  return typeof item?.name === 'string' && typeof item.type === 'string' && typeof item.size === 'number' && typeof item.sha256 === 'string';
}

/** Files laid end to end after a 4-byte length and a JSON header of their names, types and sizes. */
export function sealEvidence(files: EvidenceFile[]): { key: Uint8Array; sealed: Uint8Array } {
  const header = new TextEncoder().encode(JSON.stringify(files.map((file) => ({ name: file.name, type: file.type, size: file.bytes.length }))));
  const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
  const blob = new Uint8Array(4 + header.length + total);
  new DataView(blob.buffer).setUint32(0, header.length);
  blob.set(header, 4);
  let offset = 4 + header.length;
  for (const file of files) {
    blob.set(file.bytes, offset);
    offset += file.bytes.length;
  }
  const key = newKey();
  return { key, sealed: seal(key, padAllegation(blob), evidenceContext) };
}

/** Opens the evidence blob; throws DecryptionError or PaddingError when it was altered. */
export function openEvidence(key: Uint8Array, sealed: Uint8Array): EvidenceFile[] {
  const blob = unpadAllegation(open(key, sealed, evidenceContext));
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const headerLength = blob.length >= 4 ? view.getUint32(0) : Number.POSITIVE_INFINITY;
  if (4 + headerLength > blob.length) throw new Error('evidence header out of range');
  const header = JSON.parse(new TextDecoder().decode(blob.subarray(4, 4 + headerLength))) as { name: string; type: string; size: number }[];
  let offset = 4 + headerLength;
  return header.map((item) => {
    const bytes = blob.slice(offset, offset + item.size);
    offset += item.size;
    return { name: String(item.name), type: String(item.type), bytes };
  });
}
