/** TOTP enrolment: the QR code as inline SVG, the secret as text, and a code to confirm. */
import { ErrorSummary, Field } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { groupBy4 } from '../../core/crypto/recoveryKey.ts';

export function TotpEnrolmentPage(props: { context: PageContext; secret: string; qrSvg: string; error?: string | undefined }) {
  const { t } = props.context;
  const errors = props.error ? { code: props.error } : undefined;
  return (
    <Layout context={props.context} title={t('totp.title')} narrow>
      <p>{t('totp.intro')}</p>
      <ol>
        <li>{t('totp.stepScan')}</li>
        <li>{t('totp.stepType')}</li>
      </ol>
      {/* The SVG comes from the qrcode library, not from user input. */}
      <div class="qr" role="img" aria-label={t('totp.qrLabel')} dangerouslySetInnerHTML={{ __html: props.qrSvg }} />
      <p>
        {t('totp.secretLabel')} <code class="secret" data-totp-secret={props.secret}>{groupBy4(props.secret)}</code>
      </p>
      <ErrorSummary t={t} errors={errors} labels={{ code: t('totp.code') }} />
      <form method="post" action="/account/totp" novalidate>
        <input type="hidden" name="_csrf" value={props.context.csrfToken ?? ''} />
        <Field t={t} name="code" label={t('totp.code')} error={props.error} autocomplete="one-time-code" inputMode="numeric" required maxLength={20} />
        <button type="submit">{t('totp.submit')}</button>
      </form>
    </Layout>
  );
}
