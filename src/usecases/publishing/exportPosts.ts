/**
 * Taking the series out as Markdown files with front matter, one per published post (scheduled
 * ones included), in the format `redress blog import` reads. Drafts stay in Redress: the file
 * format has no status, and importing a draft would publish it.
 */
import { eq, inArray } from 'drizzle-orm';
import { formatPostFile } from '../../core/publishing/frontMatter.ts';
import { isPostKind } from '../../core/publishing/post.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { signatoriesOf, tagNames } from '../../storage/publishing/postStore.ts';
import { blogPosts, organisations, staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import type { SourceFile } from './importPosts.ts';

export async function exportPosts(context: Context): Promise<SourceFile[]> {
  const rows = await context.db
    .select({ post: blogPosts, authorEmail: staff.email, orgSlug: organisations.slug })
    .from(blogPosts)
    .innerJoin(staff, eq(staff.id, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(eq(blogPosts.status, 'published'))
    .orderBy(blogPosts.publishedAt);
  // An original that is not published itself is still named, so the file says what it translates.
  const originalIds = [...new Set(rows.flatMap((row) => (row.post.translationOf ? [row.post.translationOf] : [])))];
  const originals = originalIds.length > 0 ? await context.db.select({ id: blogPosts.id, slug: blogPosts.slug }).from(blogPosts).where(inArray(blogPosts.id, originalIds)) : [];
  const slugById = new Map(originals.map((row) => [row.id, row.slug]));
  const names = await tagNames(context.db, [...new Set(rows.flatMap((row) => row.post.tags))]);
  const files: SourceFile[] = [];
  for (const { post, authorEmail, orgSlug } of rows) {
    files.push({
      name: `${post.slug}.md`,
      text: formatPostFile({
        title: post.title,
        slug: post.slug,
        author: authorEmail,
        organisation: orgSlug ?? undefined,
        role: post.authorRole,
        date: post.publishedAt ?? post.createdAt,
        tags: post.tags.map((slug) => names.get(slug) ?? slug),
        language: post.language,
        translationOf: post.translationOf ? slugById.get(post.translationOf) : undefined,
        kind: isPostKind(post.kind) ? post.kind : 'post',
        summary: post.summary,
        signatories: post.kind === 'statement' ? await signatoriesOf(context.db, post.id) : [],
        body: post.body,
      }),
    });
  }
  await context.db.transaction((tx) => recordAudit(tx, { actorId: null, action: 'blog.posts-exported', subjectType: 'blog-series', details: { count: files.length } }, context.clock()));
  return files;
}
