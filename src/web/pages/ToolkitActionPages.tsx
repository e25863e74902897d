/**
 * Action points: the list across a coordinator's scopes with the overdue ones first, and one
 * action point with its indicator, target, dated progress notes and the form to add one.
 */
import { actionStatuses, type ActionPoint, type ProgressNote } from '../../storage/toolkit/actionPointStore.ts';
import { isOverdue } from '../../usecases/toolkit/actionPoints.ts';
import { CsrfField, ErrorSummary, Field, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { formatDay, TextArea } from './ToolkitParts.tsx';

export function ToolkitActionsPage(props: { context: PageContext; overdue: ActionPoint[]; groups: { label: string; points: ActionPoint[] }[]; today: string }) {
  const { t, language } = props.context;
  return (
    <Layout context={props.context} title={t('toolkit.actions.title')}>
      <h2>{t('toolkit.actions.overdueTitle')}</h2>
      {props.overdue.length === 0 ? (
        <p>{t('toolkit.actions.noneOverdue')}</p>
      ) : (
        <ul data-overdue>
          {props.overdue.map((point) => (
            <li key={point.id}>
              <a href={`/toolkit/actions/${point.id}`}>{point.title}</a> — {point.ownerName} — {t('toolkit.actions.dueOn', { date: formatDay(language, point.dueOn) })}
            </li>
          ))}
        </ul>
      )}
      {props.groups.map((group) => (
        <section key={group.label} aria-label={group.label}>
          <h2>{group.label}</h2>
          {group.points.length === 0 ? (
            <p>{t('toolkit.actions.none')}</p>
          ) : (
            <ScrollTable t={t} name={group.label}>
              <thead>
                <tr>
                  <th scope="col">{t('toolkit.actions.titleLabel')}</th>
                  <th scope="col">{t('toolkit.actions.ownerLabel')}</th>
                  <th scope="col">{t('toolkit.actions.dueLabel')}</th>
                  <th scope="col">{t('toolkit.actions.statusLabel')}</th>
                </tr>
              </thead>
              <tbody>
                {group.points.map((point) => (
                  <tr key={point.id}>
                    <td>
                      <a href={`/toolkit/actions/${point.id}`}>{point.title}</a>
                    </td>
                    <td>{point.ownerName}</td>
                    <td>
                      {formatDay(language, point.dueOn)}
                      {isOverdue(point, props.today) ? <strong> ({t('toolkit.actions.overdue')})</strong> : null}
                    </td>
                    <td>{t(`toolkit.actions.status.${point.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </section>
      ))}
    </Layout>
  );
}

export function ToolkitActionPage(props: { context: PageContext; point: ActionPoint; notes: ProgressNote[]; domainTitle: string; questionText: string | undefined; today: string; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t, language } = props.context;
  const { point } = props;
  const overdue = isOverdue(point, props.today);
  return (
    <Layout context={props.context} title={point.title}>
      {overdue ? <p class="notice notice-error">{t('toolkit.actions.overdueNotice', { date: formatDay(language, point.dueOn) })}</p> : null}
      <dl class="facts">
        <dt>{t('toolkit.actions.statusLabel')}</dt>
        <dd>{t(`toolkit.actions.status.${point.status}`)}</dd>
        <dt>{t('toolkit.actions.domainLabel')}</dt>
        <dd>{props.domainTitle}</dd>
        {props.questionText ? (
          <>
            <dt>{t('toolkit.actions.questionLabel')}</dt>
            <dd>{props.questionText}</dd>
          </>
        ) : null}
        <dt>{t('toolkit.actions.ownerLabel')}</dt>
        <dd>
          {point.ownerName}
          {point.ownerEmail ? ` <${point.ownerEmail}>` : ''}
        </dd>
        <dt>{t('toolkit.actions.dueLabel')}</dt>
        <dd>{formatDay(language, point.dueOn)}</dd>
        <dt>{t('toolkit.actions.indicatorLabel')}</dt>
        <dd>{point.indicator}</dd>
        <dt>{t('toolkit.actions.targetLabel')}</dt>
        <dd>{point.target}</dd>
      </dl>
      {point.roundId ? (
        <p>
          <a href={point.orgId ? `/toolkit/rounds/${point.roundId}/results/${point.orgId}` : `/toolkit/rounds/${point.roundId}/network`}>{t('toolkit.actions.backToResults')}</a>
        </p>
      ) : null}
      <h2>{t('toolkit.actions.notesTitle')}</h2>
      {props.notes.length === 0 ? (
        <p>{t('toolkit.actions.noNotes')}</p>
      ) : (
        <ol class="timeline">
          {props.notes.map((note) => (
            <li key={note.id}>
              <strong>{formatDay(language, note.notedOn)}</strong> — {t(`toolkit.actions.status.${note.status}`)}
              <p>{note.note}</p>
            </li>
          ))}
        </ol>
      )}
      <h2>{t('toolkit.actions.progressTitle')}</h2>
      <ErrorSummary t={t} errors={props.errors} labels={{ note: t('toolkit.actions.noteLabel'), dueOn: t('toolkit.actions.newDueLabel'), status: t('toolkit.actions.statusLabel') }} />
      <form method="post" action={`/toolkit/actions/${point.id}/progress`} novalidate>
        <CsrfField token={props.context.csrfToken} />
        <SelectField t={t} name="status" label={t('toolkit.actions.statusLabel')} value={props.values?.status ?? point.status} options={actionStatuses.map((status) => ({ value: status, label: t(`toolkit.actions.status.${status}`) }))} />
        <TextArea name="note" label={t('toolkit.actions.noteLabel')} value={props.values?.note} error={props.errors?.note ? t(props.errors.note) : undefined} maxLength={5000} required />
        <Field t={t} name="dueOn" type="date" label={t('toolkit.actions.newDueLabel')} hint={t('toolkit.actions.newDueHint')} value={props.values?.dueOn} error={props.errors?.dueOn} />
        <button type="submit">{t('toolkit.actions.saveProgress')}</button>
      </form>
    </Layout>
  );
}
