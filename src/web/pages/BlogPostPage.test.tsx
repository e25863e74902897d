import fc from 'fast-check';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { executableMarkupIn } from '../../../tests/support/executableMarkup.ts';
import { hostileMarkdown, hostileText } from '../../../tests/support/hostileInput.ts';
import { renderMarkdown } from '../../core/publishing/markdown.ts';
import { translator } from '../../i18n/index.ts';
import type { PublicComment, PublicPost } from '../../storage/publishing/publicPosts.ts';
import { BlogPostPage } from './BlogPostPage.tsx';

/** What the page itself legitimately contains: its head, its comment form and its one script. */
const pageAllowance = { elements: ['meta', 'link', 'form', 'input', 'button', 'textarea'], scriptSources: ['/assets/blog-comment-proof.js'] };

function comment(name: string, body: string, replies: PublicComment[] = []): PublicComment {
  return { id: '7c6f1f0e-2a8b-4d55-9d6e-1c2b3a4d5e6f', name, bodyHtml: renderMarkdown(body, { profile: 'comment' }), createdAt: new Date('2025-01-02T10:00:00Z'), staffName: null, replies };
}

function page(input: { title: string; summary: string; body: string; author: string; commentName: string; commentBody: string; typed: string }): string {
  const post: PublicPost = {
    id: '0b8e9c3e-5f4a-4c1d-8e2f-3a4b5c6d7e8f',
    slug: 'a-post',
    title: input.title,
    summary: input.summary,
    language: 'en',
    kind: 'statement',
    publishedAt: new Date('2025-01-01T09:00:00Z'),
    updatedAt: new Date('2025-01-01T09:00:00Z'),
    author: { slug: 'ada', name: input.author },
    authorRole: input.author,
    authorBio: input.summary,
    organisation: { slug: 'open-hands', name: input.title },
    tags: [{ slug: 'tag', name: input.title }],
    translations: [{ slug: 'un-post', language: 'es', title: input.title }],
    bodyHtml: renderMarkdown(input.body, { documentId: 'a-post' }),
    signatories: [{ name: input.author, role: input.title, organisation: input.summary }],
    related: [],
    comments: [comment(input.commentName, input.commentBody, [comment('', input.commentBody)])],
  };
  const t = translator('en');
  return `<!doctype html>${renderToString(
    BlogPostPage({
      context: { t, language: 'en', path: '/blog/a-post' },
      meta: { origin: 'https://alliance.example', canonicalPath: '/blog/a-post', description: input.summary, kind: 'article', seriesTitle: input.title },
      series: { title: input.title, description: input.summary, disclaimer: input.summary },
      post,
      commentFormToken: 'token',
      commentForm: { values: { name: input.commentName, body: input.typed }, errors: { body: 'validation.required' } },
    }),
  )}`;
}

describe('the post page', () => {
  it('contains no executable markup, whatever authors and readers write', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: hostileText,
          summary: hostileText,
          body: hostileMarkdown,
          author: hostileText,
          commentName: hostileText,
          commentBody: fc.oneof(hostileMarkdown, hostileText),
          typed: fc.oneof(hostileMarkdown, hostileText),
        }),
        (input) => {
          expect(executableMarkupIn(page(input), pageAllowance)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has exactly the page’s own form controls, however many a reader tries to add', () => {
    const html = page({
      title: '<form action="https://evil.example"><input name="x"></form>',
      summary: '<meta http-equiv="refresh" content="0">',
      body: '<button formaction="javascript:alert(1)">x</button>',
      author: '<link rel="stylesheet" href="https://evil.example/x.css">',
      commentName: '<input autofocus onfocus="alert(1)">',
      commentBody: '<textarea></textarea>',
      typed: '</textarea><script>alert(1)</script>',
    });
    const count = (pattern: RegExp) => (html.match(pattern) ?? []).length;
    expect(count(/<form/g)).toBe(1);
    expect(count(/<textarea/g)).toBe(1);
    expect(count(/<script/g)).toBe(1);
    expect(count(/<link/g)).toBe(4);
    expect(html).not.toContain('evil.example"');
  });
});
