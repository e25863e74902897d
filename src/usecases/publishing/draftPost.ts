/**
 * An author starts a post: a draft in the name of an organisation they write for (or the
 * network), revision 1, its byline made on their first post. Audited in the same transaction.
 */
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { addReviewNote, ensureAuthorProfile, insertPost } from '../../storage/publishing/postStore.ts';
import type { Context } from '../context.ts';
import { postContentFrom, type PostForm } from './postContent.ts';
import { slugConflict } from './uniqueSlug.ts';

export async function draftPost(context: Context, actor: Actor & { name: string }, form: PostForm): Promise<{ postId: string; slug: string }> {
  authorize(actor, 'blog.write', { kind: 'blog-scope', orgId: form.orgId });
  const now = context.clock();
  try {
    return await context.db.transaction(async (tx) => {
      const content = await postContentFrom(tx, form);
      await ensureAuthorProfile(tx, actor.staffId, actor.name);
      const post = await insertPost(tx, { content, authorId: actor.staffId, status: 'draft', publishedAt: null, now, savedBy: actor.staffId });
      await addReviewNote(tx, { postId: post.id, action: 'created', revision: 1, staffId: actor.staffId, now });
      await recordAudit(tx, { actorId: actor.staffId, action: 'blog.post-drafted', subjectType: 'blog-post', subjectId: post.id, orgId: post.orgId, details: { slug: post.slug } }, now);
      return { postId: post.id, slug: post.slug };
    });
  } catch (error) {
    throw slugConflict(error, form.slug) ?? error;
  }
}
