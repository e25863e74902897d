/** The series' title, description and disclaimer, per language, for network editors. */
import { languageName, languages, type Language } from '../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DeskStyles } from './EditorialStatus.tsx';
import { TextAreaField } from './BlogFormFields.tsx';

export function EditorialSeriesPage(props: {
  context: PageContext;
  language: Language;
  values: Record<string, string>;
  errors?: Record<string, string> | undefined;
  saved?: boolean;
}) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = { title: t('editorial.series.seriesTitle'), description: t('editorial.series.description'), disclaimer: t('editorial.series.disclaimer') };
  return (
    <Layout context={props.context} title={t('editorial.series.title')} narrow>
      <DeskStyles />
      <p>
        <a href="/editorial">{t('editorial.backToDesk')}</a>
      </p>
      {props.saved ? <Notice kind="success">{t('editorial.series.saved')}</Notice> : null}
      <nav aria-label={t('editorial.series.languages')}>
        <ul class="inline-list">
          {languages.map((code) => (
            <li key={code}>
              <a href={`/editorial/series?language=${code}`} aria-current={code === props.language ? 'page' : undefined}>
                {languageName(code)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('editorial.series.inLanguage', { language: languageName(props.language) })}</h2>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action={`/editorial/series?language=${props.language}`} novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="title" label={labels.title} value={props.values.title} error={errors.title} maxLength={200} required />
        <TextAreaField t={t} name="description" label={labels.description} value={props.values.description} error={errors.description} rows={3} maxLength={1000} />
        <TextAreaField t={t} name="disclaimer" label={labels.disclaimer} hint={t('editorial.series.disclaimerHint')} value={props.values.disclaimer} error={errors.disclaimer} rows={3} maxLength={2000} />
        <button type="submit">{t('editorial.series.save')}</button>
      </form>
    </Layout>
  );
}
