/**
 * RSS 2.0 and Atom 1.0 for the series, a tag or an author, and the sitemap. Pure: given the
 * channel and its entries (already sanitised HTML), returns XML. Links inside posts are made
 * absolute, since a feed reader has no page to resolve them against, and every entry carries
 * the series disclaimer, as every post page does.
 */
import { Feed } from 'feed';
import type { SafeHtml } from './markdown.ts';

export type FeedChannel = {
  title: string;
  description: string;
  disclaimer: string;
  language: string;
  /** The site's origin, e.g. https://alliance.example; every link is built from it. */
  origin: string;
  /** Path of the HTML page this feed follows, e.g. /blog or /blog/tags/safeguarding. */
  pagePath: string;
  /** Path prefix of the feed files: `${feedPath}/rss.xml` and `${feedPath}/atom.xml`. */
  feedPath: string;
};

export type FeedEntry = {
  slug: string;
  title: string;
  summary: string;
  html: SafeHtml;
  publishedAt: Date;
  updatedAt: Date;
  authorName: string;
  organisationName: string | undefined;
  tags: readonly string[];
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Root-relative links and images in sanitised HTML, made absolute for feed readers. */
export function absoluteLinks(html: SafeHtml, origin: string): string {
  return html.replace(/ (href|src)="\/(?!\/)/g, (_whole, attribute: string) => ` ${attribute}="${origin}/`);
}

function entryContent(entry: FeedEntry, channel: FeedChannel): string {
  const disclaimer = channel.disclaimer ? `<hr /><p><em>${escapeXml(channel.disclaimer)}</em></p>` : '';
  return `${absoluteLinks(entry.html, channel.origin)}${disclaimer}`;
}

/**
 * Atom's title is declared as HTML (feed readers parse it), RSS's is plain text; the summary
 * is HTML in both. Everything an author typed is therefore escaped where a reader would parse it.
 */
type Format = 'rss' | 'atom';

function buildFeed(channel: FeedChannel, entries: readonly FeedEntry[], format: Format): Feed {
  const pageUrl = `${channel.origin}${channel.pagePath}`;
  const newest = entries.reduce<Date | undefined>((latest, entry) => (!latest || entry.updatedAt > latest ? entry.updatedAt : latest), undefined);
  const feed = new Feed({
    id: pageUrl,
    title: channel.title,
    description: channel.description,
    link: pageUrl,
    language: channel.language,
    updated: newest ?? new Date(0),
    generator: 'Redress',
    copyright: '',
    feedLinks: { rss: `${channel.origin}${channel.feedPath}/rss.xml`, atom: `${channel.origin}${channel.feedPath}/atom.xml` },
  });
  for (const entry of entries) {
    const link = `${channel.origin}/blog/${entry.slug}`;
    const byline = entry.organisationName ? `${entry.authorName} (${entry.organisationName})` : entry.authorName;
    feed.addItem({
      id: link,
      guid: link,
      link,
      title: format === 'atom' ? escapeXml(entry.title) : entry.title,
      description: escapeXml(entry.summary),
      content: entryContent(entry, channel),
      date: entry.updatedAt,
      published: entry.publishedAt,
      author: [{ name: byline }],
      category: entry.tags.map((tag) => ({ name: tag, term: tag })),
    });
  }
  return feed;
}

export function rssFeed(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return buildFeed(channel, entries, 'rss').rss2();
}

export function atomFeed(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return buildFeed(channel, entries, 'atom').atom1();
}

export type SitemapUrl = { path: string; lastModified?: Date | undefined };

export function sitemap(origin: string, urls: readonly SitemapUrl[]): string {
  const body = urls
    .map((url) => {
      const lastmod = url.lastModified ? `<lastmod>${url.lastModified.toISOString()}</lastmod>` : '';
      return `<url><loc>${escapeXml(`${origin}${url.path}`)}</loc>${lastmod}</url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}
