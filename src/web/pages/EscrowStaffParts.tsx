/** Pieces the escrow staff pages share: issuing an invitation code, and the escrow navigation. */
import type { PageContext } from '../components/Layout.tsx';
import { CsrfField } from '../components/Form.tsx';

export function InvitationCodeForm(props: { context: PageContext }) {
  const { t } = props.context;
  return (
    <section aria-labelledby="escrow-invite-title">
      <h2 id="escrow-invite-title">{t('escrow.staff.inviteTitle')}</h2>
      <p>{t('escrow.staff.inviteHelp')}</p>
      <form method="post" action="/escrow/invitations">
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{t('escrow.staff.invite')}</button>
      </form>
    </section>
  );
}

export function EscrowLinks(props: { context: PageContext; counsel: boolean; configure: boolean }) {
  const { t } = props.context;
  return (
    <nav aria-label={t('escrow.staff.navigation')}>
      <ul>
        {props.counsel ? (
          <li>
            <a href="/escrow/matches">{t('escrow.staff.matchesTitle')}</a>
          </li>
        ) : null}
        {props.configure ? (
          <li>
            <a href="/escrow/settings">{t('escrow.settings.title')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
