/** Editing one organisation's name, languages and country; its short name stays as it is. */
import type { Organisation } from '../../usecases/organisations/listOrganisations.ts';
import { CsrfField, ErrorSummary, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { OrganisationProfileFields, organisationLabels, type OrganisationFormState } from './AdminOrganisationsPage.tsx';

export function AdminOrganisationPage(props: { context: PageContext; organisation: Organisation; form: OrganisationFormState; saved?: boolean }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={props.organisation.name} narrow>
      <p>
        <a href="/admin/organisations">{t('adminOrganisations.backToList')}</a>
      </p>
      {props.saved ? <Notice kind="success">{t('adminOrganisations.saved')}</Notice> : null}
      <p>
        {t('adminOrganisations.slugFixed')} <code>{props.organisation.slug}</code>
      </p>
      <h2>{t('adminOrganisations.editTitle')}</h2>
      <ErrorSummary t={t} errors={props.form.errors} labels={organisationLabels(props.context)} />
      <form method="post" action={`/admin/organisations/${props.organisation.id}`} novalidate>
        <CsrfField token={props.context.csrfToken} />
        <OrganisationProfileFields context={props.context} form={props.form} />
        <button type="submit">{t('adminOrganisations.save')}</button>
      </form>
    </Layout>
  );
}
