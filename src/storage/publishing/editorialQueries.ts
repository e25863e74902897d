/**
 * Reading for the editorial pages: the posts a person writes or edits, a post's timeline and
 * revisions, and the comments waiting for moderation. Scopes come from the caller (the policy
 * module decides them); these queries only filter by them.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { blogAuthors, blogComments, blogPosts, blogReviewNotes, blogRevisions, organisations, staff } from '../schema/index.ts';

/** Where someone edits: the whole network, or some organisations (null stands for the network's own posts). */
export type EditorScope = { everything: true } | { everything: false; orgIds: readonly (string | null)[] };

export type EditorialListItem = {
  id: string;
  slug: string;
  title: string;
  status: string;
  kind: string;
  language: string;
  authorName: string;
  organisationName: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
};

function inScope(scope: EditorScope): SQL | undefined {
  if (scope.everything) return undefined;
  const orgIds = scope.orgIds.filter((id): id is string => id !== null);
  const conditions = [
    ...(orgIds.length > 0 ? [inArray(blogPosts.orgId, orgIds)] : []),
    ...(scope.orgIds.includes(null) ? [isNull(blogPosts.orgId)] : []),
  ];
  return conditions.length > 0 ? or(...conditions) : sql`false`;
}

const listColumns = {
  id: blogPosts.id,
  slug: blogPosts.slug,
  title: blogPosts.title,
  status: blogPosts.status,
  kind: blogPosts.kind,
  language: blogPosts.language,
  authorName: staff.name,
  organisationName: organisations.name,
  publishedAt: blogPosts.publishedAt,
  updatedAt: blogPosts.updatedAt,
};

export async function postsByAuthor(db: Queryable, authorId: string, limit = 100): Promise<EditorialListItem[]> {
  return db
    .select(listColumns)
    .from(blogPosts)
    .innerJoin(staff, eq(staff.id, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(eq(blogPosts.authorId, authorId))
    .orderBy(desc(blogPosts.updatedAt))
    .limit(limit);
}

/** Posts in an editor's scope with the given statuses, most recently changed first. */
export async function postsInScope(db: Queryable, scope: EditorScope, statuses: readonly string[], limit = 100): Promise<EditorialListItem[]> {
  return db
    .select(listColumns)
    .from(blogPosts)
    .innerJoin(staff, eq(staff.id, blogPosts.authorId))
    .leftJoin(organisations, eq(organisations.id, blogPosts.orgId))
    .where(and(inArray(blogPosts.status, [...statuses]), inScope(scope)))
    .orderBy(desc(blogPosts.updatedAt))
    .limit(limit);
}

export type TimelineEntry = { action: string; revision: number; staffName: string | null; note: string; at: Date };

export async function timelineOf(db: Queryable, postId: string): Promise<TimelineEntry[]> {
  return db
    .select({ action: blogReviewNotes.action, revision: blogReviewNotes.revision, staffName: staff.name, note: blogReviewNotes.note, at: blogReviewNotes.createdAt })
    .from(blogReviewNotes)
    .leftJoin(staff, eq(staff.id, blogReviewNotes.staffId))
    .where(eq(blogReviewNotes.postId, postId))
    .orderBy(asc(blogReviewNotes.createdAt), asc(blogReviewNotes.revision));
}

export type RevisionSummary = { number: number; savedAt: Date; savedByName: string | null; title: string };

export async function revisionsOf(db: Queryable, postId: string): Promise<RevisionSummary[]> {
  return db
    .select({ number: blogRevisions.number, savedAt: blogRevisions.savedAt, savedByName: staff.name, title: blogRevisions.title })
    .from(blogRevisions)
    .leftJoin(staff, eq(staff.id, blogRevisions.savedBy))
    .where(eq(blogRevisions.postId, postId))
    .orderBy(desc(blogRevisions.number));
}

export type RevisionRow = typeof blogRevisions.$inferSelect;

export async function revisionOf(db: Queryable, postId: string, number: number): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select()
    .from(blogRevisions)
    .where(and(eq(blogRevisions.postId, postId), eq(blogRevisions.number, number)));
  return row;
}

export type ModerationItem = {
  id: string;
  postId: string;
  postSlug: string;
  postTitle: string;
  name: string;
  body: string;
  status: string;
  proofOfWork: boolean;
  createdAt: Date;
  replyTo: string | null;
  staffName: string | null;
};

const moderationColumns = {
  id: blogComments.id,
  postId: blogComments.postId,
  postSlug: blogPosts.slug,
  postTitle: blogPosts.title,
  name: blogComments.name,
  body: blogComments.body,
  status: blogComments.status,
  proofOfWork: blogComments.proofOfWork,
  createdAt: blogComments.createdAt,
  replyTo: blogComments.replyTo,
  staffName: staff.name,
};

/** Reader comments waiting for a moderator in the editor's scope, oldest first. */
export async function heldComments(db: Queryable, scope: EditorScope, limit = 200): Promise<ModerationItem[]> {
  return db
    .select(moderationColumns)
    .from(blogComments)
    .innerJoin(blogPosts, eq(blogPosts.id, blogComments.postId))
    .leftJoin(staff, eq(staff.id, blogComments.staffId))
    .where(and(eq(blogComments.status, 'held'), inScope(scope)))
    .orderBy(asc(blogComments.createdAt))
    .limit(limit);
}

/** Approved reader comments on an author's posts (or in an editor's scope), newest first, to reply to. */
export async function approvedReaderComments(
  db: Queryable,
  filter: { authorId: string } | { scope: EditorScope },
  limit = 100,
): Promise<ModerationItem[]> {
  const where = 'authorId' in filter ? eq(blogPosts.authorId, filter.authorId) : inScope(filter.scope);
  return db
    .select(moderationColumns)
    .from(blogComments)
    .innerJoin(blogPosts, eq(blogPosts.id, blogComments.postId))
    .leftJoin(staff, eq(staff.id, blogComments.staffId))
    .where(and(eq(blogComments.status, 'approved'), isNull(blogComments.staffId), where))
    .orderBy(desc(blogComments.createdAt))
    .limit(limit);
}

export async function authorProfile(db: Queryable, staffId: string): Promise<{ slug: string; displayName: string; role: string; bio: string } | undefined> {
  const [row] = await db
    .select({ slug: blogAuthors.slug, displayName: blogAuthors.displayName, role: blogAuthors.role, bio: blogAuthors.bio })
    .from(blogAuthors)
    .where(eq(blogAuthors.staffId, staffId));
  return row;
}

export async function organisationNames(db: Queryable, orgIds: readonly string[]): Promise<{ id: string; name: string; slug: string }[]> {
  if (orgIds.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.id, [...orgIds]))
    .orderBy(organisations.name);
}

export async function allOrganisations(db: Queryable): Promise<{ id: string; name: string; slug: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).orderBy(organisations.name);
}
