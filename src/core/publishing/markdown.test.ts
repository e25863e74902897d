import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executableMarkupIn } from '../../../tests/support/executableMarkup.ts';
import { hostileMarkdown } from '../../../tests/support/hostileInput.ts';
import { isExternalLink, plainText, renderMarkdown } from './markdown.ts';

describe('rendering Markdown safely', () => {
  it('uses a checker that does find executable markup when it is there', () => {
    expect(executableMarkupIn('<p><script>x</script><img src="/a" onerror="x"><a href="  java&#x09;script:x">a</a></p>')).toEqual([
      '<script src="">',
      'img[onerror]',
      'a[href=  java\tscript:x]',
    ]);
    expect(executableMarkupIn('<p style="width:expression(alert(1))"><svg></svg></p>')).toEqual(['p[style] CSS expression', '<svg>']);
  });

  it('never yields executable markup from any post body', () => {
    fc.assert(
      fc.property(hostileMarkdown, (source) => {
        expect(executableMarkupIn(renderMarkdown(source, { siteOrigin: 'https://redress.example' }))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('never yields executable markup from any comment, hostile or random', () => {
    fc.assert(
      fc.property(fc.oneof(hostileMarkdown, fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (source) => {
        expect(executableMarkupIn(renderMarkdown(source, { profile: 'comment' }))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('shows raw HTML as text rather than dropping what the author wrote', () => {
    expect(renderMarkdown('Use <b>bold</b> sparingly')).toBe('<p>Use &lt;b&gt;bold&lt;/b&gt; sparingly</p>\n');
  });

  it('marks links to other sites noopener noreferrer, and leaves this site alone', () => {
    const html = renderMarkdown('[out](https://news.example/a) [in](https://redress.example/blog/x) [rel](/blog/y) https://bare.example', {
      siteOrigin: 'https://redress.example',
    });
    expect(html).toContain('<a href="https://news.example/a" rel="noopener noreferrer">out</a>');
    expect(html).toContain('<a href="https://redress.example/blog/x">in</a>');
    expect(html).toContain('<a href="/blog/y">rel</a>');
    expect(html).toContain('<a href="https://bare.example" rel="noopener noreferrer">');
  });

  it('adds nofollow to links in comments', () => {
    expect(renderMarkdown('[me](https://spam.example)', { profile: 'comment' })).toContain('rel="nofollow ugc noopener noreferrer"');
  });

  it('keeps footnotes and references, numbered and linked both ways', () => {
    const html = renderMarkdown('A claim[^1].\n\n[^1]: Report of the working group, 2023.', { documentId: 'post' });
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn-post-1" id="fnref-post-1">[1]</a></sup>');
    expect(html).toContain('<li id="fn-post-1" class="footnote-item"><p>Report of the working group, 2023.');
    expect(html).toContain('href="#fnref-post-1" class="footnote-backref"');
  });

  it('nests headings under the page title without skipping a level', () => {
    expect(renderMarkdown('# One\n\n## Two\n\n###### Six')).toBe('<h2>One</h2>\n<h3>Two</h3>\n<h4>Six</h4>\n');
    expect(renderMarkdown('## Begins at two\n\n### Under it\n\n## Again')).toBe('<h2>Begins at two</h2>\n<h3>Under it</h3>\n<h2>Again</h2>\n');
    expect(renderMarkdown('#### Deep first\n\n## Then higher')).toBe('<h2>Deep first</h2>\n<h2>Then higher</h2>\n');
  });

  it('never skips a heading level, whatever levels the author used', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }), (levels) => {
        const html = renderMarkdown(levels.map((level, index) => `${'#'.repeat(level)} Heading ${index}`).join('\n\n'));
        let previous = 1;
        for (const match of html.matchAll(/<h(\d)>/g)) {
          const level = Number(match[1]);
          expect(level).toBeGreaterThanOrEqual(2);
          expect(level).toBeLessThanOrEqual(previous + 1);
          previous = level;
        }
      }),
    );
  });

  it('allows images only from the site’s own image store', () => {
    const html = renderMarkdown('![ours](/blog/images/3f.webp) ![theirs](https://tracker.example/pixel.gif) ![inline](data:image/png;base64,AAAA)');
    expect(html).toContain('<img src="/blog/images/3f.webp" alt="ours" />');
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('data:');
  });

  it('turns table alignment into classes, never inline styles', () => {
    const html = renderMarkdown('| a | b |\n|:-:|--:|\n| 1 | 2 |');
    expect(html).toContain('<th class="align-center">a</th>');
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).not.toContain('style');
  });

  it('leaves headings, images and tables out of comments', () => {
    const html = renderMarkdown('# Loud\n\n![x](/blog/images/a.webp)\n\n| a |\n|---|\n| b |', { profile: 'comment' });
    expect(html).not.toMatch(/<h\d|<img|<table/);
  });
});

describe('plain text of a post', () => {
  it('strips the markup and cuts at a word boundary', () => {
    expect(plainText('# Heading\n\nSome *emphasis* and a [link](https://x.example) & more words here', 40)).toBe('Heading Some emphasis and a link &…');
  });
});

describe('telling external links', () => {
  it.each([
    ['https://other.example/x', true],
    ['//other.example/x', true],
    ['http://redress.example/x', true],
    ['https://redress.example/blog', false],
    ['/blog', false],
    ['#fn1', false],
    ['mailto:a@example.org', false],
  ])('%s is external: %s', (href, external) => {
    expect(isExternalLink(href, 'https://redress.example')).toBe(external);
  });
});
