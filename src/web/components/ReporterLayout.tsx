/**
 * The frame of every reporter page (report, receipt, follow-up, their errors): calm, small,
 * with the quick-exit control at the top of the page (after the skip link), always in view and support resources at the end. It differs
 * from the staff Layout on purpose: no staff navigation or sign-in, no favicon request (one
 * fewer request, nothing left in the browser's icon cache), and one enhancement script that
 * the page works without.
 */
import type { ComponentChildren } from 'preact';
import { direction, type Language } from '../../i18n/index.ts';
import { LanguageLinks, type PageContext } from './Layout.tsx';

/** A neutral site to land on. Following it is a navigation, never a request made by our pages. */
export const QUICK_EXIT_URL = 'https://www.wikipedia.org/';

export type ReporterChrome = {
  /** Whose channel this is: the organisation's or the network's name. */
  channelName: string;
  /** Where this channel's pages live: '' for the network, '/o/<slug>' for an organisation. */
  prefix: string;
  /** Support resources written by the channel's administrators, in the reporter's language. */
  support: string | undefined;
};

export function withLanguage(path: string, language: Language): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
}

/**
 * The head of a page for a party to a case (reporter or respondent): no referrer, not indexed, no
 * favicon request, only our own stylesheets; `script` the one enhancement the page works without.
 */
export function PrivatePageHead(props: { title: string; script?: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex" />
      <title>{props.title}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href="/assets/app.css" />
      <link rel="stylesheet" href="/assets/reporter.css" />
      {props.script ? <script type="module" src={props.script} /> : null}
    </head>
  );
}

export function ReporterLayout(props: { context: PageContext; chrome: ReporterChrome; title: string; children: ComponentChildren }) {
  const { t, language } = props.context;
  const { chrome } = props;
  const supportLines = (chrome.support ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return (
    <html lang={language} dir={direction(language)}>
      <PrivatePageHead title={`${props.title} · ${chrome.channelName}`} script="/assets/reporter.js" />
      <body class="reporter">
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <nav class="quick-exit-bar" aria-label={t('intake.quickExit.region')}>
          <a class="quick-exit" href={QUICK_EXIT_URL} rel="noreferrer noopener" data-quick-exit="">
            {t('intake.quickExit.label')}
          </a>
        </nav>
        <header class="site-header reporter-header">
          <a class="brand" href={withLanguage(`${chrome.prefix}/report`, language)}>
            {chrome.channelName}
          </a>
          <nav aria-label={t('intake.layout.navigation')}>
            <ul>
              <li>
                <a href={withLanguage(`${chrome.prefix}/report`, language)}>{t('intake.layout.report')}</a>
              </li>
              <li>
                <a href={withLanguage(`${chrome.prefix}/follow-up`, language)}>{t('intake.layout.followUp')}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <aside class="support" aria-labelledby="support-title">
          <h2 id="support-title">{t('intake.support.title')}</h2>
          <p>{t('intake.support.intro')}</p>
          {supportLines.length > 0 ? (
            <ul class="support-lines">
              {supportLines.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          ) : null}
          <ul>
            <li>{t('intake.support.emergency')}</li>
            <li>{t('intake.support.someoneYouTrust')}</li>
            <li>{t('intake.support.takeCare')}</li>
          </ul>
        </aside>
        <footer class="site-footer">
          <p>{t('intake.quickExit.explained')}</p>
          <LanguageLinks context={props.context} />
        </footer>
      </body>
    </html>
  );
}
