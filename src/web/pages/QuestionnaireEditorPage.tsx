/**
 * The questionnaire editor: the current version as plain fields, one group per question and an
 * empty group to add one; saving stores a new version. Works without JavaScript: reordering is
 * a position number, removing a check box, a condition two fields.
 */
import { questionTypes } from '../../core/intake/questionnaire.ts';
import type { EditorProblem, EditorRow } from '../../core/intake/questionnaireEditor.ts';
import { languageName, languages } from '../../i18n/index.ts';
import type { QuestionnaireEditor } from '../../usecases/intake/editQuestionnaire.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { settingsPath } from './ReportSettingsPage.tsx';

export function questionnairePath(editor: Pick<QuestionnaireEditor, 'channel'>): string {
  return `${settingsPath(editor.channel)}/questionnaire`;
}

function TextField(props: { id: string; name: string; label: string; value: string; hint?: string; multiline?: boolean; size?: number }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea id={props.id} name={props.name} rows={3} value={props.value} aria-describedby={hintId} />
      ) : (
        <input type="text" id={props.id} name={props.name} value={props.value} size={props.size} aria-describedby={hintId} />
      )}
    </div>
  );
}

function QuestionRow(props: { context: PageContext; row: EditorRow; index: number; problems: EditorProblem[]; isNew: boolean }) {
  const { t } = props.context;
  const { row, index } = props;
  const id = (name: string) => `field-r${index}_${name}`;
  const name = (field: string) => `r${index}_${field}`;
  return (
    <fieldset class={props.problems.length > 0 ? 'question-editor field-error' : 'question-editor'} id={`question-${index}`}>
      <legend>{props.isNew ? t('questionnaireEditor.newQuestion') : t('questionnaireEditor.question', { number: index + 1, id: row.id })}</legend>
      {props.problems.map((problem) => (
        <p class="error" key={problem.code}>
          {t(`questionnaireEditor.problems.${problem.code}`)}
        </p>
      ))}
      <TextField id={id('id')} name={name('id')} label={t('questionnaireEditor.id')} hint={t('questionnaireEditor.idHint')} value={row.id} size={20} />
      <div class="field">
        <label for={id('type')}>{t('questionnaireEditor.type')}</label>
        <select id={id('type')} name={name('type')}>
          {questionTypes.map((type) => (
            <option key={type} value={type} selected={row.type === type}>
              {t(`questionnaireEditor.types.${type}`)}
            </option>
          ))}
        </select>
      </div>
      {languages.map((language) => (
        <TextField key={`label-${language}`} id={id(`label_${language}`)} name={name(`label_${language}`)} label={t('questionnaireEditor.label', { language: languageName(language) })} value={row.label[language] ?? ''} />
      ))}
      {languages.map((language) => (
        <TextField key={`hint-${language}`} id={id(`hint_${language}`)} name={name(`hint_${language}`)} label={t('questionnaireEditor.hint', { language: languageName(language) })} value={row.hint[language] ?? ''} multiline />
      ))}
      <div class="field">
        <label class="choice">
          <input type="checkbox" name={name('required')} value="yes" checked={row.required} /> {t('questionnaireEditor.required')}
        </label>
      </div>
      <TextField id={id('options')} name={name('options')} label={t('questionnaireEditor.options')} hint={t('questionnaireEditor.optionsHint')} value={row.options} multiline />
      <TextField id={id('showIfQuestion')} name={name('showIfQuestion')} label={t('questionnaireEditor.showIfQuestion')} hint={t('questionnaireEditor.showIfHint')} value={row.showIfQuestion} size={20} />
      <TextField id={id('showIfEquals')} name={name('showIfEquals')} label={t('questionnaireEditor.showIfEquals')} value={row.showIfEquals} size={20} />
      <TextField id={id('position')} name={name('position')} label={t('questionnaireEditor.position')} hint={t('questionnaireEditor.positionHint')} value={row.position} size={4} />
      {props.isNew ? null : (
        <div class="field">
          <label class="choice">
            <input type="checkbox" name={name('remove')} value="yes" checked={row.remove} /> {t('questionnaireEditor.remove')}
          </label>
        </div>
      )}
    </fieldset>
  );
}

export function QuestionnaireEditorPage(props: { context: PageContext; editor: QuestionnaireEditor; problems?: EditorProblem[]; stale?: boolean; saved?: number | undefined }) {
  const { context, editor } = props;
  const { t } = context;
  const problems = props.problems ?? [];
  const general = problems.filter((problem) => problem.row === null);
  return (
    <Layout context={context} title={t('questionnaireEditor.title', { name: editor.channel.name })}>
      {props.saved ? <Notice kind="success">{t('questionnaireEditor.saved', { version: props.saved })}</Notice> : null}
      {props.stale ? <Notice kind="error">{t('errors.QUESTIONNAIRE_CHANGED')}</Notice> : null}
      {problems.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('form.problemsTitle')}</h2>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.row === null ? (
                  t(`questionnaireEditor.problems.${problem.code}`)
                ) : (
                  <a href={`#question-${problem.row}`}>
                    {t('questionnaireEditor.question', { number: problem.row + 1, id: editor.rows[problem.row]?.id ?? '' })}: {t(`questionnaireEditor.problems.${problem.code}`)}
                  </a>
                )}
              </li>
            ))}
          </ul>
          {general.some((problem) => problem.code === 'definitionInvalid') ? <p>{general.find((problem) => 'detail' in problem)?.detail}</p> : null}
        </div>
      ) : null}
      <p>{t('questionnaireEditor.lead', { version: editor.current.version })}</p>
      <form method="post" action={questionnairePath(editor)} novalidate>
        <CsrfField token={context.csrfToken} />
        <input type="hidden" name="base" value={editor.current.id} />
        <input type="hidden" name="rows" value={String(editor.rows.length)} />
        {editor.rows.map((row, index) => (
          <QuestionRow key={index} context={context} row={row} index={index} problems={problems.filter((problem) => problem.row === index)} isNew={index === editor.rows.length - 1 && row.id === '' && !problems.some((problem) => problem.row === index)} />
        ))}
        <button type="submit">{t('questionnaireEditor.save')}</button>
      </form>
    </Layout>
  );
}
