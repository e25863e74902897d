/** Shown once after issuing an escrow invitation code: the code to pass on, and how to pass it safely. */
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';

export function EscrowInvitationCodePage(props: { context: PageContext; code: string; back: string }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('escrow.staff.invitedTitle')} narrow>
      <Notice kind="info">{t('escrow.staff.codeShownOnce')}</Notice>
      <p>
        <code class="secret" data-escrow-invitation-code="">
          {props.code}
        </code>
      </p>
      <p>{t('escrow.staff.codeHowToPass')}</p>
      <p>
        <a href={props.back}>{t('escrow.staff.back')}</a>
      </p>
    </Layout>
  );
}
