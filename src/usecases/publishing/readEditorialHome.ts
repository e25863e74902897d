/**
 * The editorial desk of one person: their own posts, and for editors the posts waiting for
 * review, the scheduled and recently published ones, and how many comments wait.
 */
import { AppError } from '../../core/errors.ts';
import { allowed, type Actor } from '../../core/policy.ts';
import { heldComments, postsByAuthor, postsInScope, type EditorialListItem } from '../../storage/publishing/editorialQueries.ts';
import type { Context } from '../context.ts';
import { editorScope } from './postAccess.ts';

export type EditorialHome = {
  ownPosts: EditorialListItem[];
  toReview: EditorialListItem[];
  published: EditorialListItem[];
  heldCommentCount: number;
  isEditor: boolean;
  isSeriesEditor: boolean;
};

export async function readEditorialHome(context: Context, actor: Actor): Promise<EditorialHome> {
  if (!allowed(actor, 'blog.enter', { kind: 'network' })) throw new AppError('NOT_FOUND');
  const scope = editorScope(actor);
  const ownPosts = await postsByAuthor(context.db, actor.staffId);
  if (!scope) return { ownPosts, toReview: [], published: [], heldCommentCount: 0, isEditor: false, isSeriesEditor: false };
  return {
    ownPosts,
    toReview: await postsInScope(context.db, scope, ['in_review', 'approved']),
    published: await postsInScope(context.db, scope, ['published'], 30),
    heldCommentCount: (await heldComments(context.db, scope)).length,
    isEditor: true,
    isSeriesEditor: allowed(actor, 'blog.series', { kind: 'network' }),
  };
}
