/**
 * Making a redacted version of a report for an investigator or the respondent: each answer with
 * a box to share it and, for text answers, the text as shared (black out parts with █ or
 * [redacted]); whether the reporter's identity goes in; earlier versions; and the case file
 * exports (PDF). Problems come back beside the answer they concern, with what was typed.
 */
import type { RedactionAudience } from '../../core/cases/redaction.ts';
import type { RedactionEditor, RedactionProblems, RedactionQuestion } from '../../usecases/cases/redactReport.ts';
import { REDACTION_TITLE_MAX } from '../../usecases/cases/redactReport.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { answerText, localText, MultilineText } from './ReportFormFields.tsx';

/** What was typed, to show the form again as it was sent. */
export type RedactionTyped = { title: string; identity: boolean; answers: Record<string, { include: boolean; text?: string | undefined }> };

export type RedactionPageProps = {
  context: PageContext;
  editor: RedactionEditor;
  typed?: RedactionTyped | undefined;
  problems?: RedactionProblems | undefined;
  saved?: boolean;
};

const audienceWord: Record<RedactionAudience, 'Investigator' | 'Respondent'> = { investigator: 'Investigator', respondent: 'Respondent' };

function shownAnswer(context: PageContext, entry: RedactionQuestion): string {
  if (entry.question.type === 'file') return context.t('caseExport.answers.files', { count: Array.isArray(entry.answer) ? entry.answer.length : 0 });
  return answerText(context, entry.question, entry.answer);
}

/** The form's starting point: what was typed, else the newest version, else everything shared as it is. */
function initial(editor: RedactionEditor, typed: RedactionTyped | undefined, context: PageContext): RedactionTyped {
  if (typed) return typed;
  const latest = editor.latest;
  const answers: RedactionTyped['answers'] = {};
  for (const entry of editor.questions) {
    const kept = latest ? latest.answers[entry.question.id] : entry.answer;
    answers[entry.question.id] = { include: kept !== undefined, text: typeof kept === 'string' ? kept : typeof entry.answer === 'string' ? entry.answer : undefined };
  }
  return { title: latest?.title ?? context.t(`caseExport.redaction.defaultName${audienceWord[editor.audience]}`), identity: latest?.identity != null, answers };
}

export function problemText(context: PageContext, problem: RedactionProblems['answers'][string]): string {
  return context.t(`caseExport.redaction.problems.${problem.code}`, { piece: problem.piece });
}

