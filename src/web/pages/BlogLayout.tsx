/**
 * The frame of the public series pages. It shares the staff header and language links with
 * Layout and adds what a publication needs in its head: canonical address, Open Graph, feed discovery, the series stylesheet and a print stylesheet.
 * Pages give their own h1. No script is loaded here; a page that needs one adds it.
 */
import type { ComponentChildren } from 'preact';
import { direction } from '../../i18n/index.ts';
import { LanguageLinks, StaffHeader, type PageContext } from '../components/Layout.tsx';

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
          <StaffHeader context={props.context} />
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          {meta.feed ? (
            <p class="feed-links">
              {t('blog.follow')} <a href={meta.feed.rss}>RSS</a> · <a href={meta.feed.atom}>Atom</a>
            </p>
          ) : null}
          <LanguageLinks context={props.context} />
        </footer>
      </body>
    </html>
  );
}
