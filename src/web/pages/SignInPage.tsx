/** The staff sign-in form: e-mail, password and the authenticator code in one step. */
import { ErrorSummary, Field, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';

export function SignInPage(props: {
  context: PageContext;
  values: Record<string, string>;
  errors?: Record<string, string>;
  failure?: string;
}) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = { email: t('signIn.email'), password: t('signIn.password'), code: t('signIn.code') };
  return (
    <Layout context={props.context} title={t('signIn.title')} narrow>
      {props.failure ? <Notice kind="error">{props.failure}</Notice> : null}
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action="/sign-in" novalidate>
        <Field t={t} name="email" type="email" label={labels.email} value={props.values.email} error={errors.email} autocomplete="username" required />
        <Field t={t} name="password" type="password" label={labels.password} error={errors.password} autocomplete="current-password" required />
        <Field t={t} name="code" label={labels.code} hint={t('signIn.codeHint')} error={errors.code} autocomplete="one-time-code" inputMode="numeric" maxLength={40} />
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </Layout>
  );
}
