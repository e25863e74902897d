/**
 * The post's author (or an editor) answers a reader's comment. A reply from staff is signed
 * with their byline and appears at once, under the comment it answers.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { renderMarkdown } from '../../core/publishing/markdown.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { commentById, insertComment } from '../../storage/publishing/commentStore.ts';
import { ensureAuthorProfile, postById } from '../../storage/publishing/postStore.ts';
import type { Context } from '../context.ts';
import { postResource } from './postAccess.ts';

export async function replyToComment(context: Context, actor: Actor & { name: string }, commentId: string, body: string): Promise<{ postSlug: string; replyId: string }> {
  if (body.trim() === '') throw new AppError('BAD_INPUT', { detail: 'body' }, { body: 'validation.required' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const parent = await commentById(tx, commentId);
    const post = parent ? await postById(tx, parent.postId) : undefined;
    if (!parent || !post) throw new AppError('NOT_FOUND');
    authorize(actor, 'blog.reply', postResource(post));
    // Replies go under approved reader comments only, one level deep.
    if (parent.status !== 'approved' || parent.replyTo !== null) throw new AppError('NOT_FOUND');
    await ensureAuthorProfile(tx, actor.staffId, actor.name);
    const reply = await insertComment(tx, {
      postId: post.id,
      replyTo: parent.id,
      name: '',
      body,
      bodyHtml: renderMarkdown(body, { profile: 'comment' }),
      status: 'approved',
      staffId: actor.staffId,
      proofOfWork: false,
      now,
    });
    await recordAudit(tx, { actorId: actor.staffId, action: 'blog.comment-replied', subjectType: 'blog-comment', subjectId: reply.id, orgId: post.orgId, details: { postId: post.id, replyTo: parent.id } }, now);
    return { postSlug: post.slug, replyId: reply.id };
  });
}
