/**
 * A colleague answering a round with their invitation code: opening it, pausing with a resume
 * code, resuming, and submitting. Submitting checks every answer, stores the answer set and
 * deletes the invitation in one transaction — a code used twice, or raced from two tabs, counts
 * once. No audit entry is written for an answer: its time would undo the coarsening.
 */
import { open, seal } from '../../core/crypto/aead.ts';
import { AppError } from '../../core/errors.ts';
import { progressSchema, toAnswerSet, unansweredQuestions, type Progress } from '../../core/toolkit/answering.ts';
import { weekOf } from '../../core/toolkit/coarseTime.ts';
import { formatCode, invitationCodeHash, newCode, normaliseCode, resumeCodeHash, resumeKey } from '../../core/toolkit/codes.ts';
import type { TemplateDefinition, AssessmentForm, LocalisedText } from '../../core/toolkit/template.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';
import type { Queryable } from '../../storage/database.ts';
import { deleteDraft, deleteInvitation, draftById, insertAnswerSet, invitationByTokenHash, saveDraft } from '../../storage/toolkit/answerStore.ts';
import { roundById, roundForAnswer } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import type { Context } from '../context.ts';

export type AnsweringRound = {
  /** The invitation code in its canonical form, carried by the page. */
  code: string;
  roundTitle: string;
  organisationName: string;
  form: AssessmentForm;
  templateName: LocalisedText;
  definition: TemplateDefinition;
  closesOn: string | null;
};

/** The round an invitation code opens, or TOOLKIT_INVITATION_INVALID for anything else. */
export async function openInvitation(db: Queryable, typedCode: unknown): Promise<AnsweringRound> {
  const code = normaliseCode(typedCode);
  if (!code) throw new AppError('TOOLKIT_INVITATION_INVALID');
  const invitation = await invitationByTokenHash(db, invitationCodeHash(code));
  if (!invitation) throw new AppError('TOOLKIT_INVITATION_INVALID');
  const round = await roundById(db, invitation.roundId).catch(() => undefined);
  if (!round || round.status !== 'open') throw new AppError('TOOLKIT_INVITATION_INVALID');
  const template = await templateById(db, round.templateId);
  const names = await organisationNames(db, [invitation.orgId]);
  return {
    code,
    roundTitle: round.title,
    organisationName: names.get(invitation.orgId) ?? '',
    form: round.form,
    templateName: template.name,
    definition: template.definition,
    closesOn: round.closesOn,
  };
}

export async function submitAnswers(context: Context, input: { code: unknown; progress: Progress; resumeCode?: string | undefined }): Promise<void> {
  const code = normaliseCode(input.code);
  if (!code) throw new AppError('TOOLKIT_INVITATION_INVALID');
  await context.db.transaction(async (tx) => {
    // Locks the invitation: a second submission with the same code waits, then finds it gone.
    const invitation = await invitationByTokenHash(tx, invitationCodeHash(code), { lock: true });
    if (!invitation) throw new AppError('TOOLKIT_INVITATION_INVALID');
    const round = await roundForAnswer(tx, invitation.roundId);
    if (round.status !== 'open') throw new AppError('TOOLKIT_ROUND_CLOSED');
    const template = await templateById(tx, round.templateId);
    const missing = unansweredQuestions(template.definition, round.form, input.progress);
    if (missing.length > 0) throw new AppError('TOOLKIT_ANSWERS_INCOMPLETE', { detail: missing.map((question) => question.key).join(', ') });
    await insertAnswerSet(tx, {
      roundId: round.id,
      orgId: invitation.orgId,
      week: weekOf(context.clock()),
      answers: toAnswerSet(template.definition, round.form, input.progress),
    });
    await deleteInvitation(tx, invitation.invitationId);
    const resume = normaliseCode(input.resumeCode);
    if (resume) await deleteDraft(tx, resumeCodeHash(resume));
  });
}

type SealedDraft = { code: string; progress: Progress };

/**
 * Pausing: the answers so far are sealed under a resume code that only the respondent holds
 * (the same code again if they had resumed with one). Nothing in the row points at the invitation.
 */
export async function pauseAnswers(context: Context, input: { code: unknown; progress: Progress; resumeCode?: string | undefined }): Promise<string> {
  const code = normaliseCode(input.code);
  if (!code) throw new AppError('TOOLKIT_INVITATION_INVALID');
  const invitation = await invitationByTokenHash(context.db, invitationCodeHash(code));
  if (!invitation) throw new AppError('TOOLKIT_INVITATION_INVALID');
  const round = await roundById(context.db, invitation.roundId);
  if (round.status !== 'open') throw new AppError('TOOLKIT_ROUND_CLOSED');
  const resume = normaliseCode(input.resumeCode) ?? normaliseCode(newCode()) ?? '';
  const id = resumeCodeHash(resume);
  const draft: SealedDraft = { code, progress: input.progress };
  await saveDraft(context.db, { id, roundId: round.id, sealed: seal(resumeKey(resume), new TextEncoder().encode(JSON.stringify(draft)), `toolkit-draft:${id}`) });
  return formatCode(resume);
}

export async function resumeAnswers(context: Context, typedResumeCode: unknown): Promise<{ code: string; progress: Progress; resumeCode: string }> {
  const resume = normaliseCode(typedResumeCode);
  if (!resume) throw new AppError('TOOLKIT_RESUME_CODE_INVALID');
  const id = resumeCodeHash(resume);
  const row = await draftById(context.db, id);
  if (!row) throw new AppError('TOOLKIT_RESUME_CODE_INVALID');
  let draft: SealedDraft;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(open(resumeKey(resume), row.sealed, `toolkit-draft:${id}`))) as { code?: unknown; progress?: unknown };
    const progress = progressSchema.parse(parsed.progress);
    if (typeof parsed.code !== 'string') throw new Error('no code');
    draft = { code: parsed.code, progress };
  } catch {
    throw new AppError('TOOLKIT_RESUME_CODE_INVALID');
  }
  // The invitation may have been used (answered from another device) or the round closed.
  const invitation = await invitationByTokenHash(context.db, invitationCodeHash(draft.code));
  if (!invitation) {
    await deleteDraft(context.db, id);
    throw new AppError('TOOLKIT_RESUME_CODE_INVALID');
  }
  return { code: draft.code, progress: draft.progress, resumeCode: formatCode(resume) };
}
