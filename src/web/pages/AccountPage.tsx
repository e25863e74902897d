/** Account settings: language and password. */
import { languageName, languages, type Language } from '../../i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';

export function AccountPage(props: {
  context: PageContext;
  email: string;
  language: Language;
  errors?: Record<string, string>;
  passwordChanged?: boolean;
}) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = {
    currentPassword: t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    newPasswordAgain: t('account.newPasswordAgain'),
  };
  return (
    <Layout context={props.context} title={t('account.title')} narrow>
      <p>{t('account.signedInAs', { email: props.email })}</p>
      {props.passwordChanged ? <Notice kind="success">{t('account.passwordChanged')}</Notice> : null}
      <h2>{t('account.languageTitle')}</h2>
      <form method="post" action="/account/language">
        <CsrfField token={props.context.csrfToken} />
        <SelectField
          t={t}
          name="language"
          label={t('account.language')}
          value={props.language}
          options={languages.map((code) => ({ value: code, label: languageName(code) }))}
        />
        <button type="submit">{t('account.saveLanguage')}</button>
      </form>
      <h2>{t('account.passwordTitle')}</h2>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action="/account/password" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field t={t} name="currentPassword" type="password" label={labels.currentPassword} error={errors.currentPassword} autocomplete="current-password" required />
        <Field t={t} name="newPassword" type="password" label={labels.newPassword} hint={t('password.hint')} error={errors.newPassword} autocomplete="new-password" required />
        <Field t={t} name="newPasswordAgain" type="password" label={labels.newPasswordAgain} error={errors.newPasswordAgain} autocomplete="new-password" required />
        <button type="submit">{t('account.changePassword')}</button>
      </form>
    </Layout>
  );
}
