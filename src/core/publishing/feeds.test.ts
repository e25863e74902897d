import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';
import { absoluteLinks, atomFeed, rssFeed, sitemap, type FeedChannel, type FeedEntry } from './feeds.ts';

const channel: FeedChannel = {
  title: 'Partnership & Accountability',
  description: 'Posts by members and partners',
  disclaimer: 'The views expressed are the authors’ own.',
  language: 'en',
  origin: 'https://alliance.example',
  pagePath: '/blog',
  feedPath: '/blog',
};

const entry: FeedEntry = {
  slug: 'listening-first',
  title: 'Listening first <when> & how',
  summary: 'What a year of <b>survivor</b> panels taught us',
  html: renderMarkdown('A panel[^1] met. ![Panel](/blog/images/panel.webp) [Earlier post](/blog/earlier)\n\n[^1]: Five members.'),
  publishedAt: new Date('2024-04-02T08:00:00Z'),
  updatedAt: new Date('2024-04-03T10:00:00Z'),
  authorName: 'Ines Carvalho',
  organisationName: 'Rede Lusófona',
  tags: ['Survivor voice', 'Safeguarding'],
};

describe('feeds', () => {
  it('writes RSS 2.0 that a feed parser reads back item for item', async () => {
    const feed = await new Parser().parseString(rssFeed(channel, [entry]));
    expect(feed.title).toBe('Partnership & Accountability');
    expect(feed.link).toBe('https://alliance.example/blog');
    const [item] = feed.items;
    expect(item?.title).toBe('Listening first <when> & how');
    expect(item?.link).toBe('https://alliance.example/blog/listening-first');
    expect(item?.categories).toEqual(['Survivor voice', 'Safeguarding']);
    expect(item?.['content:encoded']).toContain('src="https://alliance.example/blog/images/panel.webp"');
    expect(item?.['content:encoded']).toContain('The views expressed are the authors’ own.');
    expect(new Date(item?.pubDate ?? '').toISOString()).toBe('2024-04-02T08:00:00.000Z');
  });

  it('writes Atom 1.0 that a feed parser reads, titles escaped as the format requires', async () => {
    const xml = atomFeed(channel, [entry]);
    expect(xml).toContain('<link rel="self" href="https://alliance.example/blog/atom.xml"/>');
    expect(xml).toContain('Listening first &lt;when&gt; &amp; how');
    const feed = await new Parser().parseString(xml);
    const [item] = feed.items;
    expect(item?.link).toBe('https://alliance.example/blog/listening-first');
    expect(item?.content).toContain('href="https://alliance.example/blog/earlier"');
    expect(item?.author).toBe('Ines Carvalho (Rede Lusófona)');
  });

  it('writes an empty but valid feed when nothing is published yet', async () => {
    const feed = await new Parser().parseString(atomFeed(channel, []));
    expect(feed.items).toEqual([]);
  });

  it('makes root-relative links absolute and leaves fragments and other sites alone', () => {
    const html = renderMarkdown('[a](/blog/x) [b](#fn1) [c](https://other.example/y)');
    expect(absoluteLinks(html, 'https://alliance.example')).toBe(
      '<p><a href="https://alliance.example/blog/x">a</a> <a href="#fn1">b</a> <a href="https://other.example/y" rel="noopener noreferrer">c</a></p>\n',
    );
  });
});

describe('sitemap', () => {
  it('lists absolute addresses with their last change, escaped', () => {
    const xml = sitemap('https://alliance.example', [
      { path: '/blog' },
      { path: '/blog/a?b=1&c=2', lastModified: new Date('2024-05-01T00:00:00Z') },
    ]);
    expect(xml).toContain('<loc>https://alliance.example/blog</loc>');
    expect(xml).toContain('<url><loc>https://alliance.example/blog/a?b=1&amp;c=2</loc><lastmod>2024-05-01T00:00:00.000Z</lastmod></url>');
  });
});
