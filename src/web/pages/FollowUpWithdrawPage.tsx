/** Asking once more before a report is withdrawn: what it means, and a way back. */
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';

export function FollowUpWithdrawPage(props: { context: PageContext; chrome: ReporterChrome; formToken: string }) {
  const { t, language } = props.context;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('intake.withdraw.title')}>
      <p class="lead">{t('intake.withdraw.lead')}</p>
      <ul>
        <li>{t('intake.withdraw.kept')}</li>
        <li>{t('intake.withdraw.messages')}</li>
        <li>{t('intake.withdraw.again')}</li>
      </ul>
      <form method="post" action={withLanguage(`${props.chrome.prefix}/follow-up/withdraw`, language)}>
        {props.context.csrfToken ? <input type="hidden" name="_csrf" value={props.context.csrfToken} /> : null}
        <input type="hidden" name="formToken" value={props.formToken} />
        <input type="hidden" name="confirm" value="yes" />
        <div class="buttons">
          <button type="submit">{t('intake.withdraw.confirm')}</button>
          <a class="button secondary" href={withLanguage(`${props.chrome.prefix}/follow-up`, language)}>
            {t('intake.withdraw.keep')}
          </a>
        </div>
      </form>
    </ReporterLayout>
  );
}
