/** Shown once after inviting someone: the one-time link to pass on, and when it expires. */
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DateTime } from './AdminFormParts.tsx';

export function AdminInvitationCreatedPage(props: { context: PageContext; name: string; email: string; link: string; expiresAt: Date; emailed: boolean }) {
  const { t, language } = props.context;
  return (
    <Layout context={props.context} title={t('adminStaff.invitedTitle')} narrow>
      <Notice kind="info">{t('adminStaff.linkShownOnce')}</Notice>
      <p>{t('adminStaff.invitedIntro', { name: props.name })}</p>
      <p>
        <code class="secret" data-invitation-link>
          {props.link}
        </code>
      </p>
      <p>
        {t('adminStaff.linkExpires')} <DateTime language={language} value={props.expiresAt} />
      </p>
      <p>{props.emailed ? t('adminStaff.linkEmailed', { email: props.email }) : t('adminStaff.linkNotEmailed')}</p>
      <p>
        <a href="/admin/staff">{t('adminStaff.backToStaff')}</a>
      </p>
    </Layout>
  );
}
