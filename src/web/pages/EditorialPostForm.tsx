/**
 * The post form: Markdown with a preview that works as a plain form (the Preview button
 * re-renders the page with the text rendered below it) and, with JavaScript, follows the text
 * as it is typed (editorial-preview.js, served as a file; no inline script).
 */
import type { SafeHtml } from '../../core/publishing/markdown.ts';
import { POST_BODY_MAX } from '../../core/publishing/markdown.ts';
import type { Translate } from '../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field, SelectField } from '../components/Form.tsx';
import { TextAreaField } from './BlogFormFields.tsx';

export type Option = { value: string; label: string };

export type PostFormProps = {
  t: Translate;
  csrfToken: string | undefined;
  action: string;
  values: Record<string, string>;
  errors?: Record<string, string> | undefined;
  writingOptions: Option[];
  languageOptions: Option[];
  previewHtml: SafeHtml | undefined;
  saveLabel: string;
};

export function postFormLabels(t: Translate) {
  return {
    title: t('editorial.form.title'),
    slug: t('editorial.form.slug'),
    summary: t('editorial.form.summary'),
    body: t('editorial.form.body'),
    language: t('editorial.form.language'),
    kind: t('editorial.form.kind'),
    tags: t('editorial.form.tags'),
    signatories: t('editorial.form.signatories'),
    authorRole: t('editorial.form.authorRole'),
    orgId: t('editorial.form.organisation'),
    translationOf: t('editorial.form.translationOf'),
  };
}

export function EditorialPostForm(props: PostFormProps) {
  const { t, values } = props;
  const errors = props.errors ?? {};
  const labels = postFormLabels(t);
  return (
    <>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action={props.action} novalidate class="post-form">
        <CsrfField token={props.csrfToken} />
        <Field t={t} name="title" label={labels.title} value={values.title} error={errors.title} maxLength={300} required />
        <Field t={t} name="slug" label={labels.slug} hint={t('editorial.form.slugHint')} value={values.slug} error={errors.slug} maxLength={80} />
        <TextAreaField t={t} name="summary" label={labels.summary} hint={t('editorial.form.summaryHint')} value={values.summary} error={errors.summary} rows={2} maxLength={1000} />
        <SelectField t={t} name="orgId" label={labels.orgId} options={props.writingOptions} value={values.orgId} error={errors.orgId} />
        <Field t={t} name="authorRole" label={labels.authorRole} hint={t('editorial.form.authorRoleHint')} value={values.authorRole} error={errors.authorRole} maxLength={200} />
        <SelectField t={t} name="language" label={labels.language} options={props.languageOptions} value={values.language} error={errors.language} />
        <Field t={t} name="translationOf" label={labels.translationOf} hint={t('editorial.form.translationOfHint')} value={values.translationOf} error={errors.translationOf} maxLength={80} />
        <SelectField
          t={t}
          name="kind"
          label={labels.kind}
          options={[
            { value: 'post', label: t('editorial.form.kindPost') },
            { value: 'statement', label: t('editorial.form.kindStatement') },
          ]}
          value={values.kind}
          error={errors.kind}
        />
        <Field t={t} name="tags" label={labels.tags} hint={t('editorial.form.tagsHint')} value={values.tags} error={errors.tags} maxLength={1000} />
        <TextAreaField
          t={t}
          name="body"
          label={labels.body}
          hint={t('editorial.form.bodyHint')}
          value={values.body}
          error={errors.body}
          rows={18}
          maxLength={POST_BODY_MAX}
          required
          previewSource
          className="field-body"
        />
        <TextAreaField
          t={t}
          name="signatories"
          label={labels.signatories}
          hint={t('editorial.form.signatoriesHint')}
          value={values.signatories}
          error={errors.signatories}
          rows={4}
          maxLength={100_000}
        />
        <div class="form-buttons">
          <button type="submit" name="intent" value="preview" class="secondary">
            {t('editorial.form.preview')}
          </button>
          <button type="submit" name="intent" value="save">
            {props.saveLabel}
          </button>
        </div>
      </form>
      <section class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t('editorial.form.previewTitle')}</h2>
        <div class="post-body" data-preview-target="" dangerouslySetInnerHTML={{ __html: props.previewHtml ?? '' }} />
      </section>
      <script src="/assets/editorial-preview.js" defer />
    </>
  );
}
