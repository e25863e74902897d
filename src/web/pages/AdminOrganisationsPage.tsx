/** The network's member organisations, with the form to add one (network administrators). */
import { countryName, languageCodeName, namedCountries, namedLanguages } from '../../core/organisations.ts';
import type { Organisation } from '../../usecases/organisations/listOrganisations.ts';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { MultiSelectField } from './AdminFormParts.tsx';

export type OrganisationFormState = {
  values: Record<string, string>;
  languages: readonly string[];
  errors?: Record<string, string> | undefined;
};

export function organisationLabels(context: PageContext): Record<string, string> {
  const { t } = context;
  return {
    name: t('adminOrganisations.name'),
    slug: t('adminOrganisations.slug'),
    languages: t('adminOrganisations.languages'),
    country: t('adminOrganisations.country'),
  };
}

/** Name, languages and country: the fields both adding and editing show. */
export function OrganisationProfileFields(props: { context: PageContext; form: OrganisationFormState }) {
  const { t, language } = props.context;
  const errors = props.form.errors ?? {};
  const labels = organisationLabels(props.context);
  return (
    <>
      <Field t={t} name="name" label={labels.name ?? ''} value={props.form.values.name} error={errors.name} required maxLength={200} />
      <MultiSelectField
        t={t}
        name="languages"
        label={labels.languages ?? ''}
        hint={t('adminOrganisations.languagesHint')}
        values={props.form.languages}
        error={errors.languages}
        options={namedLanguages(language).map((entry) => ({ value: entry.code, label: `${entry.name} (${entry.code})` }))}
      />
      <SelectField
        t={t}
        name="country"
        label={labels.country ?? ''}
        value={props.form.values.country ?? ''}
        error={errors.country}
        options={[{ value: '', label: t('adminOrganisations.chooseCountryOption') }, ...namedCountries(language).map((entry) => ({ value: entry.code, label: entry.name }))]}
      />
    </>
  );
}

export function AdminOrganisationsPage(props: { context: PageContext; organisations: Organisation[]; form: OrganisationFormState; added?: boolean }) {
  const { t, language } = props.context;
  const errors = props.form.errors ?? {};
  return (
    <Layout context={props.context} title={t('adminOrganisations.title')}>
      {props.added ? <Notice kind="success">{t('adminOrganisations.added')}</Notice> : null}
      {props.organisations.length === 0 ? (
        <p>{t('adminOrganisations.none')}</p>
      ) : (
        <ScrollTable t={t} name={t('adminOrganisations.tableCaption')}>
          <caption>{t('adminOrganisations.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('adminOrganisations.name')}</th>
              <th scope="col">{t('adminOrganisations.slug')}</th>
              <th scope="col">{t('adminOrganisations.languages')}</th>
              <th scope="col">{t('adminOrganisations.country')}</th>
            </tr>
          </thead>
          <tbody>
            {props.organisations.map((organisation) => (
              <tr key={organisation.id}>
                <td>
                  <a href={`/admin/organisations/${organisation.id}`}>{organisation.name}</a>
                </td>
                <td>
                  <code>{organisation.slug}</code>
                </td>
                <td>{organisation.languages.map((code) => languageCodeName(code, language)).join(', ')}</td>
                <td>{countryName(organisation.country, language)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <h2 id="add">{t('adminOrganisations.addTitle')}</h2>
      <ErrorSummary t={t} errors={props.form.errors} labels={organisationLabels(props.context)} />
      <form method="post" action="/admin/organisations" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <Field
          t={t}
          name="slug"
          label={t('adminOrganisations.slug')}
          hint={t('adminOrganisations.slugHint')}
          value={props.form.values.slug}
          error={errors.slug}
          required
          maxLength={40}
        />
        <OrganisationProfileFields context={props.context} form={props.form} />
        <button type="submit">{t('adminOrganisations.add')}</button>
      </form>
    </Layout>
  );
}
