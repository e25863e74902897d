/**
 * An organisation's progress over time: each domain's score in every closed round it took part
 * in, and its action points by status with how late the unfinished ones are.
 */
import { trendChart } from '../../core/toolkit/charts.ts';
import type { ActionPoint } from '../../storage/toolkit/actionPointStore.ts';
import type { ProgressAcrossRounds } from '../../usecases/toolkit/viewResults.ts';
import { isOverdue } from '../../usecases/toolkit/actionPoints.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { Chart, formatDay, localText, scoreText } from './ToolkitParts.tsx';

export function ToolkitProgressPage(props: { context: PageContext; progress: ProgressAcrossRounds; actionPoints: ActionPoint[]; today: string }) {
  const { t, language } = props.context;
  const { progress } = props;
  const roundLabels = progress.rounds.map((entry) => `${entry.round.title} (${formatDay(language, entry.round.closedOn)})`);
  const rows = progress.domains.map((domain) => ({ label: localText(t, language, domain.title), scores: domain.scores }));
  const statuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
  return (
    <Layout context={props.context} title={t('toolkit.progress.title', { organisation: progress.organisationName })}>
      <h2>{t('toolkit.progress.scoresTitle')}</h2>
      {progress.rounds.length === 0 ? (
        <p>{t('toolkit.progress.noRounds')}</p>
      ) : (
        <>
          <Chart svg={trendChart('trend', roundLabels, rows, { title: t('toolkit.progress.chartTitle'), description: t('toolkit.progress.chartDescription'), hidden: t('toolkit.results.hiddenShort') })} />
          <ScrollTable t={t} name={t('toolkit.progress.scoresTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('toolkit.results.domain')}</th>
                {roundLabels.map((label, index) => (
                  <th scope="col" key={index}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {progress.domains.map((domain) => (
                <tr key={domain.key}>
                  <th scope="row">{localText(t, language, domain.title)}</th>
                  {domain.scores.map((score, index) => (
                    <td key={index}>{scoreText(t, score)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
      <h2>{t('toolkit.progress.actionsTitle')}</h2>
      {statuses.map((status) => {
        const points = props.actionPoints.filter((point) => point.status === status);
        if (points.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`status-${status}`}>
            <h3 id={`status-${status}`}>{t(`toolkit.actions.status.${status}`)} ({points.length})</h3>
            <ul>
              {points.map((point) => (
                <li key={point.id}>
                  <a href={`/toolkit/actions/${point.id}`}>{point.title}</a> — {t('toolkit.actions.dueOn', { date: formatDay(language, point.dueOn) })}
                  {isOverdue(point, props.today) ? <strong> — {t('toolkit.actions.overdue')}</strong> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {props.actionPoints.length === 0 ? <p>{t('toolkit.actions.none')}</p> : null}
    </Layout>
  );
}
