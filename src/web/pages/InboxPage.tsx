/** A handler's inbox: new and open reports received for them, newest first, metadata only. */
import type { InboxPage as Inbox } from '../../usecases/cases/listInbox.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from './FollowUpCasePage.tsx';

export function InboxPage(props: { context: PageContext; inbox: Inbox; networkName: string }) {
  const { t, language } = props.context;
  const { entries, next } = props.inbox;
  return (
    <Layout context={props.context} title={t('caseInbox.title')}>
      <p>{t('caseInbox.lead')}</p>
      {entries.length === 0 ? (
        <p>{t('caseInbox.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('caseInbox.received')}</th>
              <th scope="col">{t('caseInbox.receiver')}</th>
              <th scope="col">{t('caseInbox.status')}</th>
              <th scope="col">{t('caseInbox.path')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} class={entry.status === 'submitted' ? 'unread' : undefined}>
                <td>
                  <a href={`/cases/${entry.id}`}>{formatDate(language, entry.receivedAt)}</a>
                </td>
                <td>{entry.orgName ?? props.networkName}</td>
                <td>{t(`intake.status.${entry.status}`)}</td>
                <td>{t(`intake.paths.${entry.path}.label`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <p>
          <a href={`/inbox?before=${encodeURIComponent(`${next.at.toISOString()}~${next.id}`)}`}>{t('caseInbox.older')}</a>
        </p>
      ) : null}
    </Layout>
  );
}
