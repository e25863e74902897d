/**
 * Evidence files from upload to storage, shared by the report form, the reporter's "add
 * information" form and the handler's case page. `prepareEvidence` decides each file's type
 * from its bytes, refuses what is not allowed, records the SHA-256 of what was received and
 * re-encodes images (auto-rotated, then encoded afresh without metadata — never
 * `withMetadata`). `sealEvidence` encrypts files and metadata with the case key; `recordEvidence`
 * inserts the rows inside the caller's transaction, and `withEvidenceFiles` writes the sealed
 * files before that transaction and removes them if it fails.
 */
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { sealAttachment, sealAttachmentMetadata, type AttachmentMetadata, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { classifyEvidence, cleanFileName, looksLikeText, submissionProblem, type EvidenceProblem, type EvidenceType } from '../../core/intake/evidence.ts';
import { removeFiles, writeSealedFiles } from '../../storage/attachmentFiles.ts';
import type { Tx } from '../../storage/database.ts';
import { caseAttachments } from '../../storage/schema/index.ts';

/** One file part as the multipart parser hands it over. */
export type Upload = { name: string; content: Uint8Array; truncated: boolean };

export type PreparedFile = { id: string; bytes: Uint8Array; metadata: AttachmentMetadata };

export type PreparedEvidence = { ok: true; files: PreparedFile[] } | { ok: false; problem: EvidenceProblem };

/** Decompression bombs: a small file that claims a huge picture is refused before decoding. */
const MAX_INPUT_PIXELS = 100_000_000;

async function detect(bytes: Uint8Array): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.ext;
  return looksLikeText(bytes) ? 'txt' : undefined;
}

/** Re-encodes in the same format; the decoder sees pixels only, so no metadata can be carried over. */
async function cleanImage(bytes: Uint8Array, kind: EvidenceType): Promise<Uint8Array> {
  const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const encoded =
    kind.type === 'image/png' ? pipeline.png() : kind.type === 'image/webp' ? pipeline.webp({ quality: 90 }) : kind.type === 'image/avif' ? pipeline.avif({ quality: 70 }) : pipeline.jpeg({ quality: 90 });
  return new Uint8Array(await encoded.toBuffer());
}

async function prepareOne(upload: Upload): Promise<PreparedFile | EvidenceProblem> {
  const name = cleanFileName(upload.name);
  const detected = upload.truncated || upload.content.length === 0 ? undefined : await detect(upload.content);
  const classified = classifyEvidence({ name, size: upload.content.length, truncated: upload.truncated, detected });
  if (!classified.ok) return classified.problem;
  const { kind } = classified;
  let bytes = upload.content;
  if (kind.handling === 'clean') {
    try {
      bytes = await cleanImage(upload.content, kind);
    } catch {
      return { code: 'fileUnreadable', name };
    }
  }
  return {
    id: crypto.randomUUID(),
    bytes,
    metadata: { name, type: kind.type, receivedSize: upload.content.length, receivedSha256: sha256Hex(upload.content), cleaned: kind.handling === 'clean' },
  };
}

/** All files or none: the first problem refuses the whole submission. */
export async function prepareEvidence(uploads: readonly Upload[], storedBytes: number): Promise<PreparedEvidence> {
  const chosen = uploads.filter((upload) => upload.name !== '' || upload.content.length > 0);
  const countProblem = submissionProblem(chosen.length, 0, 0);
  if (countProblem) return { ok: false, problem: countProblem };
  const files: PreparedFile[] = [];
  for (const upload of chosen) {
    const prepared = await prepareOne(upload);
    if ('code' in prepared) return { ok: false, problem: prepared };
    files.push(prepared);
  }
  const sizeProblem = submissionProblem(files.length, files.reduce((total, file) => total + file.bytes.length, 0), storedBytes);
  if (sizeProblem) return { ok: false, problem: sizeProblem };
  return { ok: true, files };
}

export type SealedFile = { id: string; storageName: string; sealed: Uint8Array; sealedMetadata: Uint8Array; size: number };

export function sealEvidence(caseKey: CaseKey, caseId: string, files: readonly PreparedFile[]): SealedFile[] {
  return files.map((file) => ({
    id: file.id,
    storageName: file.id,
    sealed: sealAttachment(caseKey, caseId, file.id, file.bytes),
    sealedMetadata: sealAttachmentMetadata(caseKey, caseId, file.id, file.metadata),
    size: file.bytes.length,
  }));
}

export async function recordEvidence(tx: Tx, input: { caseId: string; files: readonly SealedFile[]; messageId: string | null; now: Date }): Promise<void> {
  if (input.files.length === 0) return;
  await tx.insert(caseAttachments).values(
    input.files.map((file) => ({
      id: file.id,
      caseId: input.caseId,
      messageId: input.messageId,
      storageName: file.storageName,
      sealedMetadata: file.sealedMetadata,
      sizeBytes: file.size,
      createdAt: input.now,
    })),
  );
}

/** Writes the sealed files, runs `work` (the recording transaction), and removes the files if it fails. */
export async function withEvidenceFiles<T>(folder: string, files: readonly SealedFile[], work: () => Promise<T>): Promise<T> {
  if (files.length === 0) return work();
  await writeSealedFiles(folder, files);
  try {
    return await work();
  } catch (error) {
    await removeFiles(
      folder,
      files.map((file) => file.storageName),
    );
    throw error;
  }
}
