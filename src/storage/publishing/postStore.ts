/**
 * Writing posts: the working copy, its numbered revisions, tags, signatories, the editorial
 * timeline and author bylines. Called by use-cases inside their transaction.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { renderMarkdown } from '../../core/publishing/markdown.ts';
import { signatoryLines, type PostKind, type PostStatus, type Signatory } from '../../core/publishing/post.ts';
import { firstFreeSlug, slugify } from '../../core/publishing/slugs.ts';
import type { Queryable } from '../database.ts';
import { blogAuthors, blogPosts, blogReviewNotes, blogRevisions, blogSignatories, blogTags } from '../schema/index.ts';

export type PostRow = typeof blogPosts.$inferSelect;

/** Everything an author or editor sets on a post. Tags are names as typed. */
export type PostContent = {
  title: string;
  slug: string;
  summary: string;
  body: string;
  language: string;
  kind: PostKind;
  tags: string[];
  signatories: Signatory[];
  authorRole: string;
  orgId: string | null;
  translationOf: string | null;
};

export async function postById(db: Queryable, id: string): Promise<PostRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(blogPosts).where(eq(blogPosts.id, id));
  return row;
}

export async function postBySlug(db: Queryable, slug: string): Promise<PostRow | undefined> {
  const [row] = await db.select().from(blogPosts).where(eq(blogPosts.slug, slug));
  return row;
}

export async function slugTaken(db: Queryable, slug: string, exceptPostId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: blogPosts.id })
    .from(blogPosts)
    .where(exceptPostId ? and(eq(blogPosts.slug, slug), ne(blogPosts.id, exceptPostId)) : eq(blogPosts.slug, slug));
  return row !== undefined;
}

/** Records each tag's name under its slug (the first spelling wins) and returns the slugs. */
export async function ensureTags(db: Queryable, names: readonly string[]): Promise<string[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name, '');
    if (slug !== '' && !bySlug.has(slug)) bySlug.set(slug, name);
  }
  if (bySlug.size === 0) return [];
  await db
    .insert(blogTags)
    .values([...bySlug].map(([slug, name]) => ({ slug, name })))
    .onConflictDoNothing({ target: blogTags.slug });
  return [...bySlug.keys()];
}

export async function tagNames(db: Queryable, slugs: readonly string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.select().from(blogTags).where(inArray(blogTags.slug, [...slugs]));
  return new Map(rows.map((row) => [row.slug, row.name]));
}

/** The byline of a staff member who writes, made on their first post with a free page address. */
export async function ensureAuthorProfile(db: Queryable, staffId: string, name: string): Promise<void> {
  const [existing] = await db.select({ staffId: blogAuthors.staffId }).from(blogAuthors).where(eq(blogAuthors.staffId, staffId));
  if (existing) return;
  const base = slugify(name, 'author');
  const taken = await db
    .select({ slug: blogAuthors.slug })
    .from(blogAuthors)
    .where(sql`${blogAuthors.slug} = ${base} or ${blogAuthors.slug} like ${`${base}-%`}`);
  const slug = firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
  await db.insert(blogAuthors).values({ staffId, slug, displayName: name }).onConflictDoNothing();
}

function contentColumns(content: PostContent, tagSlugs: string[]) {
  return {
    slug: content.slug,
    kind: content.kind,
    language: content.language,
    translationOf: content.translationOf,
    orgId: content.orgId,
    authorRole: content.authorRole,
    title: content.title,
    summary: content.summary,
    body: content.body,
    bodyHtml: renderMarkdown(content.body, { documentId: content.slug }),
    tags: tagSlugs,
  };
}

export async function insertPost(
  db: Queryable,
  input: { content: PostContent; authorId: string; status: PostStatus; publishedAt: Date | null; now: Date; savedBy: string | null },
): Promise<PostRow> {
  const tagSlugs = await ensureTags(db, input.content.tags);
  const [row] = await db
    .insert(blogPosts)
    .values({
      ...contentColumns(input.content, tagSlugs),
      authorId: input.authorId,
      status: input.status,
      publishedAt: input.publishedAt,
      revision: 1,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  if (!row) throw new Error('the post was not stored');
  await replaceSignatories(db, row.id, input.content.signatories);
  await insertRevision(db, row.id, 1, input.content, input.savedBy, input.now);
  return row;
}

/** Saves new content as the next revision; returns its number. */
export async function saveRevision(db: Queryable, post: PostRow, content: PostContent, savedBy: string, now: Date): Promise<number> {
  const tagSlugs = await ensureTags(db, content.tags);
  const number = post.revision + 1;
  await db
    .update(blogPosts)
    .set({ ...contentColumns(content, tagSlugs), revision: number, updatedAt: now })
    .where(eq(blogPosts.id, post.id));
  await replaceSignatories(db, post.id, content.signatories);
  await insertRevision(db, post.id, number, content, savedBy, now);
  return number;
}

async function insertRevision(db: Queryable, postId: string, number: number, content: PostContent, savedBy: string | null, now: Date): Promise<void> {
  await db.insert(blogRevisions).values({
    postId,
    number,
    title: content.title,
    summary: content.summary,
    body: content.body,
    tags: content.tags,
    signatories: signatoryLines(content.signatories),
    savedBy,
    savedAt: now,
  });
}

async function replaceSignatories(db: Queryable, postId: string, signatories: readonly Signatory[]): Promise<void> {
  await db.delete(blogSignatories).where(eq(blogSignatories.postId, postId));
  if (signatories.length === 0) return;
  await db.insert(blogSignatories).values(signatories.map((person, position) => ({ postId, position, ...person })));
}

export async function setPostStatus(db: Queryable, postId: string, status: PostStatus, now: Date, publishedAt?: Date | null): Promise<void> {
  await db
    .update(blogPosts)
    .set({ status, updatedAt: now, ...(publishedAt === undefined ? {} : { publishedAt }) })
    .where(eq(blogPosts.id, postId));
}

export async function addReviewNote(
  db: Queryable,
  note: { postId: string; action: string; revision: number; staffId: string | null; note?: string; now: Date },
): Promise<void> {
  await db.insert(blogReviewNotes).values({
    postId: note.postId,
    action: note.action,
    revision: note.revision,
    staffId: note.staffId,
    note: note.note ?? '',
    createdAt: note.now,
  });
}

export async function signatoriesOf(db: Queryable, postId: string): Promise<Signatory[]> {
  return db
    .select({ name: blogSignatories.name, role: blogSignatories.role, organisation: blogSignatories.organisation })
    .from(blogSignatories)
    .where(eq(blogSignatories.postId, postId))
    .orderBy(blogSignatories.position);
}
