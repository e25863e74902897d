/**
 * The toolkit's front page for coordinators: rounds in their scopes, a form to open a new one,
 * overdue action points, and links to the question bank and each organisation's progress.
 */
import type { ActionPoint } from '../../storage/toolkit/actionPointStore.ts';
import type { Round } from '../../storage/toolkit/roundStore.ts';
import type { TemplateRow } from '../../storage/toolkit/templateStore.ts';
import { CsrfField, ErrorSummary, Field, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { formatDay, localText } from './ToolkitParts.tsx';

export type ScopeOption = { value: string; label: string };

export function ToolkitHomePage(props: {
  context: PageContext;
  rounds: Round[];
  organisationNames: Map<string, string>;
  scopes: ScopeOption[];
  progressLinks: ScopeOption[];
  templates: TemplateRow[];
  overdue: ActionPoint[];
  mayEditTemplates: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t, language } = props.context;
  const labels = { title: t('toolkit.open.titleLabel'), scope: t('toolkit.open.scopeLabel'), templateId: t('toolkit.open.templateLabel'), form: t('toolkit.open.formLabel'), closesOn: t('toolkit.open.closesOnLabel') };
  const published = props.templates.filter((template) => template.status === 'published');
  return (
    <Layout context={props.context} title={t('toolkit.home.title')}>
      <p>{t('toolkit.home.intro')}</p>
      <p>
        <a href="/toolkit/templates">{props.mayEditTemplates ? t('toolkit.home.templatesEdit') : t('toolkit.home.templates')}</a> · <a href="/toolkit/actions">{t('toolkit.home.actions')}</a>
      </p>
      {props.overdue.length > 0 ? (
        <section aria-labelledby="overdue-title">
          <h2 id="overdue-title">{t('toolkit.home.overdueTitle', { count: props.overdue.length })}</h2>
          <ul>
            {props.overdue.map((point) => (
              <li key={point.id}>
                <a href={`/toolkit/actions/${point.id}`}>{point.title}</a> — {t('toolkit.actions.dueOn', { date: formatDay(language, point.dueOn) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('toolkit.home.roundsTitle')}</h2>
      {props.rounds.length === 0 ? (
        <p>{t('toolkit.home.noRounds')}</p>
      ) : (
        <ScrollTable t={t} name={t('toolkit.home.roundsTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('toolkit.home.roundColumn')}</th>
              <th scope="col">{t('toolkit.home.scopeColumn')}</th>
              <th scope="col">{t('toolkit.home.statusColumn')}</th>
              <th scope="col">{t('toolkit.home.openedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rounds.map((round) => (
              <tr key={round.id}>
                <td>
                  <a href={`/toolkit/rounds/${round.id}`}>{round.title}</a>
                </td>
                <td>{round.orgId === null ? t('toolkit.scope.network') : (props.organisationNames.get(round.orgId) ?? '')}</td>
                <td>{t(`toolkit.status.${round.status}`)}</td>
                <td>{formatDay(language, round.openedOn)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {props.progressLinks.length > 0 ? (
        <>
          <h2>{t('toolkit.home.progressTitle')}</h2>
          <ul>
            {props.progressLinks.map((link) => (
              <li key={link.value}>
                <a href={`/toolkit/progress/${link.value}`}>{link.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.scopes.length > 0 && published.length > 0 ? (
        <section aria-labelledby="open-title">
          <h2 id="open-title">{t('toolkit.open.title')}</h2>
          <ErrorSummary t={t} errors={props.errors} labels={labels} />
          <form method="post" action="/toolkit/rounds" novalidate>
            <CsrfField token={props.context.csrfToken} />
            <Field t={t} name="title" label={labels.title} hint={t('toolkit.open.titleHint')} value={props.values?.title} error={props.errors?.title} maxLength={200} required />
            <SelectField t={t} name="scope" label={labels.scope} options={props.scopes} value={props.values?.scope} error={props.errors?.scope} />
            <SelectField
              t={t}
              name="templateId"
              label={labels.templateId}
              value={props.values?.templateId}
              error={props.errors?.templateId}
              options={published.map((template) => ({ value: template.id, label: `${localText(t, language, template.name)} (v${template.version})` }))}
            />
            <SelectField t={t} name="form" label={labels.form} value={props.values?.form} options={[{ value: 'long', label: t('toolkit.form.long') }, { value: 'short', label: t('toolkit.form.short') }]} />
            <Field t={t} name="closesOn" type="date" label={labels.closesOn} hint={t('toolkit.open.closesOnHint')} value={props.values?.closesOn} error={props.errors?.closesOn} />
            <button type="submit">{t('toolkit.open.submit')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
