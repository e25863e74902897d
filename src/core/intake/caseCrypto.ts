/**
 * The encryption of a case. Each case has its own random 256-bit data key; the answers, the
 * reporter's identity (sealed apart, so redacted views can leave it out), every message and
 * every attachment are sealed with it (XChaCha20-Poly1305), each box bound to its case and
 * purpose so it cannot be moved. The case key itself is stored only wrapped: sealed to each
 * recipient staff member's X25519 public key, and under a key derived from the receipt.
 *
 * The receipt is never stored. One Argon2id run (per-deployment salt) turns it into a secret
 * from which HKDF derives two independent values: the lookup value (hashed once more, indexed,
 * unique) that finds the case, and the key that unwraps the case key for the reporter.
 */
import { open, seal, newKey } from '../crypto/aead.ts';
import { utf8ToBytes } from '../crypto/bytes.ts';
import { deriveKeyFromSecret, deriveSubkey, sha256Hex, type Argon2Parameters } from '../crypto/kdf.ts';
import { openSealed, sealTo, type KeyPair } from '../crypto/sealedBox.ts';
import type { Answers } from './answers.ts';
import type { ReporterIdentity } from './reportForm.ts';
import type { Receipt } from './receipt.ts';

export type CaseKey = Uint8Array;

export const newCaseKey: () => CaseKey = newKey;

export type ReceiptKeys = { lookup: string; wrapKey: Uint8Array };

export async function receiptKeys(receipt: Receipt, salt: Uint8Array, argon2: Argon2Parameters): Promise<ReceiptKeys> {
  const secret = await deriveKeyFromSecret(`redress-receipt:${receipt}`, salt, argon2);
  return { lookup: sha256Hex(deriveSubkey(secret, 'receipt-lookup')), wrapKey: deriveSubkey(secret, 'receipt-wrap') };
}

const contexts = {
  answers: (caseId: string) => `case:${caseId}:answers`,
  identity: (caseId: string) => `case:${caseId}:identity`,
  message: (caseId: string, messageId: string) => `case:${caseId}:message:${messageId}`,
  attachment: (caseId: string, attachmentId: string) => `case:${caseId}:attachment:${attachmentId}`,
  attachmentMetadata: (caseId: string, attachmentId: string) => `case:${caseId}:attachment:${attachmentId}:metadata`,
  forStaff: (caseId: string, staffId: string) => `case-key:${caseId}:staff:${staffId}`,
  forReceipt: (caseId: string) => `case-key:${caseId}:receipt`,
  forReporterSession: (caseId: string, sessionId: string) => `case-key:${caseId}:reporter-session:${sessionId}`,
  document: (caseId: string, documentId: string) => `case:${caseId}:document:${documentId}`,
  respondentKey: (caseId: string) => `respondent-key:${caseId}`,
};

/** Boxes grow in steps of 256 bytes, so a stored box tells little about how much was written. */
export const PADDING_STEP = 256;

function sealJson(key: CaseKey, value: unknown, context: string): Uint8Array {
  const json = utf8ToBytes(JSON.stringify(value));
  // JSON ignores trailing spaces, so padding needs no framing to remove.
  const padded = new Uint8Array(Math.ceil((json.length + 1) / PADDING_STEP) * PADDING_STEP).fill(0x20);
  padded.set(json);
  return seal(key, padded, context);
}

function openJson(key: CaseKey, box: Uint8Array, context: string): unknown {
  return JSON.parse(new TextDecoder().decode(open(key, box, context))) as unknown;
}

export type SealedAnswers = { version: 1; answers: Answers };

export function sealAnswers(key: CaseKey, caseId: string, answers: Answers): Uint8Array {
  return sealJson(key, { version: 1, answers } satisfies SealedAnswers, contexts.answers(caseId));
}

export function openAnswers(key: CaseKey, caseId: string, box: Uint8Array): Answers {
  return (openJson(key, box, contexts.answers(caseId)) as SealedAnswers).answers;
}

export function sealIdentity(key: CaseKey, caseId: string, identity: ReporterIdentity): Uint8Array {
  return sealJson(key, identity, contexts.identity(caseId));
}

export function openIdentity(key: CaseKey, caseId: string, box: Uint8Array): ReporterIdentity {
  const value = openJson(key, box, contexts.identity(caseId)) as Partial<ReporterIdentity>;
  return { name: typeof value.name === 'string' ? value.name : '', contact: typeof value.contact === 'string' ? value.contact : '' };
}

export function sealMessage(key: CaseKey, caseId: string, messageId: string, text: string): Uint8Array {
  return sealJson(key, { text }, contexts.message(caseId, messageId));
}

export function openMessage(key: CaseKey, caseId: string, messageId: string, box: Uint8Array): string {
  const value = openJson(key, box, contexts.message(caseId, messageId)) as { text?: unknown };
  return typeof value.text === 'string' ? value.text : '';
}

