/**
 * Reading what readers may see: live posts (published, and their time has come), listed
 * newest first, one by one with byline, translations and related posts, and for feeds and the
 * sitemap. Nothing here returns a draft, a scheduled post or a held comment.
 */
import { and, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PostKind, Signatory } from '../../core/publishing/post.ts';
import type { SafeHtml } from '../../core/publishing/markdown.ts';
import type { Queryable } from '../database.ts';
import { blogAuthors, blogComments, blogPosts, organisations, staff } from '../schema/index.ts';
import { signatoriesOf, tagNames } from './postStore.ts';

export type Tag = { slug: string; name: string };
export type Translation = { slug: string; language: string; title: string };

export type PostCard = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  kind: PostKind;
  publishedAt: Date;
  author: { slug: string; name: string };
  authorRole: string;
  organisation: { slug: string; name: string } | null;
  tags: Tag[];
  translations: Translation[];
};

export type PublicPost = PostCard & {
  bodyHtml: SafeHtml;
  updatedAt: Date;
  authorBio: string;
  signatories: Signatory[];
  related: PostCard[];
  comments: PublicComment[];
};

export type PublicComment = {
  id: string;
  name: string;
  bodyHtml: SafeHtml;
  createdAt: Date;
  /** Set when an author or editor wrote it. */
  staffName: string | null;
  replies: PublicComment[];
};

export type ListingFilter = { tag: string } | { authorSlug: string } | { orgSlug: string } | Record<string, never>;

const live = (now: Date) => and(eq(blogPosts.status, 'published'), lte(blogPosts.publishedAt, now));

const cardColumns = {
  id: blogPosts.id,
  slug: blogPosts.slug,
  title: blogPosts.title,
  summary: blogPosts.summary,
  language: blogPosts.language,
  kind: blogPosts.kind,
  publishedAt: blogPosts.publishedAt,
  tags: blogPosts.tags,
  authorRole: blogPosts.authorRole,
  authorId: blogPosts.authorId,
  authorSlug: blogAuthors.slug,
  authorName: blogAuthors.displayName,
  orgSlug: organisations.slug,
  orgName: organisations.name,
  translationOf: blogPosts.translationOf,
};

type CardRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  kind: string;
  publishedAt: Date | null;
  tags: string[];
  authorRole: string;
  authorId: string;
  authorSlug: string;
  authorName: string;
  orgSlug: string | null;
  orgName: string | null;
  translationOf: string | null;
};

function filterCondition(filter: ListingFilter): SQL | undefined {
  if ('tag' in filter) return sql`${blogPosts.tags} @> array[${filter.tag}]::text[]`;
  if ('authorSlug' in filter) return eq(blogAuthors.slug, filter.authorSlug);
  if ('orgSlug' in filter) return eq(organisations.slug, filter.orgSlug);
  return undefined;
}

function cardQuery(db: Queryable) {
  return db
    .select(cardColumns)
    .from(blogPosts)
    .innerJoin(blogAuthors, eq(blogAuthors.staffId, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId));
}

/** Turns rows into cards, fetching tag names and translations for the whole page at once. */
async function toCards(db: Queryable, rows: CardRow[], now: Date): Promise<PostCard[]> {
  if (rows.length === 0) return [];
  const names = await tagNames(db, [...new Set(rows.flatMap((row) => row.tags))]);
  const groups = [...new Set(rows.map((row) => row.translationOf ?? row.id))];
  const family = await db
    .select({ id: blogPosts.id, slug: blogPosts.slug, language: blogPosts.language, title: blogPosts.title, translationOf: blogPosts.translationOf })
    .from(blogPosts)
    .where(and(live(now), sql`(${inArray(blogPosts.id, groups)} or ${inArray(blogPosts.translationOf, groups)})`));
  return rows.map((row) => {
    const group = row.translationOf ?? row.id;
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      language: row.language,
      kind: row.kind === 'statement' ? 'statement' : 'post',
      publishedAt: row.publishedAt ?? now,
      author: { slug: row.authorSlug, name: row.authorName },
      authorRole: row.authorRole,
      organisation: row.orgSlug && row.orgName ? { slug: row.orgSlug, name: row.orgName } : null,
      tags: row.tags.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
      translations: family
        .filter((member) => member.id !== row.id && (member.id === group || member.translationOf === group))
        .map((member) => ({ slug: member.slug, language: member.language, title: member.title })),
    };
  });
}

