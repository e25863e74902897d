/**
 * The respondent brings evidence (equal opportunity, 34 CFR 106.45(b)(5)(ii)): a written
 * statement, the name of a witness, files, or a statement with files. It goes through the
 * procedure engine as the respondent (`addEvidence`), so evidence after the review closed is
 * refused with the engine's reason and nothing is kept. Files get the same checks and cleaning
 * as the reporter's, and are sealed with the respondent key: the respondent can read back what
 * they sent and staff reach it through the case key; the reporter's side never lists them. A
 * statement left empty becomes the list of the files' names, so every entry in the evidence
 * log says what it is. The respondent's files have their own per-case limit.
 */
import { AppError } from '../../core/errors.ts';
import { DOCUMENT_MAX_CHARS } from '../../core/cases/handling.ts';
import { cleanText, type AnswerProblem } from '../../core/intake/answers.ts';
import type { EvidenceProblem } from '../../core/intake/evidence.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { removeFiles } from '../../storage/attachmentFiles.ts';
import { insertRespondentFiles, respondentStoredBytes } from '../../storage/respondentStore.ts';
import { actAsParty } from '../cases/actAsParty.ts';
import type { Context } from '../context.ts';
import { prepareEvidence, sealEvidence, withEvidenceFiles, type Upload } from '../intake/evidenceUploads.ts';
import { withRespondentCase } from './respondentCase.ts';
import { sessionRespondentKey, type RespondentSession } from './respondentSessions.ts';

export type EvidenceInput = { kind: 'document' | 'witness'; statement: string; uploads: readonly Upload[]; folder: string };

export type EvidenceOutcome =
  | { ok: true; repeated: boolean; files: number }
  | { ok: false; problem: AnswerProblem | EvidenceProblem }
  | { ok: false; refusal: Refusal };

export async function addRespondentEvidence(context: Context, session: RespondentSession, formToken: unknown, input: EvidenceInput): Promise<EvidenceOutcome> {
  if (session.kind !== 'respondent') throw new AppError('RESPONDENT_ADVISER_CANNOT_ACT');
  const cleaned = cleanText(input.statement, DOCUMENT_MAX_CHARS);
  if (!cleaned.ok) return { ok: false, problem: cleaned.problem };
  const prepared = await prepareEvidence(input.uploads, await respondentStoredBytes(context.db, session.caseId));
  if (!prepared.ok) return { ok: false, problem: prepared.problem };
  if (cleaned.text === '' && prepared.files.length === 0) return { ok: false, problem: { code: 'required' } };
  const respondentKey = await sessionRespondentKey(context.db, session);
  if (!respondentKey) throw new AppError('RESPONDENT_SESSION_ENDED');
  const sealed = sealEvidence(respondentKey, session.caseId, prepared.files);
  const statement = cleaned.text !== '' ? cleaned.text : prepared.files.map((file) => file.metadata.name).join('\n');

  const outcome = await withEvidenceFiles(input.folder, sealed, () =>
    withRespondentCase(context, session, formToken, async (tx, row, key, now) => {
      const acted = await actAsParty(tx, { row, party: 'respondent', keys: { respondentKey: key }, action: { type: 'addEvidence', from: 'respondent', kind: input.kind, evidenceRef: statement }, now });
      if (acted.ok) await insertRespondentFiles(tx, { caseId: row.id, files: sealed, addedBy: 'respondent', now });
      return acted;
    }),
  );
  // A refused step, or the same form sent twice, keeps none of the files just written.
  if (!outcome?.ok) await removeFiles(input.folder, sealed.map((file) => file.storageName));
  if (outcome === undefined) return { ok: true, repeated: true, files: 0 };
  return outcome.ok ? { ok: true, repeated: false, files: sealed.length } : { ok: false, refusal: outcome.refusal };
}
