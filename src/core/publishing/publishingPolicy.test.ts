import { describe, expect, it } from 'vitest';
import { allowed, type Actor } from '../policy.ts';

const author: Actor = { staffId: 'author-1', grants: [{ role: 'author', orgId: 'org-a' }] };
const otherAuthor: Actor = { staffId: 'author-2', grants: [{ role: 'author', orgId: 'org-a' }] };
const orgEditor: Actor = { staffId: 'editor-a', grants: [{ role: 'editor', orgId: 'org-a' }] };
const networkEditor: Actor = { staffId: 'editor-n', grants: [{ role: 'editor', orgId: null }] };
const handler: Actor = { staffId: 'handler-1', grants: [{ role: 'handler', orgId: 'org-a' }] };
const postOfAuthor = { kind: 'blog-post' as const, authorId: 'author-1', orgId: 'org-a' };

describe('who may do what in publishing', () => {
  it('lets authors and editors into the editorial pages, and nobody else', () => {
    for (const actor of [author, orgEditor, networkEditor]) expect(allowed(actor, 'blog.enter', { kind: 'network' })).toBe(true);
    expect(allowed(handler, 'blog.enter', { kind: 'network' })).toBe(false);
    expect(allowed(undefined, 'blog.enter', { kind: 'network' })).toBe(false);
  });

  it('lets an author write in the name of their own organisation only', () => {
    expect(allowed(author, 'blog.write', { kind: 'blog-scope', orgId: 'org-a' })).toBe(true);
    expect(allowed(author, 'blog.write', { kind: 'blog-scope', orgId: 'org-b' })).toBe(false);
    expect(allowed(author, 'blog.write', { kind: 'blog-scope', orgId: null })).toBe(false);
    expect(allowed(networkEditor, 'blog.write', { kind: 'blog-scope', orgId: 'org-b' })).toBe(true);
  });

  it('lets an author edit their own post but not a colleague’s', () => {
    expect(allowed(author, 'blog.edit', postOfAuthor)).toBe(true);
    expect(allowed(otherAuthor, 'blog.edit', postOfAuthor)).toBe(false);
    expect(allowed(handler, 'blog.edit', postOfAuthor)).toBe(false);
  });

  it('takes a post away from an author who lost the role', () => {
    expect(allowed({ staffId: 'author-1', grants: [] }, 'blog.edit', postOfAuthor)).toBe(false);
  });

  it('lets editors of the organisation or the network review, moderate and publish', () => {
    for (const editor of [orgEditor, networkEditor]) {
      for (const action of ['blog.edit', 'blog.review', 'blog.approve', 'blog.moderate', 'blog.reply'] as const) {
        expect(allowed(editor, action, postOfAuthor), `${editor.staffId} ${action}`).toBe(true);
      }
    }
    const otherOrgEditor: Actor = { staffId: 'editor-b', grants: [{ role: 'editor', orgId: 'org-b' }] };
    expect(allowed(otherOrgEditor, 'blog.review', postOfAuthor)).toBe(false);
  });

  it('never lets an editor approve or publish their own post', () => {
    const ownPost = { kind: 'blog-post' as const, authorId: 'editor-a', orgId: 'org-a' };
    expect(allowed(orgEditor, 'blog.edit', ownPost)).toBe(true);
    expect(allowed(orgEditor, 'blog.approve', ownPost)).toBe(false);
    expect(allowed(networkEditor, 'blog.approve', ownPost)).toBe(true);
  });

  it('keeps review and moderation from authors', () => {
    expect(allowed(author, 'blog.review', postOfAuthor)).toBe(false);
    expect(allowed(author, 'blog.approve', postOfAuthor)).toBe(false);
    expect(allowed(author, 'blog.moderate', postOfAuthor)).toBe(false);
    expect(allowed(author, 'blog.reply', postOfAuthor)).toBe(true);
  });

  it('leaves the series description and disclaimer to network editors', () => {
    expect(allowed(networkEditor, 'blog.series', { kind: 'network' })).toBe(true);
    expect(allowed(orgEditor, 'blog.series', { kind: 'network' })).toBe(false);
  });
});
