/**
 * Attaching evidence to a domain of a round: a document (PDF, office document, text or image,
 * at most 5 MB, its SHA-256 recorded) or focus-group notes. The organisation's coordinators add
 * and read it; it is part of the organisation's results, never of the network roll-up.
 */
import { AppError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { evidenceFile, insertEvidence, type EvidenceKind } from '../../storage/toolkit/evidenceStore.ts';
import { isParticipant, roundById } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import type { Context } from '../context.ts';

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export const evidenceTypes: Record<string, string> = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

export type EvidenceInput = {
  roundId: string;
  orgId: string;
  domainKey: string;
  kind: EvidenceKind;
  title: string;
  notes: string | null;
  file: { name: string; content: Uint8Array } | null;
};

/** The stored type follows the file name's extension from a short list, never the browser's claim. */
export function evidenceType(fileName: string): string | undefined {
  const extension = fileName.toLowerCase().split('.').at(-1) ?? '';
  return evidenceTypes[extension];
}

export async function addEvidence(context: Context, actor: Actor, input: EvidenceInput): Promise<string> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: input.orgId });
  if (input.kind === 'document' && !input.file) throw new AppError('TOOLKIT_EVIDENCE_INVALID', { detail: 'no file' }, { file: 'toolkit.evidence.fileMissing' });
  if (input.kind === 'focus_group_notes' && !input.notes) throw new AppError('BAD_INPUT', { detail: 'no notes' }, { notes: 'validation.required' });
  let file: { name: string; contentType: string; content: Uint8Array; sha256: string } | null = null;
  if (input.file) {
    const contentType = evidenceType(input.file.name);
    if (!contentType) throw new AppError('TOOLKIT_EVIDENCE_INVALID', { detail: 'type' }, { file: 'toolkit.evidence.fileType' });
    if (input.file.content.length === 0 || input.file.content.length > EVIDENCE_MAX_BYTES) {
      throw new AppError('TOOLKIT_EVIDENCE_INVALID', { detail: 'size' }, { file: 'toolkit.evidence.fileSize' });
    }
    const name = input.file.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(-120);
    file = { name, contentType, content: input.file.content, sha256: sha256Hex(input.file.content) };
  }
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const round = await roundById(tx, input.roundId);
    if (!(await isParticipant(tx, round.id, input.orgId))) throw new AppError('NOT_FOUND');
    const template = await templateById(tx, round.templateId);
    if (!template.definition.domains.some((domain) => domain.key === input.domainKey)) throw new AppError('BAD_INPUT', { detail: 'unknown domain' }, { domainKey: 'validation.invalid' });
    const id = await insertEvidence(tx, { ...input, file, addedBy: actor.staffId, now });
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'toolkit.evidence-added', subjectType: 'toolkit-evidence', subjectId: id, orgId: input.orgId, details: { roundId: round.id, domain: input.domainKey, kind: input.kind, sha256: file?.sha256 ?? null } },
      now,
    );
    return id;
  });
}

export async function downloadEvidence(context: Context, actor: Actor, id: string): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
  const found = await evidenceFile(context.db, id);
  if (!found) throw new AppError('NOT_FOUND');
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: found.orgId });
  return found;
}
