/**
 * Reader comments: storing one (with nothing about who sent it), counting them per time window
 * for the global rate limit, and moderating them.
 */
import { eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../database.ts';
import { blogCommentWindows, blogComments } from '../schema/index.ts';

export type CommentRow = typeof blogComments.$inferSelect;

/** Counts one more comment in the window and returns how many it now holds. */
export async function countCommentInWindow(db: Queryable, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(blogCommentWindows)
    .values({ windowStart, count: 1 })
    .onConflictDoUpdate({ target: blogCommentWindows.windowStart, set: { count: sql`${blogCommentWindows.count} + 1` } })
    .returning({ count: blogCommentWindows.count });
  return row?.count ?? 1;
}

/** Windows older than a day are no longer needed by anything. */
export async function forgetOldWindows(db: Queryable, now: Date): Promise<void> {
  await db.delete(blogCommentWindows).where(lt(blogCommentWindows.windowStart, new Date(now.getTime() - 24 * 3600 * 1000)));
}

export async function insertComment(
  db: Queryable,
  comment: { postId: string; replyTo: string | null; name: string; body: string; bodyHtml: string; status: 'held' | 'approved'; staffId: string | null; proofOfWork: boolean; now: Date },
): Promise<CommentRow> {
  const [row] = await db
    .insert(blogComments)
    .values({ ...comment, createdAt: comment.now, moderatedAt: comment.status === 'approved' ? comment.now : null, moderatedBy: comment.status === 'approved' ? comment.staffId : null })
    .returning();
  if (!row) throw new Error('the comment was not stored');
  return row;
}

export async function commentById(db: Queryable, id: string): Promise<CommentRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(blogComments).where(eq(blogComments.id, id));
  return row;
}

export async function setCommentStatus(db: Queryable, id: string, status: 'approved' | 'rejected', moderatorId: string, now: Date): Promise<void> {
  await db.update(blogComments).set({ status, moderatedAt: now, moderatedBy: moderatorId }).where(eq(blogComments.id, id));
}
