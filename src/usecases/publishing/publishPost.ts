/**
 * An editor other than the author publishes a post, now or at a set time. A scheduled post is
 * published with a future publication time and goes live by itself when it comes. A post
 * published again after being taken down keeps its first publication date (if that had come)
 * unless a new time is set.
 */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { scheduleProblem } from '../../core/publishing/editorialWorkflow.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export async function publishPost(context: Context, actor: Actor, postId: string, options: { publishAt?: Date | undefined; note?: string } = {}) {
  const now = context.clock();
  if (scheduleProblem(options.publishAt, now)) {
    throw new AppError('POST_SCHEDULE_IN_PAST', { at: options.publishAt?.toISOString() ?? '' }, { publishAt: 'errors.POST_SCHEDULE_IN_PAST' });
  }
  return takeEditorialStep(context, actor, {
    postId,
    action: 'publish',
    permission: 'blog.approve',
    note: options.note ?? '',
    publishedAt: (post, at) => options.publishAt ?? (post.publishedAt && post.publishedAt <= at ? post.publishedAt : at),
  });
}
