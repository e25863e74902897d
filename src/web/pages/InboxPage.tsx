/**
 * A handler's inbox: how many of their cases are overdue, a filter and search form (a plain GET
 * form, so it works without JavaScript), and one page of cases, the next due date first,
 * metadata only, in a table that scrolls sideways inside its own region on a narrow phone.
 */
import { caseCategories } from '../../core/cases/caseWorkInput.ts';
import { priorities } from '../../core/procedures/vocabulary.ts';
import { categoryNameKey, filterFields, listedStatuses, stepChoices, type Inbox, type InboxChoices, type InboxEntry } from '../../usecases/cases/listInbox.ts';
import { ErrorSummary, Field, Notice, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import type { FieldErrors } from '../forms.ts';

export type InboxPageProps = {
  context: PageContext;
  /** The filters as typed (the form shows them again, the page links keep them). */
  values: Record<string, string>;
  choices: InboxChoices;
  inbox?: Inbox | undefined;
  errors?: FieldErrors | undefined;
};

function hrefWith(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const field of filterFields) if (values[field]) query.set(field, values[field]);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  const text = query.toString();
  return text ? `/inbox?${text}` : '/inbox';
}

function formatDay(language: string, day: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function Filters(props: InboxPageProps) {
  const { t } = props.context;
  const { values, errors, choices } = props;
  const any = { value: '', label: t('inbox.filters.any') };
  const error = (field: string) => (errors?.[field] ? `inbox.problems.${field}` : undefined);
  const checkbox = (name: 'overdue' | 'mine') => (
    <div class={errors?.[name] ? 'field field-error' : 'field'}>
      <label for={`field-${name}`} class="inbox-check">
        <input type="checkbox" id={`field-${name}`} name={name} value="1" checked={values[name] === '1'} /> {t(`inbox.filters.${name}`)}
      </label>
    </div>
  );
  return (
    <form method="get" action="/inbox" class="inbox-filters" aria-labelledby="inbox-filters-title">
      <h2 id="inbox-filters-title">{t('inbox.filters.title')}</h2>
      <Field t={t} name="q" label={t('inbox.filters.q')} hint={t('inbox.filters.qHint')} value={values.q} error={error('q')} maxLength={100} />
      <div class="inbox-filter-grid">
        <SelectField t={t} name="status" label={t('inbox.filters.status')} value={values.status} error={error('status')} options={[any, ...listedStatuses.map((status) => ({ value: status, label: t(`intake.status.${status}`) }))]} />
        <SelectField t={t} name="step" label={t('inbox.filters.step')} value={values.step} error={error('step')} options={[any, ...stepChoices.map((step) => ({ value: step.id, label: t(step.nameKey) }))]} />
        <SelectField
          t={t}
          name="organisation"
          label={t('inbox.filters.organisation')}
          value={values.organisation}
          error={error('organisation')}
          options={[any, { value: 'network', label: t('inbox.filters.network', { name: choices.networkName }) }, ...choices.organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
        />
        <SelectField t={t} name="category" label={t('inbox.filters.category')} value={values.category} error={error('category')} options={[any, ...caseCategories.map((category) => ({ value: category, label: t(categoryNameKey(category)) }))]} />
        <SelectField t={t} name="priority" label={t('inbox.filters.priority')} value={values.priority} error={error('priority')} options={[any, ...priorities.map((priority) => ({ value: priority, label: t(`inbox.priority.${priority}`) }))]} />
        <Field t={t} name="label" label={t('inbox.filters.label')} value={values.label} error={error('label')} maxLength={40} />
      </div>
      {checkbox('overdue')}
      {checkbox('mine')}
      <p class="inbox-actions">
        <button type="submit">{t('inbox.filters.apply')}</button> <a href="/inbox">{t('inbox.filters.clear')}</a>
      </p>
    </form>
  );
}

function Deadline(props: { context: PageContext; entry: InboxEntry }) {
  const { t, language } = props.context;
  const { entry } = props;
  if (!entry.nextDueOn || !entry.deadline) return <>{t('inbox.noDueDate')}</>;
  return (
    <>
      <time dateTime={entry.nextDueOn}>{formatDay(language, entry.nextDueOn)}</time>
      <br />
      <span class={`deadline deadline-${entry.deadline}`}>{t(`inbox.deadline.${entry.deadline}`)}</span>
    </>
  );
}

function Row(props: { context: PageContext; entry: InboxEntry; networkName: string }) {
  const { t, language } = props.context;
  const { entry } = props;
  const notSet = t('inbox.notSet');
  return (
    <tr class={entry.status === 'submitted' ? 'unread' : undefined}>
      <th scope="row">
        <a href={`/cases/${entry.id}`}>{t('inbox.caseNumber', { ref: entry.ref })}</a>
      </th>
      <td>
        <time dateTime={entry.receivedAt.toISOString()}>{formatDay(language, entry.receivedAt.toISOString().slice(0, 10))}</time>
        <br />
        <span class="inbox-secondary">{entry.orgName ?? props.networkName}</span>
      </td>
      <td>{t(`intake.status.${entry.status}`)}</td>
      <td>
        {entry.procedureNameKey ? (
          t(entry.procedureNameKey)
        ) : (
          <>
            {t(`intake.paths.${entry.path}.label`)}
            <br />
            <span class="inbox-secondary">{t('inbox.notStarted')}</span>
          </>
        )}
      </td>
      <td>{entry.steps.length === 0 ? notSet : entry.steps.map((step) => (step.nameKey ? t(step.nameKey) : t('inbox.unknownStep', { id: step.id }))).join(', ')}</td>
      <td>
        <Deadline context={props.context} entry={entry} />
      </td>
      <td>{entry.priority ? t(`inbox.priority.${entry.priority}`) : notSet}</td>
      <td>{entry.category ? t(categoryNameKey(entry.category)) : notSet}</td>
      <td>{entry.labels.length === 0 ? notSet : entry.labels.join(', ')}</td>
      <td>{entry.onTeam ? t('inbox.yes') : t('inbox.no')}</td>
    </tr>
  );
}

const columns = ['received', 'status', 'path', 'steps', 'due', 'priority', 'category', 'labels', 'team'] as const;

function Cases(props: { context: PageContext; inbox: Inbox; filtered: boolean }) {
  const { t } = props.context;
  const { inbox } = props;
  if (inbox.entries.length === 0) return <p>{props.filtered ? t('inbox.emptyFiltered') : t('inbox.empty')}</p>;
  return (
    <ScrollTable t={t} name={t('inbox.casesTitle')} regionClass="inbox-table">
      <caption>{t('inbox.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('inbox.columns.number')}</th>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {t(`inbox.columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {inbox.entries.map((entry) => (
          <Row key={entry.id} context={props.context} entry={entry} networkName={inbox.choices.networkName} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Pages(props: { context: PageContext; inbox: Inbox; values: Record<string, string> }) {
  const { t } = props.context;
  const { inbox, values } = props;
  if (!inbox.paged && !inbox.next) return null;
  return (
    <nav aria-label={t('inbox.pages')}>
      <ul class="inbox-pages">
        {inbox.paged ? (
          <li>
            <a href={hrefWith(values)}>{t('inbox.first')}</a>
          </li>
        ) : null}
        {inbox.previous ? (
          <li>
            <a href={hrefWith(values, { before: inbox.previous })} rel="prev">
              {t('inbox.previous')}
            </a>
          </li>
        ) : null}
        {inbox.next ? (
          <li>
            <a href={hrefWith(values, { after: inbox.next })} rel="next">
              {t('inbox.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

function Overdue(props: { context: PageContext; inbox: Inbox; values: Record<string, string> }) {
  const { t } = props.context;
  const { count, atLeast } = props.inbox.overdue;
  if (count === 0) return <p>{t('inbox.noneOverdue')}</p>;
  return (
    <Notice kind="info">
      {atLeast ? t('inbox.overdueAtLeast', { count }) : t('inbox.overdueCount', { count })}{' '}
      {props.values.overdue === '1' ? null : <a href={hrefWith({ ...props.values, overdue: '1' })}>{t('inbox.showOverdue')}</a>}
    </Notice>
  );
}

export function InboxPage(props: InboxPageProps) {
  const { t } = props.context;
  const { inbox, values, errors } = props;
  const labels = Object.fromEntries(filterFields.map((field) => [field, t(`inbox.filters.${field}`)]));
  const problems = errors ? Object.fromEntries(Object.keys(errors).map((field) => [field, `inbox.problems.${field}`])) : undefined;
  return (
    <Layout context={props.context} title={t('inbox.title')}>
      <link rel="stylesheet" href="/assets/inbox.css" />
      <p>{t('inbox.lead')}</p>
      {problems ? (
        <>
          <p>{t('inbox.problems.lead')}</p>
          <ErrorSummary t={t} errors={problems} labels={labels} />
        </>
      ) : null}
      {inbox ? <Overdue context={props.context} inbox={inbox} values={values} /> : null}
      <Filters {...props} />
      {inbox ? (
        <>
          <h2>{t('inbox.casesTitle')}</h2>
          <Cases context={props.context} inbox={inbox} filtered={filterFields.some((field) => values[field])} />
          <Pages context={props.context} inbox={inbox} values={values} />
        </>
      ) : null}
    </Layout>
  );
}
