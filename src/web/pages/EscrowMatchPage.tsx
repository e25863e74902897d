/**
 * A match opened by an escrow counsellor: every entry on it, read in this counsellor's session,
 * with the reporter's decision, the report they went on to (and whether their account has reached
 * it), the account, and the evidence to download. Entries that could not be read say why. The
 * page says that the read was recorded.
 */
import type { CaseLink } from '../../storage/escrow/caseLinkStore.ts';
import type { OpenedEntry } from '../../usecases/escrow/matchOpening.ts';
import type { MatchRead } from '../../usecases/escrow/openEscrowMatch.ts';
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';

export function EscrowMatchPage(props: { context: PageContext; opened: MatchRead }) {
  const { t, language } = props.context;
  const { match, outcome, entries } = props.opened;
  return (
    <Layout context={props.context} title={t('escrow.match.title')}>
      <p>
        <a href="/escrow/matches">{t('escrow.match.back')}</a>
      </p>
      <Notice kind="info">{t('escrow.match.audited')}</Notice>
      <dl class="case-summary">
        <div>
          <dt>{t('escrow.staff.matchedOn')}</dt>
          <dd>{formatDate(language, match.matchedAt)}</dd>
        </div>
        <div>
          <dt>{t('escrow.staff.reporters')}</dt>
          <dd>{match.reporters}</dd>
        </div>
      </dl>
      {outcome === 'opened' ? null : <Notice kind="error">{t(`escrow.match.outcome.${outcome}`)}</Notice>}
      {entries.map((entry, index) => (
        <Entry key={entry.entryId} context={props.context} matchId={match.id} entry={entry} report={props.opened.reports.get(entry.allegationId)} number={index + 1} />
      ))}
    </Layout>
  );
}

function Entry(props: { context: PageContext; matchId: string; entry: OpenedEntry; report: CaseLink | undefined; number: number }) {
  const { t, language } = props.context;
  const { entry } = props;
  const titleId = `entry-${props.number}`;
  return (
    <article class="message" aria-labelledby={titleId} data-escrow-entry="">
      <h2 id={titleId}>{t('escrow.match.entry', { number: props.number, date: formatDate(language, entry.placedAt) })}</h2>
      <p>
        <strong>{t('escrow.match.decision')}</strong> {t(`escrow.match.decisions.${entry.decision}`)}
      </p>
      {props.report ? <Report context={props.context} report={props.report} /> : null}
      {entry.content ? (
        <>
          <p class="message-text" data-escrow-account="">
            {entry.content.account}
          </p>
          {entry.content.evidence.length > 0 ? (
            <>
              <h3>{t('escrow.match.evidence')}</h3>
              <ul>
                {entry.content.evidence.map((file, index) => (
                  <li key={file.sha256}>
                    <a href={`/escrow/matches/${props.matchId}/evidence/${entry.entryId}/${index}`}>{file.name || t('escrow.match.unnamedFile')}</a>{' '}
                    {t('escrow.match.fileFacts', { size: file.size, sha256: file.sha256 })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p class="error">{t(`escrow.match.problems.${entry.problem ?? 'not_sealed_for_counsellor'}`)}</p>
      )}
    </article>
  );
}

function Report(props: { context: PageContext; report: CaseLink }) {
  const { t, language } = props.context;
  const { caseId, caseRef, accountAddedAt } = props.report;
  return (
    <div data-escrow-entry-report="">
      <p>
        <strong>{t('escrow.match.report')}</strong>{' '}
        {caseId ? <a href={`/cases/${caseId}`}>{t('escrow.match.reportLink', { ref: caseRef ?? '' })}</a> : t('escrow.match.reportDeleted')}
      </p>
      {caseId ? <p>{accountAddedAt ? t('escrow.match.reportAccountAdded', { date: formatDate(language, accountAddedAt) }) : t('escrow.match.reportAccountPending')}</p> : null}
    </div>
  );
}
