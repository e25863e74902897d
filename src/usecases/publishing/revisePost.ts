/**
 * Saving a new version of a post. Every save is a numbered revision kept for comparison. The
 * author may change the text while it is a draft or has changes requested (or was taken down);
 * editors may correct it at any stage, a published post included.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addReviewNote, saveRevision } from '../../storage/publishing/postStore.ts';
import type { Context } from '../context.ts';
import { mayChangeText, postFor } from './postAccess.ts';
import { postContentFrom, type PostForm } from './postContent.ts';
import { slugConflict } from './uniqueSlug.ts';

export async function revisePost(context: Context, actor: Actor, postId: string, form: PostForm): Promise<{ revision: number }> {
  const now = context.clock();
  try {
    return await context.db.transaction(async (tx) => {
      const post = await postFor(tx, actor, postId, 'blog.edit');
      if (!mayChangeText(actor, post)) throw new AppError('POST_STATUS_CONFLICT', { status: post.status });
      if (form.orgId !== post.orgId) authorize(actor, 'blog.write', { kind: 'blog-scope', orgId: form.orgId });
      const content = await postContentFrom(tx, form, post.id);
      const revision = await saveRevision(tx, post, content, actor.staffId, now);
      await addReviewNote(tx, { postId: post.id, action: 'edit', revision, staffId: actor.staffId, now });
      await recordAudit(tx, { actorId: actor.staffId, action: 'blog.post-revised', subjectType: 'blog-post', subjectId: post.id, orgId: content.orgId, details: { revision } }, now);
      return { revision };
    });
  } catch (error) {
    throw slugConflict(error, form.slug) ?? error;
  }
}
