/**
 * Retention for network administrators: the closed cases next in line for purging, the cases a
 * legal hold keeps, and what each purge run deleted. Case numbers, dates and procedures only;
 * each number links to the case's audit trail.
 */
import type { ProcedureLabel, RetentionLine, RetentionOverview } from '../../usecases/cases/readRetention.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { DateTime } from './AdminFormParts.tsx';

/** A calendar day (YYYY-MM-DD, UTC) in the reader's language. */
export function DayText(props: { language: string; day: string }) {
  const date = new Date(`${props.day}T00:00:00Z`);
  const text = Number.isNaN(date.getTime()) ? props.day : new Intl.DateTimeFormat(props.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  return <time dateTime={props.day}>{text}</time>;
}

export function ProcedureName(props: { context: PageContext; procedure: ProcedureLabel }) {
  return props.procedure.nameKey ? <>{props.context.t(props.procedure.nameKey)}</> : <code>{props.procedure.id}</code>;
}

/** `today`: when given, purge days on or before it are marked as due. */
function CaseTable(props: { context: PageContext; lines: RetentionLine[]; caption: string; today?: string }) {
  const { t, language } = props.context;
  const none = t('retention.none');
  return (
    <ScrollTable t={t} name={props.caption}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('retention.case')}</th>
          <th scope="col">{t('retention.closedOn')}</th>
          <th scope="col">{t('retention.purgeOn')}</th>
          <th scope="col">{t('retention.procedure')}</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line) => (
          <tr key={line.ref}>
            <td>
              <a href={`/audit/cases/${line.ref}`}>{t('caseAudit.caseNumber', { ref: line.ref })}</a>
            </td>
            <td>{line.closedOn ? <DayText language={language} day={line.closedOn} /> : none}</td>
            <td>
              {line.purgeOn ? <DayText language={language} day={line.purgeOn} /> : none}
              {line.purgeOn && props.today && line.purgeOn <= props.today ? ` ${t('retention.pastDue')}` : null}
            </td>
            <td>{line.procedure ? <ProcedureName context={props.context} procedure={line.procedure} /> : none}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Reports(props: { context: PageContext; reports: RetentionOverview['reports'] }) {
  const { t, language } = props.context;
  if (props.reports.length === 0) return <p>{t('retention.reportsEmpty')}</p>;
  return (
    <ScrollTable t={t} name={t('retention.reportsCaption')}>
      <caption>{t('retention.reportsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('retention.ranAt')}</th>
          <th scope="col">{t('retention.purged')}</th>
          <th scope="col">{t('retention.filesRemoved')}</th>
          <th scope="col">{t('retention.keptForLegalHold')}</th>
        </tr>
      </thead>
      <tbody>
        {props.reports.map((report) => (
          <tr key={report.id} data-purge-report={report.id}>
            <td>
              <DateTime language={language} value={report.ranAt} />
            </td>
            <td>
              <ul>
                {report.purged.map((entry) => (
                  <li key={entry.ref}>
                    {t('caseAudit.caseNumber', { ref: entry.ref })}
                    {' — '}
                    {entry.procedure ? <ProcedureName context={props.context} procedure={entry.procedure} /> : t('retention.none')}
                    {entry.closedOn ? (
                      <>
                        {', '}
                        {t('retention.closedOn')} <DayText language={language} day={entry.closedOn} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </td>
            <td>{report.filesRemoved}</td>
            <td>{report.keptForLegalHold}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function RetentionPage(props: { context: PageContext; overview: RetentionOverview; today: string; first: boolean }) {
  const { t } = props.context;
  const { overview } = props;
  return (
    <Layout context={props.context} title={t('retention.title')}>
      <p>{t('retention.intro')}</p>
      <h2>{t('retention.nextTitle')}</h2>
      {overview.next.length === 0 ? (
        <p>{t('retention.nextEmpty')}</p>
      ) : (
        <CaseTable context={props.context} lines={overview.next} caption={t('retention.nextCaption')} today={props.today} />
      )}
      <h2>{t('retention.heldTitle')}</h2>
      <p>{t('retention.heldIntro')}</p>
      {overview.held.length === 0 ? (
        <p>{t('retention.heldEmpty')}</p>
      ) : (
        <CaseTable context={props.context} lines={overview.held} caption={t('retention.heldCaption')} />
      )}
      <h2>{t('retention.reportsTitle')}</h2>
      <Reports context={props.context} reports={overview.reports} />
      {props.first && !overview.olderThan ? null : (
        <nav aria-label={t('retention.pages')}>
          <ul>
            {props.first ? null : (
              <li>
                <a href="/admin/retention">{t('retention.newest')}</a>
              </li>
            )}
            {overview.olderThan ? (
              <li>
                <a href={`/admin/retention?olderThan=${encodeURIComponent(overview.olderThan.toISOString())}`}>{t('retention.older')}</a>
              </li>
            ) : null}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
