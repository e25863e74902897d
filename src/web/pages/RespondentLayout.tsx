/**
 * The frame of the respondent's portal pages (the code form, the portal, its errors). Like the
 * reporter's frame: no staff navigation, no favicon request, nothing loaded from another site,
 * no script at all (everything works with plain forms and links), `noindex` and no referrer.
 * Unlike it, no quick-exit control: the portal is about the person's own case, not a report.
 */
import type { ComponentChildren } from 'preact';
import type { AnswerProblem } from '../../core/intake/answers.ts';
import { direction } from '../../i18n/index.ts';
import { LanguageLinks, type PageContext } from '../components/Layout.tsx';
import { PrivatePageHead } from '../components/ReporterLayout.tsx';

export function RespondentLayout(props: { context: PageContext; title: string; organisationName?: string | undefined; children: ComponentChildren }) {
  const { t, language } = props.context;
  const brand = props.organisationName ? `${props.organisationName} · ${t('respondent.layout.portal')}` : t('respondent.layout.portal');
  return (
    <html lang={language} dir={direction(language)}>
      <PrivatePageHead title={`${props.title} · ${brand}`} />
      <body class="reporter respondent">
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header reporter-header">
          <span class="brand">{brand}</span>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{t('respondent.layout.privacy')}</p>
          <LanguageLinks context={props.context} />
        </footer>
      </body>
    </html>
  );
}

/** A calendar day (YYYY-MM-DD, UTC) in the reader's language. */
export function formatDay(language: string, day: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A problem with a text the respondent, or staff on the respondent's side, wrote. */
export function textProblemMessage(context: Pick<PageContext, 't'>, problem: AnswerProblem): string {
  switch (problem.code) {
    case 'tooLong':
      return context.t('respondent.problems.tooLong', { length: problem.length, max: problem.max });
    case 'invalidText':
      return context.t('respondent.problems.invalidText');
    case 'required':
      return context.t('respondent.problems.required');
    default:
      return context.t('respondent.problems.choice');
  }
}
