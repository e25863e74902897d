/**
 * An escrow counsellor downloads one evidence file of a matched entry. The match is opened again
 * in their session (the evidence key travels only inside the sealed allegation), the evidence
 * blob is opened with it, and the read is audited before the file is handed over.
 */
import { openEvidence, type EvidenceFile } from '../../client/escrow/allegationFormat.ts';
import { AppError } from '../../core/errors.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Context } from '../context.ts';
import { openMatchInSession, type Counsellor } from './matchOpening.ts';

export async function readEscrowEvidence(context: Context, counsellor: Counsellor, input: { matchId: string; entryId: string; file: number }): Promise<EvidenceFile> {
  const opened = await openMatchInSession(context, counsellor, input.matchId);
  const entry = opened.entries.find((candidate) => candidate.entryId === input.entryId);
  const key = entry?.content?.evidenceKey;
  if (!entry?.sealedEvidence || !key) throw new AppError('NOT_FOUND');
  let files: EvidenceFile[];
  try {
    files = openEvidence(key, entry.sealedEvidence);
  } catch {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'the evidence of this entry does not open' });
  }
  const file = files[input.file];
  if (!file) throw new AppError('NOT_FOUND');
  await context.db.transaction((tx) =>
    recordAudit(
      tx,
      { actorId: counsellor.staffId, action: 'escrow.evidence-read', subjectType: 'escrow-match', subjectId: opened.match.id, details: { entryId: entry.entryId, file: input.file } },
      context.clock(),
    ),
  );
  return file;
}