export function RedactionPage(props: RedactionPageProps) {
  const { context, editor, problems } = props;
  const { t, language } = context;
  const word = audienceWord[editor.audience];
  const values = initial(editor, props.typed, context);
  const titleProblem = problems?.title === 'required' ? t('caseExport.redaction.problems.titleRequired') : problems?.title === 'tooLong' ? t('caseExport.redaction.problems.titleTooLong', { max: REDACTION_TITLE_MAX }) : undefined;
  const hasProblems = problems !== undefined && (Object.keys(problems.answers).length > 0 || problems.title !== undefined || problems.identity !== undefined);
  return (
    <Layout context={context} title={t(`caseExport.redaction.title${word}`, { ref: editor.ref })}>
      {props.saved ? <Notice kind="success">{t('caseExport.redaction.saved')}</Notice> : null}
      {hasProblems ? (
        <Notice kind="error">
          <p>{t('caseExport.redaction.problemsTitle')}</p>
          <ul>
            {titleProblem ? (
              <li>
                <a href="#field-title">{titleProblem}</a>
              </li>
            ) : null}
            {Object.entries(problems.answers).map(([id, problem]) => (
              <li key={id}>
                <a href={`#field-text_${id}`}>{problemText(context, problem)}</a>
              </li>
            ))}
            {problems.identity ? (
              <li>
                <a href="#field-identity">{t('caseExport.redaction.problems.identityNotAllowed')}</a>
              </li>
            ) : null}
          </ul>
        </Notice>
      ) : null}
      <p>{t(`caseExport.redaction.lead${word}`)}</p>
      <p class="hint">{t('caseExport.redaction.rules')}</p>
      <form method="post" action={`/cases/${editor.caseId}/redactions/${editor.audience}`} novalidate>
        <CsrfField token={context.csrfToken} />
        <div class={titleProblem ? 'field field-error' : 'field'}>
          <label for="field-title">{t('caseExport.redaction.nameLabel')}</label>
          <p class="hint" id="field-title-hint">
            {t('caseExport.redaction.nameHint')}
          </p>
          {titleProblem ? (
            <p class="error" id="field-title-error">
              {titleProblem}
            </p>
          ) : null}
          <input id="field-title" name="title" type="text" maxLength={REDACTION_TITLE_MAX} value={values.title} aria-describedby={titleProblem ? 'field-title-hint field-title-error' : 'field-title-hint'} />
        </div>
        <fieldset>
          <legend>{t('caseExport.redaction.answersLegend')}</legend>
          {editor.questions.map((entry) => (
            <AnswerChoiceField key={entry.question.id} context={context} entry={entry} value={values.answers[entry.question.id]} problem={problems?.answers[entry.question.id]} />
          ))}
        </fieldset>
        <IdentityChoice context={context} editor={editor} checked={values.identity} problem={problems?.identity !== undefined} />
        <button type="submit">{t('caseExport.redaction.save')}</button>
      </form>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('caseExport.redaction.versionsTitle')}</h2>
        {editor.versions.length === 0 ? <p>{t('caseExport.redaction.noVersions')}</p> : null}
        <ol class="timeline">
          {editor.versions.map((version) => (
            <li key={version.id}>
              {t('caseExport.redaction.version', {
                version: version.version,
                title: version.title,
                date: formatDate(language, version.at),
                author: version.authorName ?? t('caseExport.formerStaff'),
                answers: version.answers,
              })}
              {version.identity ? ` — ${t('caseExport.redaction.withIdentity')}` : ''}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="export-title">
        <h2 id="export-title">{t('caseExport.redaction.exportTitle')}</h2>
        <p class="hint">{t('caseExport.redaction.exportHint')}</p>
        <ul>
          <li>
            <a href={`/cases/${editor.caseId}/export.pdf?version=full`}>{t('caseExport.redaction.exportFull')}</a>
          </li>
          <li>
            <a href={`/cases/${editor.caseId}/export.pdf?version=investigator`}>{t('caseExport.redaction.exportInvestigator')}</a>
          </li>
          <li>
            <a href={`/cases/${editor.caseId}/export.pdf?version=respondent`}>{t('caseExport.redaction.exportRespondent')}</a>
          </li>
        </ul>
      </section>
      <p>
        <a href={`/cases/${editor.caseId}`}>{t('caseExport.redaction.back')}</a>
      </p>
    </Layout>
  );
}

function AnswerChoiceField(props: { context: PageContext; entry: RedactionQuestion; value: { include: boolean; text?: string | undefined } | undefined; problem: RedactionProblems['answers'][string] | undefined }) {
  const { context, entry, problem } = props;
  const { t } = context;
  const id = entry.question.id;
  const label = localText(context, entry.question.label);
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <h2 id={`question-${id}`}>{label}</h2>
      <label class="choice">
        <input type="checkbox" name={`include_${id}`} value="yes" checked={props.value?.include ?? false} aria-describedby={`question-${id}`} />
        <span>{t('caseExport.redaction.include')}</span>
      </label>
      {entry.editable ? (
        <>
          <p class="hint">{t('caseExport.redaction.original')}</p>
          <MultilineText class="answer-text" text={shownAnswer(context, entry)} />
          <label for={`field-text_${id}`}>{t('caseExport.redaction.textLabel')}</label>
          {problem ? (
            <p class="error" id={`field-text_${id}-error`}>
              {problemText(context, problem)}
            </p>
          ) : null}
          <textarea
            id={`field-text_${id}`}
            name={`text_${id}`}
            rows={6}
            maxLength={40_000}
            value={props.value?.text ?? ''}
            aria-describedby={problem ? `question-${id} field-text_${id}-error` : `question-${id}`}
            aria-invalid={problem ? 'true' : undefined}
          />
        </>
      ) : (
        <p>{t('caseExport.redaction.wholeAnswer', { answer: shownAnswer(context, entry) })}</p>
      )}
    </div>
  );
}

function IdentityChoice(props: { context: PageContext; editor: RedactionEditor; checked: boolean; problem: boolean }) {
  const { context, editor } = props;
  const { t } = context;
  return (
    <fieldset id="field-identity" class={props.problem ? 'field field-error' : 'field'}>
      <legend>{t('caseExport.redaction.identityLegend')}</legend>
      {props.problem ? <p class="error">{t('caseExport.redaction.problems.identityNotAllowed')}</p> : null}
      {!editor.identity ? (
        <p>{t('caseExport.redaction.identityNone')}</p>
      ) : !editor.identityAllowed ? (
        <p>{t('caseExport.redaction.identityNotNamed')}</p>
      ) : (
        <>
          <p class="hint" id="field-identity-hint">
            {t('caseExport.redaction.identityHint')}
          </p>
          <label class="choice">
            <input type="checkbox" name="identity" value="yes" checked={props.checked} aria-describedby="field-identity-hint" />
            <span>{t('caseExport.redaction.identityInclude')}</span>
          </label>
        </>
      )}
    </fieldset>
  );
}