/** One page of originals (translations are reached from their original), newest first. */
export async function listLivePosts(
  db: Queryable,
  options: { now: Date; filter: ListingFilter; page: number; pageSize: number },
): Promise<{ cards: PostCard[]; total: number }> {
  const where = and(live(options.now), isNull(blogPosts.translationOf), filterCondition(options.filter));
  const [countRow] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(blogPosts)
    .innerJoin(blogAuthors, eq(blogAuthors.staffId, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(where);
  const rows = await cardQuery(db)
    .where(where)
    .orderBy(desc(blogPosts.publishedAt), desc(blogPosts.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { cards: await toCards(db, rows, options.now), total: countRow?.count ?? 0 };
}

export async function livePostBySlug(db: Queryable, slug: string, now: Date): Promise<PublicPost | undefined> {
  const [row] = await db
    .select({ ...cardColumns, bodyHtml: blogPosts.bodyHtml, updatedAt: blogPosts.updatedAt, authorBio: blogAuthors.bio })
    .from(blogPosts)
    .innerJoin(blogAuthors, eq(blogAuthors.staffId, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(and(live(now), eq(blogPosts.slug, slug)));
  if (!row) return undefined;
  // Independent reads: on a server pool they run side by side.
  const [[card], signatories, related, comments] = await Promise.all([
    toCards(db, [row], now),
    row.kind === 'statement' ? signatoriesOf(db, row.id) : Promise.resolve([]),
    relatedPosts(db, row, now),
    approvedComments(db, row.id),
  ]);
  if (!card) return undefined;
  return { ...card, bodyHtml: row.bodyHtml as SafeHtml, updatedAt: row.updatedAt, authorBio: row.authorBio, signatories, related, comments };
}

/**
 * Up to three other live posts sharing the most tags (then the same author), newest first.
 * Candidates come through the tags' GIN index or the author index; only they are scored.
 */
async function relatedPosts(db: Queryable, post: CardRow, now: Date): Promise<PostCard[]> {
  const group = post.translationOf ?? post.id;
  const tagArray = sql`array[${sql.join(post.tags.length > 0 ? post.tags.map((tag) => sql`${tag}`) : [sql`''`], sql`, `)}]::text[]`;
  const sharedTags = sql<number>`(select count(*) from unnest(${blogPosts.tags}) as tag where tag = any(${tagArray}))`;
  const score = sql<number>`(${sharedTags} * 2 + (${blogPosts.authorId} = ${post.authorId})::int)`;
  const rows = await cardQuery(db)
    .where(
      and(
        live(now),
        isNull(blogPosts.translationOf),
        sql`${blogPosts.id} <> ${group}`,
        sql`(${blogPosts.tags} && ${tagArray} or ${blogPosts.authorId} = ${post.authorId})`,
      ),
    )
    .orderBy(desc(score), desc(blogPosts.publishedAt))
    .limit(3);
  return toCards(db, rows, now);
}

async function approvedComments(db: Queryable, postId: string): Promise<PublicComment[]> {
  const rows = await db
    .select({
      id: blogComments.id,
      replyTo: blogComments.replyTo,
      name: blogComments.name,
      bodyHtml: blogComments.bodyHtml,
      createdAt: blogComments.createdAt,
      staffName: sql<string | null>`coalesce(${blogAuthors.displayName}, ${staff.name})`,
    })
    .from(blogComments)
    .leftJoin(staff, eq(staff.id, blogComments.staffId))
    .leftJoin(blogAuthors, eq(blogAuthors.staffId, blogComments.staffId))
    .where(and(eq(blogComments.postId, postId), eq(blogComments.status, 'approved')))
    .orderBy(blogComments.createdAt);
  const byId = new Map<string, PublicComment>();
  const top: PublicComment[] = [];
  for (const row of rows) {
    const comment: PublicComment = { id: row.id, name: row.name, bodyHtml: row.bodyHtml as SafeHtml, createdAt: row.createdAt, staffName: row.staffName, replies: [] };
    byId.set(row.id, comment);
    const parent = row.replyTo ? byId.get(row.replyTo) : undefined;
    if (parent) parent.replies.push(comment);
    else if (!row.replyTo) top.push(comment);
  }
  return top;
}

export type FeedPost = PostCard & { bodyHtml: SafeHtml; updatedAt: Date };

/** The newest live posts for a feed, translations included (each is an article of its own). */
export async function feedPosts(db: Queryable, options: { now: Date; filter: ListingFilter; limit: number }): Promise<FeedPost[]> {
  const rows = await db
    .select({ ...cardColumns, bodyHtml: blogPosts.bodyHtml, updatedAt: blogPosts.updatedAt })
    .from(blogPosts)
    .innerJoin(blogAuthors, eq(blogAuthors.staffId, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(and(live(options.now), filterCondition(options.filter)))
    .orderBy(desc(blogPosts.publishedAt), desc(blogPosts.id))
    .limit(options.limit);
  const cards = await toCards(db, rows, options.now);
  return cards.map((card, index) => ({ ...card, bodyHtml: rows[index]?.bodyHtml as SafeHtml, updatedAt: rows[index]?.updatedAt ?? card.publishedAt }));
}

export async function tagBySlug(db: Queryable, slug: string): Promise<Tag | undefined> {
  const names = await tagNames(db, [slug]);
  const name = names.get(slug);
  return name === undefined ? undefined : { slug, name };
}

export async function authorBySlug(db: Queryable, slug: string): Promise<{ slug: string; name: string; role: string; bio: string } | undefined> {
  const [row] = await db
    .select({ slug: blogAuthors.slug, name: blogAuthors.displayName, role: blogAuthors.role, bio: blogAuthors.bio })
    .from(blogAuthors)
    .where(eq(blogAuthors.slug, slug));
  return row;
}

export async function organisationBySlug(db: Queryable, slug: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  const [row] = await db.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.slug, slug));
  return row;
}

export type SitemapEntries = {
  posts: { slug: string; updatedAt: Date }[];
  tags: string[];
  authors: string[];
  organisations: string[];
};

export async function sitemapEntries(db: Queryable, now: Date): Promise<SitemapEntries> {
  const posts = await db
    .select({ slug: blogPosts.slug, updatedAt: blogPosts.updatedAt, tags: blogPosts.tags, authorSlug: blogAuthors.slug, orgSlug: organisations.slug })
    .from(blogPosts)
    .innerJoin(blogAuthors, eq(blogAuthors.staffId, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(live(now))
    .orderBy(desc(blogPosts.publishedAt));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))].sort();
  return {
    posts: posts.map((post) => ({ slug: post.slug, updatedAt: post.updatedAt })),
    tags: distinct(posts.flatMap((post) => post.tags)),
    authors: distinct(posts.map((post) => post.authorSlug)),
    organisations: distinct(posts.map((post) => post.orgSlug)),
  };
}
