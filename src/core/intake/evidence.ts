/**
 * The rules for evidence files, pure: which types are accepted, how each is handled, the size
 * and count limits, and when a file is mislabelled. The type is decided from the bytes (by the
 * caller, with file-type) and never from the browser's claim; the file name's extension must
 * agree with it.
 *
 * Images are decoded and re-encoded (metadata such as EXIF, GPS, XMP and IPTC does not survive);
 * every other accepted type is stored as it arrived, and the upload form warns that its own
 * metadata (a PDF's author, a recording's device) may identify the reporter.
 */

export const EVIDENCE_FILE_MAX_MEGABYTES = 20;
export const EVIDENCE_FILE_MAX_BYTES = EVIDENCE_FILE_MAX_MEGABYTES * 1024 * 1024;
export const EVIDENCE_FILES_PER_SUBMISSION = 5;
export const EVIDENCE_CASE_MAX_MEGABYTES = 100;
export const EVIDENCE_CASE_MAX_BYTES = EVIDENCE_CASE_MAX_MEGABYTES * 1024 * 1024;

export type EvidenceHandling = 'clean' | 'as-is';

export type EvidenceType = { type: string; extensions: readonly string[]; handling: EvidenceHandling };

/** Keyed by the extension file-type reports for the bytes (plus 'txt' for plain UTF-8 text). */
const accepted: Record<string, EvidenceType> = {
  jpg: { type: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jfif'], handling: 'clean' },
  png: { type: 'image/png', extensions: ['png'], handling: 'clean' },
  webp: { type: 'image/webp', extensions: ['webp'], handling: 'clean' },
  avif: { type: 'image/avif', extensions: ['avif'], handling: 'clean' },
  pdf: { type: 'application/pdf', extensions: ['pdf'], handling: 'as-is' },
  txt: { type: 'text/plain', extensions: ['txt', 'text', 'md'], handling: 'as-is' },
  mp3: { type: 'audio/mpeg', extensions: ['mp3'], handling: 'as-is' },
  m4a: { type: 'audio/mp4', extensions: ['m4a', 'mp4'], handling: 'as-is' },
  ogg: { type: 'audio/ogg', extensions: ['ogg', 'oga'], handling: 'as-is' },
  opus: { type: 'audio/ogg', extensions: ['opus', 'ogg'], handling: 'as-is' },
  wav: { type: 'audio/wav', extensions: ['wav'], handling: 'as-is' },
  mp4: { type: 'video/mp4', extensions: ['mp4', 'm4v'], handling: 'as-is' },
  m4v: { type: 'video/mp4', extensions: ['m4v', 'mp4'], handling: 'as-is' },
  mov: { type: 'video/quicktime', extensions: ['mov', 'qt'], handling: 'as-is' },
  qt: { type: 'video/quicktime', extensions: ['mov', 'qt'], handling: 'as-is' },
  webm: { type: 'video/webm', extensions: ['webm'], handling: 'as-is' },
};

/** The extensions named in the upload form's hint. */
export const acceptedExtensions = ['jpg', 'png', 'webp', 'avif', 'pdf', 'txt', 'mp3', 'm4a', 'ogg', 'wav', 'mp4', 'mov', 'webm'] as const;

/** What the file input's `accept` attribute offers (a convenience; the server decides). */
export const acceptAttribute = acceptedExtensions.map((extension) => `.${extension}`).join(',');

export type EvidenceProblem =
  | { code: 'fileType'; name: string }
  | { code: 'fileMislabelled'; name: string; actual: string }
  | { code: 'fileTooLarge'; name: string; megabytes: number }
  | { code: 'fileEmpty'; name: string }
  | { code: 'fileUnreadable'; name: string }
  | { code: 'heicUnsupported'; name: string }
  | { code: 'tooManyUploads'; max: number }
  | { code: 'caseFilesFull'; megabytes: number };

export function isEvidenceProblem(problem: { code: string }): problem is EvidenceProblem {
  return ['fileType', 'fileMislabelled', 'fileTooLarge', 'fileEmpty', 'fileUnreadable', 'heicUnsupported', 'tooManyUploads', 'caseFilesFull'].includes(problem.code);
}

/** A name safe to show and to put in a download header: no folders, no control characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base.replace(/[\u0000-\u001F\u007F"<>|:*?]/g, '_').trim();
  const limited = [...cleaned].slice(-200).join('');
  return limited === '' || limited === '.' || limited === '..' ? 'file' : limited;
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

export type Classified = { ok: true; kind: EvidenceType } | { ok: false; problem: EvidenceProblem };

/**
 * Decides what to do with one file from its size, its name and what its bytes are
 * (`detected`: file-type's extension, or 'txt' for plain text, or undefined).
 */
export function classifyEvidence(input: { name: string; size: number; truncated: boolean; detected: string | undefined }): Classified {
  const { name } = input;
  if (input.truncated || input.size > EVIDENCE_FILE_MAX_BYTES) return { ok: false, problem: { code: 'fileTooLarge', name, megabytes: EVIDENCE_FILE_MAX_MEGABYTES } };
  if (input.size === 0) return { ok: false, problem: { code: 'fileEmpty', name } };
  if (input.detected === 'heic') return { ok: false, problem: { code: 'heicUnsupported', name } };
  const kind = input.detected ? accepted[input.detected] : undefined;
  if (!kind) return { ok: false, problem: { code: 'fileType', name } };
  const extension = extensionOf(name);
  if (extension !== undefined && !kind.extensions.includes(extension)) {
    return { ok: false, problem: { code: 'fileMislabelled', name, actual: kind.extensions[0] ?? input.detected ?? '' } };
  }
  return { ok: true, kind };
}

/** Plain text: valid UTF-8 without NUL bytes (binary formats file-type does not know fail this). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The limits on one submission: how many files, and how much a case may hold in all. */
export function submissionProblem(count: number, incomingBytes: number, storedBytes: number): EvidenceProblem | undefined {
  if (count > EVIDENCE_FILES_PER_SUBMISSION) return { code: 'tooManyUploads', max: EVIDENCE_FILES_PER_SUBMISSION };
  if (storedBytes + incomingBytes > EVIDENCE_CASE_MAX_BYTES) return { code: 'caseFilesFull', megabytes: EVIDENCE_CASE_MAX_MEGABYTES };
  return undefined;
}
