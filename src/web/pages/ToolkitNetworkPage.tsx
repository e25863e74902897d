/**
 * The network roll-up of a network round: scores by domain across the members that shared
 * them (with how many members stand behind each), and each member's shared domains.
 */
import { domainScoresChart } from '../../core/toolkit/charts.ts';
import type { NetworkReport } from '../../usecases/toolkit/viewResults.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { bandLabels, Chart, countText, DomainScoreTable, localText, scoreText } from './ToolkitParts.tsx';

export function ToolkitNetworkPage(props: { context: PageContext; report: NetworkReport }) {
  const { t, language } = props.context;
  const { report } = props;
  const title = t('toolkit.network.title', { round: report.round.title });
  const base = `/toolkit/rounds/${report.round.id}/network`;
  if (report.results.state === 'open') {
    return (
      <Layout context={props.context} title={title}>
        <p>{t('toolkit.results.notYet')}</p>
      </Layout>
    );
  }
  const { rollup } = report.results;
  const titles = report.definition.domains.map((domain) => localText(t, language, domain.title));
  const chart = domainScoresChart(
    'network',
    rollup.network.map((domain, index) => ({ label: titles[index] ?? domain.key, score: domain.score })),
    { title: t('toolkit.network.chartTitle'), description: t('toolkit.results.chartDescription'), hidden: t('toolkit.results.hiddenShort'), bands: bandLabels(), mean: (value) => String(value) },
  );
  return (
    <Layout context={props.context} title={title}>
      <p>
        <a href={`${base}.csv`}>{t('toolkit.results.csv')}</a> · <a href={`${base}.pdf`}>{t('toolkit.results.pdf')}</a>
      </p>
      <p class="hint">{t('toolkit.network.sharingNote')}</p>
      <Chart svg={chart} />
      <DomainScoreTable t={t} withOrganisations rows={rollup.network.map((domain, index) => ({ key: domain.key, title: titles[index], score: domain.score, organisations: domain.organisations }))} />
      <h2>{t('toolkit.network.byOrganisation')}</h2>
      <ScrollTable t={t} name={t('toolkit.network.byOrganisation')}>
        <thead>
          <tr>
            <th scope="col">{t('toolkit.network.organisation')}</th>
            <th scope="col">{t('toolkit.results.people')}</th>
            {titles.map((domainTitle, index) => (
              <th scope="col" key={index}>
                {domainTitle}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rollup.organisations.map((row) => (
            <tr key={row.orgId}>
              <th scope="row">{report.organisationNames.get(row.orgId) ?? ''}</th>
              <td>{countText(t, row.respondents)}</td>
              {row.domains.map((score, index) => (
                <td key={index}>{score.shown ? String(score.summary.mean) : scoreText(t, score)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Layout>
  );
}
