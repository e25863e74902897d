/** The first-run form: the network, its default language, and the first administrator. */
import { languageName, type Language } from '../../i18n/index.ts';
import { ErrorSummary, Field, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';

export function SetupPage(props: {
  context: PageContext;
  token: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
  languages: Language[];
}) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = {
    networkName: t('setup.networkName'),
    defaultLanguage: t('setup.defaultLanguage'),
    adminName: t('setup.adminName'),
    adminEmail: t('setup.adminEmail'),
    password: t('setup.password'),
    passwordAgain: t('setup.passwordAgain'),
  };
  return (
    <Layout context={props.context} title={t('setup.title')} narrow>
      <p>{t('setup.intro')}</p>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action={`/setup/${props.token}`} novalidate>
        <fieldset>
          <legend>{t('setup.networkLegend')}</legend>
          <Field t={t} name="networkName" label={labels.networkName} value={props.values.networkName} error={errors.networkName} required maxLength={200} />
          <SelectField
            t={t}
            name="defaultLanguage"
            label={labels.defaultLanguage}
            value={props.values.defaultLanguage}
            error={errors.defaultLanguage}
            options={props.languages.map((code) => ({ value: code, label: languageName(code) }))}
          />
        </fieldset>
        <fieldset>
          <legend>{t('setup.adminLegend')}</legend>
          <Field t={t} name="adminName" label={labels.adminName} value={props.values.adminName} error={errors.adminName} autocomplete="name" required maxLength={200} />
          <Field t={t} name="adminEmail" type="email" label={labels.adminEmail} value={props.values.adminEmail} error={errors.adminEmail} autocomplete="email" required />
          <Field t={t} name="password" type="password" label={labels.password} hint={t('password.hint')} error={errors.password} autocomplete="new-password" required />
          <Field t={t} name="passwordAgain" type="password" label={labels.passwordAgain} error={errors.passwordAgain} autocomplete="new-password" required />
        </fieldset>
        <button type="submit">{t('setup.submit')}</button>
      </form>
    </Layout>
  );
}
