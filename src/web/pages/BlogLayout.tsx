/**
 * The frame of the public series pages. It mirrors the shared Layout (skip link, header, staff
 * navigation when signed in, language links) and adds what a publication needs in its head:
 * canonical address, Open Graph, feed discovery, the series stylesheet and a print stylesheet.
 * Pages give their own h1. No script is loaded here; a page that needs one adds it.
 */
import type { ComponentChildren } from 'preact';
import { direction, languageName, languages, type Language } from '../../i18n/index.ts';
import type { PageContext } from '../components/Layout.tsx';

export type FeedLink = { title: string; rss: string; atom: string };

export type PageMeta = {
  /** Absolute site origin, e.g. https://alliance.example. */
  origin: string;
  canonicalPath: string;
  description: string;
  kind: 'website' | 'article';
  seriesTitle: string;
  feed?: FeedLink | undefined;
  publishedAt?: Date | undefined;
  /** Other language versions of this page, for hreflang links. */
  alternates?: { language: string; path: string }[];
  noIndex?: boolean;
};

export function BlogLayout(props: { context: PageContext; title: string; meta: PageMeta; children: ComponentChildren }) {
  const { t, language } = props.context;
  const { meta } = props;
  const canonical = `${meta.origin}${meta.canonicalPath}`;
  return (
    <html lang={language} dir={direction(language)} prefix="og: https://ogp.me/ns#">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${meta.seriesTitle}`}</title>
        <meta name="description" content={meta.description} />
        {meta.noIndex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={canonical} />
        {(meta.alternates ?? []).map((alternate) => (
          <link key={alternate.language} rel="alternate" hrefLang={alternate.language} href={`${meta.origin}${alternate.path}`} />
        ))}
        {meta.feed ? <link rel="alternate" type="application/rss+xml" title={meta.feed.title} href={meta.feed.rss} /> : null}
        {meta.feed ? <link rel="alternate" type="application/atom+xml" title={meta.feed.title} href={meta.feed.atom} /> : null}
        <meta property="og:type" content={meta.kind} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:site_name" content={meta.seriesTitle} />
        <meta property="og:locale" content={language} />
        {meta.publishedAt ? <meta property="article:published_time" content={meta.publishedAt.toISOString()} /> : null}
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="stylesheet" href="/assets/blog-series.css" />
        <link rel="stylesheet" href="/assets/blog-print.css" media="print" />
      </head>
      <body class="blog">
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <a class="brand" href="/blog">
            {meta.seriesTitle}
          </a>
          {props.context.nav && props.context.nav.length > 0 ? (
            <nav aria-label={t('layout.staffNavigation')}>
              <ul>
                {props.context.nav.map((item) => (
                  <li key={item.href}>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {props.context.signedInName ? (
            <form method="post" action="/sign-out" class="sign-out">
              <input type="hidden" name="_csrf" value={props.context.csrfToken ?? ''} />
              <span>{props.context.signedInName}</span>
              <button type="submit" class="link-button">
                {t('layout.signOut')}
              </button>
            </form>
          ) : null}
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          {meta.feed ? (
            <p class="feed-links">
              {t('blog.follow')} <a href={meta.feed.rss}>RSS</a> · <a href={meta.feed.atom}>Atom</a>
            </p>
          ) : null}
          <nav aria-label={t('layout.languages')}>
            <ul>
              {languages.map((code: Language) => (
                <li key={code}>
                  <a href={`${props.context.path}?lang=${code}`} lang={code} hrefLang={code} aria-current={code === language ? 'true' : undefined}>
                    {languageName(code)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
