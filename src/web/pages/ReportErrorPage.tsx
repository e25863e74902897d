/** Any error on a reporter page, in the reporter's frame (quick exit included), never a stack trace. */
import type { PageContext } from '../components/Layout.tsx';
import { ReporterLayout, withLanguage, type ReporterChrome } from '../components/ReporterLayout.tsx';

export function ReportErrorPage(props: { context: PageContext; chrome: ReporterChrome; message: string }) {
  const { t, language } = props.context;
  return (
    <ReporterLayout context={props.context} chrome={props.chrome} title={t('error.title')}>
      <p class="lead">{props.message}</p>
      <ul>
        <li>
          <a href={withLanguage(`${props.chrome.prefix}/follow-up`, language)}>{t('intake.layout.followUp')}</a>
        </li>
        <li>
          <a href={withLanguage(`${props.chrome.prefix}/report`, language)}>{t('intake.layout.report')}</a>
        </li>
      </ul>
    </ReporterLayout>
  );
}
