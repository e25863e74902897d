/** The invited person's page: the roles they are invited to, their name, and a password. */
import type { InvitationView } from '../../usecases/staff/acceptInvitation.ts';
import { CsrfField, ErrorSummary, Field } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { GrantList } from './AdminFormParts.tsx';

export function InvitationPage(props: { context: PageContext; token: string; invitation: InvitationView; values: Record<string, string>; errors?: Record<string, string> }) {
  const { t } = props.context;
  const errors = props.errors ?? {};
  const labels = { name: t('staffInvitation.name'), password: t('staffInvitation.password'), passwordAgain: t('staffInvitation.passwordAgain') };
  const title = props.invitation.networkName ? t('staffInvitation.title', { network: props.invitation.networkName }) : t('staffInvitation.titleNoNetwork');
  return (
    <Layout context={props.context} title={title} narrow>
      <p>{t('staffInvitation.intro', { email: props.invitation.email })}</p>
      <GrantList t={t} grants={props.invitation.grants} />
      <ErrorSummary t={t} errors={props.errors} labels={labels} />
      <form method="post" action={`/invite/${props.token}`} novalidate>
        {props.context.csrfToken ? <CsrfField token={props.context.csrfToken} /> : null}
        <Field t={t} name="name" label={labels.name} hint={t('staffInvitation.nameHint')} value={props.values.name} error={errors.name} autocomplete="name" required maxLength={200} />
        <Field t={t} name="password" type="password" label={labels.password} hint={t('password.hint')} error={errors.password} autocomplete="new-password" required />
        <Field t={t} name="passwordAgain" type="password" label={labels.passwordAgain} error={errors.passwordAgain} autocomplete="new-password" required />
        <button type="submit">{t('staffInvitation.submit')}</button>
      </form>
    </Layout>
  );
}
