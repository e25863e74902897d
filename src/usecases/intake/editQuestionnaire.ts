/**
 * An administrator (channel.configure) edits a channel's questionnaire. Saving never changes a
 * version: it stores a new one (the next number), so cases keep the version they answered. A
 * definition with problems stores nothing. The form carries the version it was based on; if
 * someone saved another version meanwhile, the save is refused rather than overwriting it.
 */
import { AppError } from '../../core/errors.ts';
import type { FormFields } from '../../core/intake/answers.ts';
import { single } from '../../core/intake/answers.ts';
import { definitionFromRows, editorRows, readEditorRows, type EditorLanguages, type EditorProblem, type EditorRow } from '../../core/intake/questionnaireEditor.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { languages, translator } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Channel } from '../../storage/channelQueries.ts';
import { currentQuestionnaire, type QuestionnaireVersion } from '../../storage/questionnaireStore.ts';
import { questionnaires } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { findChannel } from './reportChannel.ts';

/** Texts are written in every language Redress speaks, read from the catalogues for shipped keys. */
const editing: EditorLanguages = { languages, translate: (key, language) => translator(language)(key) };

export type QuestionnaireEditor = { channel: Channel; current: QuestionnaireVersion; rows: EditorRow[] };

export async function openQuestionnaireEditor(context: Context, actor: Actor, slug: string | null): Promise<QuestionnaireEditor> {
  const channel = await findChannel(context.db, slug);
  authorize(actor, 'channel.configure', { kind: 'report-channel', orgId: channel.orgId });
  const current = await currentQuestionnaire(context.db, channel.orgId);
  return { channel, current, rows: editorRows(current.definition, editing) };
}

export type SaveOutcome = { ok: true; version: number } | { ok: false; editor: QuestionnaireEditor; problems: EditorProblem[]; stale: boolean };

export async function saveQuestionnaire(context: Context, actor: Actor, slug: string | null, fields: FormFields): Promise<SaveOutcome> {
  const editor = await openQuestionnaireEditor(context, actor, slug);
  const rows = readEditorRows(fields, languages);
  const typed = { ...editor, rows };
  if (single(fields, 'base') !== editor.current.id) return { ok: false, editor: typed, problems: [], stale: true };
  const result = definitionFromRows(rows, editor.current.definition, editing);
  if (!result.ok) return { ok: false, editor: typed, problems: result.problems, stale: false };
  const now = context.clock();
  const version = editor.current.version + 1;
  await context.db.transaction(async (tx) => {
    // The unique (channel, version) pair refuses a second save based on the same version.
    const [row] = await tx
      .insert(questionnaires)
      .values({ orgId: editor.channel.orgId, version, definition: result.definition, createdBy: actor.staffId, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: questionnaires.id });
    if (!row) throw new AppError('QUESTIONNAIRE_CHANGED');
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'channel.questionnaire-saved', subjectType: 'questionnaire', subjectId: row.id, orgId: editor.channel.orgId, details: { version: String(version), questions: String(result.definition.questions.length) } },
      now,
    );
  });
  return { ok: true, version };
}
