import { describe, expect, it } from 'vitest';
import { classifyEvidence, cleanFileName, looksLikeText, submissionProblem, EVIDENCE_FILE_MAX_BYTES } from './evidence.ts';

describe('evidence file rules', () => {
  it('cleans images and keeps other accepted types as they are', () => {
    expect(classifyEvidence({ name: 'photo.JPG', size: 10, truncated: false, detected: 'jpg' })).toMatchObject({ ok: true, kind: { type: 'image/jpeg', handling: 'clean' } });
    expect(classifyEvidence({ name: 'letter.pdf', size: 10, truncated: false, detected: 'pdf' })).toMatchObject({ ok: true, kind: { handling: 'as-is' } });
    expect(classifyEvidence({ name: 'no-extension', size: 10, truncated: false, detected: 'png' })).toMatchObject({ ok: true });
  });

  it('refuses mislabelled, unknown, HEIC, empty and oversized files, naming the file', () => {
    expect(classifyEvidence({ name: 'scan.pdf', size: 10, truncated: false, detected: 'png' })).toEqual({ ok: false, problem: { code: 'fileMislabelled', name: 'scan.pdf', actual: 'png' } });
    expect(classifyEvidence({ name: 'tool.exe', size: 10, truncated: false, detected: 'exe' })).toEqual({ ok: false, problem: { code: 'fileType', name: 'tool.exe' } });
    expect(classifyEvidence({ name: 'IMG_1.heic', size: 10, truncated: false, detected: 'heic' })).toMatchObject({ ok: false, problem: { code: 'heicUnsupported' } });
    expect(classifyEvidence({ name: 'a.txt', size: 0, truncated: false, detected: undefined })).toMatchObject({ ok: false, problem: { code: 'fileEmpty' } });
    expect(classifyEvidence({ name: 'a.txt', size: EVIDENCE_FILE_MAX_BYTES, truncated: true, detected: 'txt' })).toMatchObject({ ok: false, problem: { code: 'fileTooLarge', megabytes: 20 } });
  });

  it('reads plain text only when it is valid UTF-8 without NUL bytes', () => {
    expect(looksLikeText(new TextEncoder().encode('Nota: el lunes, después de la reunión.'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x41, 0x00, 0x42]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xc3, 0x28]))).toBe(false);
  });

  it('keeps folders and control characters out of file names', () => {
    expect(cleanFileName('C:\\Users\\someone\\Desktop\\notes.txt')).toBe('notes.txt');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('bad\u0007"name".txt')).toBe('bad__name_.txt');
    expect(cleanFileName('..')).toBe('file');
  });

  it('limits files per submission and bytes per case', () => {
    expect(submissionProblem(6, 0, 0)).toEqual({ code: 'tooManyUploads', max: 5 });
    expect(submissionProblem(1, 60 * 1024 * 1024, 50 * 1024 * 1024)).toEqual({ code: 'caseFilesFull', megabytes: 100 });
    expect(submissionProblem(5, 1024, 0)).toBeUndefined();
  });
});
