/**
 * An escrow counsellor's matches: when each was found, how many reporters share it, and which
 * have reporters this counsellor has not read yet (the badge). Metadata only; opening a match is
 * a separate, audited read.
 */
import type { MatchListing } from '../../usecases/escrow/listEscrowMatches.ts';
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from '../components/formatDate.ts';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { EscrowLinks, InvitationCodeForm } from './EscrowStaffParts.tsx';

export function EscrowMatchesPage(props: { context: PageContext; listing: MatchListing; configure: boolean }) {
  const { t, language } = props.context;
  const { matches, newCount } = props.listing;
  return (
    <Layout context={props.context} title={t('escrow.staff.matchesTitle')}>
      <EscrowLinks context={props.context} counsel configure={props.configure} />
      <p>{t('escrow.staff.matchesLead')}</p>
      {newCount > 0 ? (
        <Notice kind="info">
          <strong data-escrow-new-matches={String(newCount)}>{t('escrow.staff.newMatches', { count: newCount })}</strong>
        </Notice>
      ) : null}
      {matches.length === 0 ? (
        <p>{t('escrow.staff.noMatches')}</p>
      ) : (
        <ScrollTable t={t} name={t('escrow.staff.matchesCaption')}>
          <caption>{t('escrow.staff.matchesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('escrow.staff.matchedOn')}</th>
              <th scope="col">{t('escrow.staff.reporters')}</th>
              <th scope="col">{t('escrow.staff.lastChange')}</th>
              <th scope="col">{t('escrow.staff.state')}</th>
            </tr>
          </thead>
          <tbody>
            {matches.map((match) => (
              <tr key={match.id}>
                <td>
                  <a href={`/escrow/matches/${match.id}`}>{formatDate(language, match.matchedAt)}</a>
                </td>
                <td>{match.reporters}</td>
                <td>{formatDate(language, match.updatedAt)}</td>
                <td>{match.isNew ? <strong>{t('escrow.staff.new')}</strong> : t('escrow.staff.seen')}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <InvitationCodeForm context={props.context} />
    </Layout>
  );
}
