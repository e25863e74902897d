/**
 * One step of the editorial workflow, shared by the verbs (submit, comment, request changes,
 * approve, publish, unpublish): check the person may take it and the post's status allows it,
 * change the status, note it on the post's timeline and in the audit log, all in one
 * transaction. The post row is locked so two editors acting at once are serialised.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Action, Actor } from '../../core/policy.ts';
import { move, type EditorialAction } from '../../core/publishing/editorialWorkflow.ts';
import { isPostStatus } from '../../core/publishing/post.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { addReviewNote, setPostStatus, type PostRow } from '../../storage/publishing/postStore.ts';
import { blogPosts } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { postFor } from './postAccess.ts';

export type StepInput = {
  postId: string;
  action: EditorialAction;
  /** The policy action that allows it. */
  permission: Action;
  note: string;
  noteRequired?: boolean;
  /** For publishing: when the post goes live (computed from the post inside the transaction). */
  publishedAt?: (post: PostRow, now: Date) => Date;
};

export async function takeEditorialStep(context: Context, actor: Actor, input: StepInput): Promise<{ status: string; publishedAt: Date | null }> {
  if (input.noteRequired && input.note.trim() === '') throw new AppError('BAD_INPUT', { detail: 'note' }, { note: 'validation.required' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await lockPost(tx, input.postId);
    const post = await postFor(tx, actor, input.postId, input.permission);
    const status = isPostStatus(post.status) ? post.status : undefined;
    const next = status ? move(status, input.action) : { ok: false as const };
    if (!next.ok) throw new AppError('POST_STATUS_CONFLICT', { status: post.status });
    const publishedAt = input.publishedAt ? input.publishedAt(post, now) : undefined;
    if (next.to !== post.status || publishedAt !== undefined) await setPostStatus(tx, post.id, next.to, now, publishedAt);
    await addReviewNote(tx, { postId: post.id, action: input.action, revision: post.revision, staffId: actor.staffId, note: input.note.trim(), now });
    await recordAudit(
      tx,
      {
        actorId: actor.staffId,
        action: `blog.post-${input.action}`,
        subjectType: 'blog-post',
        subjectId: post.id,
        orgId: post.orgId,
        details: { from: post.status, to: next.to, revision: post.revision, ...(publishedAt ? { publishedAt: publishedAt.toISOString() } : {}) },
      },
      now,
    );
    return { status: next.to, publishedAt: publishedAt ?? post.publishedAt };
  });
}

async function lockPost(tx: Tx, postId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(postId)) return;
  await tx.select({ id: blogPosts.id }).from(blogPosts).where(eq(blogPosts.id, postId)).for('update');
}
