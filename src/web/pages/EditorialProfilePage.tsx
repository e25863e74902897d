/** The byline of someone who writes: the role and short biography readers see. */
import { CsrfField, ErrorSummary, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DeskStyles } from './EditorialStatus.tsx';
import { TextAreaField } from './BlogFormFields.tsx';

export function EditorialProfilePage(props: {
  context: PageContext;
  name: string;
  authorSlug: string | undefined;
  values: Record<string, string>;
  errors?: Record<string, string> | undefined;
  saved?: boolean;
}) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = { role: t('editorial.profile.role'), bio: t('editorial.profile.bio') };
  return (
    <Layout context={props.context} title={t('editorial.profile.title')} narrow>
      <DeskStyles />
      <p>
        <a href="/editorial">{t('editorial.backToDesk')}</a>
      </p>
      {props.saved ? <Notice kind="success">{t('editorial.profile.saved')}</Notice> : null}
      <p>{t('editorial.profile.explained', { name: props.name })}</p>
      {props.authorSlug ? (
        <p>
          <a href={`/blog/authors/${props.authorSlug}`}>{t('editorial.profile.view')}</a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action="/editorial/profile" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="role" label={labels.role} hint={t('editorial.profile.roleHint')} value={props.values.role} error={errors.role} maxLength={200} />
        <TextAreaField t={t} name="bio" label={labels.bio} hint={t('editorial.profile.bioHint')} value={props.values.bio} error={errors.bio} rows={4} maxLength={1000} />
        <button type="submit">{t('editorial.profile.save')}</button>
      </form>
    </Layout>
  );
}