/**
 * What a handler needs to know about an evidence file, sealed with the case key: the name the
 * reporter gave it, its type (decided from the bytes), the SHA-256 and size of the file as it
 * was received (chain of custody), and whether it was re-encoded to remove its metadata.
 */
export type AttachmentMetadata = { name: string; type: string; receivedSize: number; receivedSha256: string; cleaned: boolean };

export function sealAttachmentMetadata(key: CaseKey, caseId: string, attachmentId: string, metadata: AttachmentMetadata): Uint8Array {
  return sealJson(key, metadata, contexts.attachmentMetadata(caseId, attachmentId));
}

export function openAttachmentMetadata(key: CaseKey, caseId: string, attachmentId: string, box: Uint8Array): AttachmentMetadata {
  const value = openJson(key, box, contexts.attachmentMetadata(caseId, attachmentId)) as Partial<AttachmentMetadata>;
  return {
    name: typeof value.name === 'string' ? value.name : 'file',
    type: typeof value.type === 'string' ? value.type : 'application/octet-stream',
    receivedSize: typeof value.receivedSize === 'number' ? value.receivedSize : 0,
    receivedSha256: typeof value.receivedSha256 === 'string' ? value.receivedSha256 : '',
    cleaned: value.cleaned === true,
  };
}

/** The file itself; the box is bound to its case and attachment id, so it cannot be swapped. */
export function sealAttachment(key: CaseKey, caseId: string, attachmentId: string, bytes: Uint8Array): Uint8Array {
  return seal(key, bytes, contexts.attachment(caseId, attachmentId));
}

export function openAttachment(key: CaseKey, caseId: string, attachmentId: string, box: Uint8Array): Uint8Array {
  return open(key, box, contexts.attachment(caseId, attachmentId));
}

export function wrapForStaff(publicKey: Uint8Array, key: CaseKey, caseId: string, staffId: string): Uint8Array {
  return sealTo(publicKey, key, contexts.forStaff(caseId, staffId));
}

export function unwrapForStaff(keyPair: KeyPair, wrapped: Uint8Array, caseId: string, staffId: string): CaseKey {
  return openSealed(keyPair, wrapped, contexts.forStaff(caseId, staffId));
}

export function wrapForReceipt(wrapKey: Uint8Array, key: CaseKey, caseId: string): Uint8Array {
  return seal(wrapKey, key, contexts.forReceipt(caseId));
}

export function unwrapWithReceipt(wrapKey: Uint8Array, wrapped: Uint8Array, caseId: string): CaseKey {
  return open(wrapKey, wrapped, contexts.forReceipt(caseId));
}

/** A reporter's follow-up session holds the case key sealed under a key only its cookie token derives. */
export function wrapForReporterSession(sessionKey: Uint8Array, key: CaseKey, caseId: string, sessionId: string): Uint8Array {
  return seal(sessionKey, key, contexts.forReporterSession(caseId, sessionId));
}

export function unwrapForReporterSession(sessionKey: Uint8Array, wrapped: Uint8Array, caseId: string, sessionId: string): CaseKey {
  return open(sessionKey, wrapped, contexts.forReporterSession(caseId, sessionId));
}

/**
 * A case document (a note, notice, statement, report, decision, letter, reason…): text and, for
 * structured documents such as a redacted version, a JSON value. Sealed with the case key, or
 * with the respondent key when the respondent may read it; bound to its case and id.
 */
export type CaseDocumentBody = { text: string; data?: unknown };

export function sealDocument(key: Uint8Array, caseId: string, documentId: string, body: CaseDocumentBody): Uint8Array {
  return sealJson(key, body, contexts.document(caseId, documentId));
}

export function openDocument(key: Uint8Array, caseId: string, documentId: string, box: Uint8Array): CaseDocumentBody {
  const value = openJson(key, box, contexts.document(caseId, documentId)) as { text?: unknown; data?: unknown };
  return { text: typeof value.text === 'string' ? value.text : '', ...(value.data === undefined ? {} : { data: value.data }) };
}

/**
 * The respondent's own key: what the respondent (and their adviser) may read is sealed with it,
 * and staff reach it through the case key. The respondent never holds the case key, so nothing
 * written on the reporter's side can reach them, whatever a page forgets to filter.
 */
export const newRespondentKey: () => Uint8Array = newKey;

export function sealRespondentKey(caseKey: CaseKey, caseId: string, respondentKey: Uint8Array): Uint8Array {
  return seal(caseKey, respondentKey, contexts.respondentKey(caseId));
}

export function openRespondentKey(caseKey: CaseKey, caseId: string, box: Uint8Array): Uint8Array {
  return open(caseKey, box, contexts.respondentKey(caseId));
}
