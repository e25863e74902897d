/**
 * An organisation's results for a round: scores by domain with their spread (chart and table),
 * the same by role group, every question's answers, comments, and action points drawn from
 * them. Every figure is a published cell from the query layer; hidden ones say why.
 */
import { domainScoresChart } from '../../core/toolkit/charts.ts';
import { roleGroups } from '../../core/toolkit/roleGroups.ts';
import { choicesFor, DONT_KNOW } from '../../core/toolkit/scoring.ts';
import { placedQuestions } from '../../core/toolkit/template.ts';
import type { ActionPoint } from '../../storage/toolkit/actionPointStore.ts';
import type { OrganisationReport } from '../../usecases/toolkit/viewResults.ts';
import { CsrfField, ErrorSummary, Field, SelectField } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { bandLabels, Chart, countText, DomainScoreTable, formatDay, hiddenText, localText, scoreText } from './ToolkitParts.tsx';

export function ToolkitResultsPage(props: { context: PageContext; report: OrganisationReport; actionPoints: ActionPoint[]; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t, language } = props.context;
  const { report } = props;
  const title = t('toolkit.results.title', { round: report.round.title, organisation: report.organisationName });
  const base = `/toolkit/rounds/${report.round.id}/results/${report.orgId}`;
  if (report.results.state === 'open') {
    return (
      <Layout context={props.context} title={title}>
        <p>{t('toolkit.results.notYet')}</p>
        <p>
          <a href={`/toolkit/rounds/${report.round.id}`}>{t('toolkit.results.backToRound')}</a>
        </p>
      </Layout>
    );
  }
  const { report: published, comments } = report.results;
  const domainTitle = new Map(report.definition.domains.map((domain) => [domain.key, localText(t, language, domain.title)]));
  const questions = new Map(placedQuestions(report.definition).map((question) => [question.key, question]));
  const chart = domainScoresChart(
    'domains',
    published.domains.map((domain) => ({ label: domainTitle.get(domain.key) ?? domain.key, score: domain.overall })),
    { title: t('toolkit.results.chartTitle'), description: t('toolkit.results.chartDescription'), hidden: t('toolkit.results.hiddenShort'), bands: bandLabels(), mean: (value) => String(value) },
  );
  return (
    <Layout context={props.context} title={title}>
      <p>
        {t('toolkit.results.respondents')}: <strong>{countText(t, published.respondents)}</strong> · <a href={`${base}.csv`}>{t('toolkit.results.csv')}</a> · <a href={`${base}.pdf`}>{t('toolkit.results.pdf')}</a> ·{' '}
        <a href={`/toolkit/progress/${report.orgId}`}>{t('toolkit.results.compare')}</a>
      </p>
      <p class="hint">{t('toolkit.results.thresholdNote')}</p>
      {published.respondents.shown ? (
        <>
          <h2>{t('toolkit.results.byDomain')}</h2>
          <Chart svg={chart} />
          <DomainScoreTable t={t} rows={published.domains.map((domain) => ({ key: domain.key, title: domainTitle.get(domain.key), score: domain.overall }))} />
          <h2>{t('toolkit.results.byRole')}</h2>
          <ScrollTable t={t} name={t('toolkit.results.byRole')}>
            <thead>
              <tr>
                <th scope="col">{t('toolkit.results.domain')}</th>
                {roleGroups.map((role) => (
                  <th scope="col" key={role}>
                    {t(`toolkit.roles.${role}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('toolkit.results.people')}</th>
                {roleGroups.map((role) => (
                  <td key={role}>{countText(t, published.respondentsByRole[role])}</td>
                ))}
              </tr>
              {published.domains.map((domain) => (
                <tr key={domain.key}>
                  <th scope="row">{domainTitle.get(domain.key)}</th>
                  {roleGroups.map((role) => (
                    <td key={role}>{scoreText(t, domain.byRole[role])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <h2>{t('toolkit.results.byQuestion')}</h2>
          {report.definition.domains.map((domain) => (
            <section key={domain.key} aria-labelledby={`q-${domain.key}`}>
              <h3 id={`q-${domain.key}`}>{domainTitle.get(domain.key)}</h3>
              <ul class="question-results">
                {published.questions
                  .filter((question) => question.domainKey === domain.key)
                  .map((question) => {
                    const placed = questions.get(question.key);
                    if (!placed) return null;
                    if (report.round.form === 'short' && !placed.short) return null;
                    return (
                      <li key={question.key}>
                        <p>{localText(t, language, placed.text)}</p>
                        {question.result.shown ? (
                          <p>
                            {t('toolkit.results.questionScore', { mean: question.result.mean, scored: question.result.scored })}{' '}
                            {[...choicesFor(placed.kind), DONT_KNOW]
                              .map((choice) => {
                                const n = question.result.shown ? (question.result.counts.find((count) => count.choice === choice)?.n ?? 0) : 0;
                                const label = choice === DONT_KNOW ? t('toolkit.answer.dontKnow') : placed.kind === 'agreement' ? t(`toolkit.answer.agreement.${choice}`) : t(`toolkit.answer.ynp.${choice}`);
                                return `${label}: ${n}`;
                              })
                              .join(' · ')}
                          </p>
                        ) : (
                          <p class="hint">{hiddenText(t, question.result)}</p>
                        )}
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
          <h2>{t('toolkit.results.comments')}</h2>
          {comments.length === 0 ? (
            <p>{t('toolkit.results.noComments')}</p>
          ) : (
            <ul>
              {comments.map((comment, index) => {
                const placed = questions.get(comment.questionKey);
                return (
                  <li key={index}>
                    <span class="hint">{placed ? localText(t, language, placed.text) : comment.questionKey}</span>
                    <blockquote>{comment.text}</blockquote>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : (
        <p>{t('toolkit.results.tooFewOverall')}</p>
      )}
      <h2>{t('toolkit.actions.fromRound')}</h2>
      {props.actionPoints.length === 0 ? (
        <p>{t('toolkit.actions.none')}</p>
      ) : (
        <ul>
          {props.actionPoints.map((point) => (
            <li key={point.id}>
              <a href={`/toolkit/actions/${point.id}`}>{point.title}</a> — {domainTitle.get(point.domainKey)} — {t(`toolkit.actions.status.${point.status}`)} — {t('toolkit.actions.dueOn', { date: formatDay(language, point.dueOn) })}
            </li>
          ))}
        </ul>
      )}
      <ActionPointForm context={props.context} report={report} errors={props.errors} values={props.values} />
    </Layout>
  );
}

function ActionPointForm(props: { context: PageContext; report: OrganisationReport; errors?: Record<string, string> | undefined; values?: Record<string, string> | undefined }) {
  const { t, language } = props.context;
  const { report } = props;
  const labels = {
    title: t('toolkit.actions.titleLabel'),
    domainKey: t('toolkit.actions.domainLabel'),
    questionKey: t('toolkit.actions.questionLabel'),
    ownerName: t('toolkit.actions.ownerLabel'),
    ownerEmail: t('toolkit.actions.ownerEmailLabel'),
    dueOn: t('toolkit.actions.dueLabel'),
    indicator: t('toolkit.actions.indicatorLabel'),
    target: t('toolkit.actions.targetLabel'),
  };
  const errors = props.errors ?? {};
  return (
    <section aria-labelledby="new-action">
      <h2 id="new-action">{t('toolkit.actions.newTitle')}</h2>
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action="/toolkit/actions" novalidate>
        <CsrfField token={props.context.csrfToken} />
        <input type="hidden" name="roundId" value={report.round.id} />
        <input type="hidden" name="orgId" value={report.orgId} />
        <Field t={t} name="title" label={labels.title} value={props.values?.title} error={errors.title} maxLength={300} required />
        <SelectField t={t} name="domainKey" label={labels.domainKey} value={props.values?.domainKey} error={errors.domainKey} options={report.definition.domains.map((domain) => ({ value: domain.key, label: localText(t, language, domain.title) }))} />
        <SelectField
          t={t}
          name="questionKey"
          label={labels.questionKey}
          value={props.values?.questionKey}
          error={errors.questionKey}
          options={[{ value: '', label: t('toolkit.actions.wholeDomain') }, ...placedQuestions(report.definition).map((question) => ({ value: question.key, label: `${localText(t, language, report.definition.domains[question.domainIndex]?.title ?? question.text)}: ${localText(t, language, question.text).slice(0, 80)}` }))]}
        />
        <Field t={t} name="ownerName" label={labels.ownerName} hint={t('toolkit.actions.ownerHint')} value={props.values?.ownerName} error={errors.ownerName} maxLength={200} required />
        <Field t={t} name="ownerEmail" type="email" label={labels.ownerEmail} hint={t('toolkit.actions.ownerEmailHint')} value={props.values?.ownerEmail} error={errors.ownerEmail} maxLength={254} />
        <Field t={t} name="dueOn" type="date" label={labels.dueOn} value={props.values?.dueOn} error={errors.dueOn} required />
        <Field t={t} name="indicator" label={labels.indicator} hint={t('toolkit.actions.indicatorHint')} value={props.values?.indicator} error={errors.indicator} maxLength={500} required />
        <Field t={t} name="target" label={labels.target} hint={t('toolkit.actions.targetHint')} value={props.values?.target} error={errors.target} maxLength={500} required />
        <button type="submit">{t('toolkit.actions.create')}</button>
      </form>
    </section>
  );
}
