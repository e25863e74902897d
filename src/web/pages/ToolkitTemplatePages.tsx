/**
 * The question bank: the list of templates and versions with a form to copy one, a template's
 * domains and questions (editable while it is a draft, one question at a time), and the form
 * that edits a question's words in every language, its kind and whether the short form asks it.
 */
import { questionKinds, type Question, type TemplateDefinition } from '../../core/toolkit/template.ts';
import { languageName, languages } from '../../i18n/index.ts';
import type { TemplateRow } from '../../storage/toolkit/templateStore.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { localText, TextArea } from './ToolkitParts.tsx';

type Translate = PageContext['t'];

export function ToolkitTemplatesPage(props: { context: PageContext; templates: TemplateRow[]; mayEdit: boolean; errors?: Record<string, string> }) {
  const { t, language } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.templates.title')}>
      <p>{t('toolkit.templates.intro')}</p>
      <ErrorSummary t={t} errors={props.errors} labels={{}} />
      <ScrollTable t={t} name={t('toolkit.templates.tableName')}>
        <thead>
          <tr>
            <th scope="col">{t('toolkit.templates.name')}</th>
            <th scope="col">{t('toolkit.templates.version')}</th>
            <th scope="col">{t('toolkit.templates.state')}</th>
            <th scope="col">{t('toolkit.templates.questions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.templates.map((template) => (
            <tr key={template.id}>
              <td>
                <a href={`/toolkit/templates/${template.id}`}>{localText(t, language, template.name)}</a>
              </td>
              <td>{template.version}</td>
              <td>{template.builtIn ? t('toolkit.templates.builtIn') : t(`toolkit.templates.${template.status}`)}</td>
              <td>{template.definition.domains.reduce((sum, domain) => sum + domain.questions.length, 0)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Layout>
  );
}

function kindOptions(t: Translate) {
  return questionKinds.map((kind) => ({ value: kind, label: t(`toolkit.templates.kind.${kind}`) }));
}

function QuestionFields(props: { t: Translate; question?: Question | undefined; language: string }) {
  const { t } = props;
  const existing = props.question?.text;
  return (
    <>
      {languages.map((code) => (
        <TextArea
          key={code}
          name={`text_${code}`}
          label={t('toolkit.templates.textIn', { language: languageName(code) })}
          value={existing ? localText(t, code, existing) : ''}
          rows={2}
          maxLength={1000}
          required={code === 'en'}
        />
      ))}
      <SelectField t={t} name="kind" label={t('toolkit.templates.kindLabel')} value={props.question?.kind} options={kindOptions(t)} />
      <label class="choice">
        <input type="checkbox" name="short" value="yes" checked={props.question?.short ?? false} />
        {t('toolkit.templates.inShortForm')}
      </label>
    </>
  );
}

export function ToolkitTemplatePage(props: { context: PageContext; template: TemplateRow; mayEdit: boolean; notice?: string | undefined; error?: string | undefined }) {
  const { t, language } = props.context;
  const { template } = props;
  const editable = props.mayEdit && template.status === 'draft' && !template.builtIn;
  const base = `/toolkit/templates/${template.id}`;
  return (
    <Layout context={props.context} title={`${localText(t, language, template.name)} — v${template.version}`}>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>{template.builtIn ? t('toolkit.templates.builtInNote') : t(`toolkit.templates.${template.status}Note`)}</p>
      {props.mayEdit ? (
        <div class="actions">
          <form method="post" action={`${base}/copy`}>
            <CsrfField token={props.context.csrfToken} />
            <Field t={t} name="name" label={t('toolkit.templates.copyName')} maxLength={200} required />
            <button type="submit">{t('toolkit.templates.copy')}</button>
          </form>
          {template.status === 'published' && !template.builtIn ? (
            <form method="post" action={`${base}/version`}>
              <CsrfField token={props.context.csrfToken} />
              <button type="submit" class="secondary">
                {t('toolkit.templates.newVersion')}
              </button>
            </form>
          ) : null}
          {editable ? (
            <form method="post" action={`${base}/publish`}>
              <CsrfField token={props.context.csrfToken} />
              <p class="hint">{t('toolkit.templates.publishHint')}</p>
              <button type="submit">{t('toolkit.templates.publish')}</button>
            </form>
          ) : null}
        </div>
      ) : null}
      <DomainList context={props.context} definition={template.definition} editable={editable} base={base} />
    </Layout>
  );
}

function DomainList(props: { context: PageContext; definition: TemplateDefinition; editable: boolean; base: string }) {
  const { t, language } = props.context;
  return (
    <>
      {props.definition.domains.map((domain) => (
        <section key={domain.key} aria-labelledby={`domain-${domain.key}`}>
          <h2 id={`domain-${domain.key}`}>{localText(t, language, domain.title)}</h2>
          <p class="hint">{localText(t, language, domain.summary)}</p>
          <ol>
            {domain.questions.map((question) => (
              <li key={question.key}>
                {localText(t, language, question.text)}{' '}
                <span class="hint">
                  ({t(`toolkit.templates.kind.${question.kind}`)}
                  {question.short ? `, ${t('toolkit.templates.shortTag')}` : ''})
                </span>
                {props.editable ? (
                  <>
                    {' '}
                    <a href={`${props.base}/questions/${encodeURIComponent(question.key)}`}>{t('toolkit.templates.edit')}</a>
                    <form method="post" action={`${props.base}/questions/${encodeURIComponent(question.key)}/remove`} class="inline">
                      <CsrfField token={props.context.csrfToken} />
                      <button type="submit" class="link-button">
                        {t('toolkit.templates.remove')}
                      </button>
                    </form>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
          {props.editable ? (
            <details>
              <summary>{t('toolkit.templates.addQuestion')}</summary>
              <form method="post" action={`${props.base}/domains/${encodeURIComponent(domain.key)}/questions`}>
                <CsrfField token={props.context.csrfToken} />
                <QuestionFields t={t} language={language} />
                <button type="submit">{t('toolkit.templates.add')}</button>
              </form>
            </details>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function ToolkitQuestionPage(props: { context: PageContext; template: TemplateRow; question: Question; error?: string | undefined }) {
  const { t, language } = props.context;
  const base = `/toolkit/templates/${props.template.id}`;
  return (
    <Layout context={props.context} title={t('toolkit.templates.editQuestion')} narrow>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p class="hint">{localText(t, language, props.template.name)}</p>
      <form method="post" action={`${base}/questions/${encodeURIComponent(props.question.key)}`}>
        <CsrfField token={props.context.csrfToken} />
        <QuestionFields t={t} question={props.question} language={language} />
        <button type="submit">{t('toolkit.templates.save')}</button>
      </form>
      <p>
        <a href={base}>{t('toolkit.templates.back')}</a>
      </p>
    </Layout>
  );
}
