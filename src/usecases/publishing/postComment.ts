/**
 * A reader comments on a live post, without an account and without Redress learning who they
 * are: nothing about the request is stored, only the name they chose (if any) and the text.
 * The comment is held for moderation. Spam is kept off by the form token (not too fast, not
 * too old), the honeypot, the global rate limit, and — for readers whose browser ran the
 * comment script — a proof of work that lets them through when the soft limit is reached.
 */
import { and, eq, lte } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { admitComment, checkFormToken, proofOfWorkValid, windowStart } from '../../core/publishing/commentGuard.ts';
import { renderMarkdown } from '../../core/publishing/markdown.ts';
import { countCommentInWindow, forgetOldWindows, insertComment } from '../../storage/publishing/commentStore.ts';
import { commentFormKey } from '../../storage/publishing/seriesSettings.ts';
import { blogPosts } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export type ReaderComment = {
  slug: string;
  name: string;
  body: string;
  formToken: string;
  proofOfWork: string;
  /** The field people never see; anything in it means a robot filled the form. */
  honeypot: string;
};

/** `discarded` is never told apart from `held` to the sender: a robot learns nothing. */
export type CommentOutcome = 'held' | 'discarded';

export async function postComment(context: Context, input: ReaderComment): Promise<CommentOutcome> {
  const now = context.clock();
  const [post] = await context.db
    .select({ id: blogPosts.id })
    .from(blogPosts)
    .where(and(eq(blogPosts.slug, input.slug), eq(blogPosts.status, 'published'), lte(blogPosts.publishedAt, now)));
  if (!post) throw new AppError('NOT_FOUND');
  if (input.honeypot.trim() !== '') return 'discarded';

  const verdict = checkFormToken(await commentFormKey(context.db), input.slug, input.formToken, now);
  if (verdict === 'too-fast') throw new AppError('COMMENT_TOO_FAST');
  if (verdict !== 'ok') throw new AppError('COMMENT_FORM_EXPIRED');
  const withProofOfWork = proofOfWorkValid(input.formToken, input.proofOfWork);

  await context.db.transaction(async (tx) => {
    const count = await countCommentInWindow(tx, windowStart(now));
    const admission = admitComment({ countInWindow: count - 1, withProofOfWork, now });
    // Throwing rolls the count back too: a refused comment does not use up the window.
    if (!admission.ok) throw new AppError('COMMENTS_BUSY', { seconds: admission.retryInSeconds });
    await insertComment(tx, {
      postId: post.id,
      replyTo: null,
      name: input.name.trim(),
      body: input.body,
      bodyHtml: renderMarkdown(input.body, { profile: 'comment' }),
      status: 'held',
      staffId: null,
      proofOfWork: withProofOfWork,
      now,
    });
    await forgetOldWindows(tx, now);
  });
  return 'held';
}
