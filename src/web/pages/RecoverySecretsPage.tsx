/** Shown once at the end of enrolment: the personal recovery key and the recovery codes. */
import { Layout, type PageContext } from '../components/Layout.tsx';

export function RecoverySecretsPage(props: { context: PageContext; recoveryKey: string; recoveryCodes?: string[] }) {
  const { t } = props.context;
  return (
    <Layout context={props.context} title={t('recovery.title')} narrow>
      <p class="notice notice-info">{t('recovery.shownOnce')}</p>
      <h2>{t('recovery.keyTitle')}</h2>
      <p>{t('recovery.keyExplained')}</p>
      <p>
        <code class="secret" data-recovery-key>
          {props.recoveryKey}
        </code>
      </p>
      {props.recoveryCodes ? (
        <>
          <h2>{t('recovery.codesTitle')}</h2>
          <p>{t('recovery.codesExplained')}</p>
          <ul class="codes" data-recovery-codes>
            {props.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a class="button" href="/staff">
          {t('recovery.continue')}
        </a>
      </p>
    </Layout>
  );
}
