/** The page frame every staff and public page shares: header, skip link, main, footer. */
import type { ComponentChildren } from 'preact';
import { direction, languageName, languages, type Language, type Translate } from '../../i18n/index.ts';

export type NavItem = { href: string; label: string };

export type PageContext = {
  t: Translate;
  language: Language;
  csrfToken?: string | undefined;
  /** Path of this page, to build language links. */
  path: string;
  signedInName?: string | undefined;
  nav?: NavItem[];
};

export function Layout(props: { context: PageContext; title: string; children: ComponentChildren; narrow?: boolean }) {
  const { t, language } = props.context;
  return (
    <html lang={language} dir={direction(language)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Redress`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Redress
          </a>
          <StaffHeader context={props.context} />
        </header>
        <main id="main" class={props.narrow ? 'narrow' : undefined}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site-footer">
          <LanguageLinks context={props.context} />
        </footer>
      </body>
    </html>
  );
}

/** Staff navigation and the sign-out form, shown in a page header when someone is signed in. */
export function StaffHeader(props: { context: PageContext }) {
  const { t, nav, signedInName, csrfToken } = props.context;
  return (
    <>
      {nav && nav.length > 0 ? (
        <nav aria-label={t('layout.staffNavigation')}>
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {signedInName ? (
        <form method="post" action="/sign-out" class="sign-out">
          <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
          <span>{signedInName}</span>
          <button type="submit" class="link-button">
            {t('layout.signOut')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** Links to this page in every offered language (no cookie: the choice travels in `?lang=`). */
export function LanguageLinks(props: { context: PageContext }) {
  const { t, language, path } = props.context;
  return (
    <nav aria-label={t('layout.languages')}>
      <ul>
        {languages.map((code: Language) => (
          <li key={code}>
            <a href={`${path}?lang=${code}`} lang={code} hrefLang={code} aria-current={code === language ? 'true' : undefined}>
              {languageName(code)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
