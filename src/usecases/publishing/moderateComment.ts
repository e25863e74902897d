/**
 * An editor approves a held comment (it appears under the post) or rejects it (it never does);
 * a decision can be revisited. Audited with the comment's id, never its text.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { commentById, setCommentStatus } from '../../storage/publishing/commentStore.ts';
import { postById } from '../../storage/publishing/postStore.ts';
import type { Context } from '../context.ts';
import { postResource } from './postAccess.ts';

export type ModerationDecision = 'approve' | 'reject';

export async function moderateComment(context: Context, actor: Actor, commentId: string, decision: ModerationDecision): Promise<{ postSlug: string }> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const comment = await commentById(tx, commentId);
    const post = comment ? await postById(tx, comment.postId) : undefined;
    if (!comment || !post) throw new AppError('NOT_FOUND');
    authorize(actor, 'blog.moderate', postResource(post));
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await setCommentStatus(tx, comment.id, status, actor.staffId, now);
    await recordAudit(tx, { actorId: actor.staffId, action: `blog.comment-${status}`, subjectType: 'blog-comment', subjectId: comment.id, orgId: post.orgId, details: { postId: post.id } }, now);
    return { postSlug: post.slug };
  });
}
