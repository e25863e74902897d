/**
 * A post as its author and editors see it: the working copy with its tags and signatories as
 * typed in the latest revision, the timeline, the revisions, and which actions this person may
 * take now (status allows it and the policy allows them).
 */
import { allowed, type Actor } from '../../core/policy.ts';
import { availableActions, type EditorialAction } from '../../core/publishing/editorialWorkflow.ts';
import { isPostStatus, type PostStatus } from '../../core/publishing/post.ts';
import { AppError } from '../../core/errors.ts';
import { eq } from 'drizzle-orm';
import { revisionOf, revisionsOf, timelineOf, type RevisionSummary, type TimelineEntry } from '../../storage/publishing/editorialQueries.ts';
import type { PostRow } from '../../storage/publishing/postStore.ts';
import { blogPosts } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { canSee, mayChangeText, postResource } from './postAccess.ts';
import { postById } from '../../storage/publishing/postStore.ts';

export type EditorialPost = {
  post: PostRow & { status: PostStatus };
  tagsText: string;
  signatoriesText: string;
  translationOfSlug: string;
  timeline: TimelineEntry[];
  revisions: RevisionSummary[];
  canEdit: boolean;
  actions: EditorialAction[];
};

const permissionFor: Record<EditorialAction, 'blog.edit' | 'blog.review' | 'blog.approve'> = {
  edit: 'blog.edit',
  submit: 'blog.edit',
  comment: 'blog.edit',
  'request-changes': 'blog.review',
  approve: 'blog.approve',
  publish: 'blog.approve',
  unpublish: 'blog.review',
};

export async function readEditorialPost(context: Context, actor: Actor, postId: string): Promise<EditorialPost> {
  const post = await postById(context.db, postId);
  if (!post || !canSee(actor, post) || !isPostStatus(post.status)) throw new AppError('NOT_FOUND');
  const status = post.status;
  const latest = await revisionOf(context.db, post.id, post.revision);
  const canEdit = mayChangeText(actor, post);
  const actions = availableActions(status).filter((action) => action !== 'edit' && allowed(actor, permissionFor[action], postResource(post)));
  const [original] = post.translationOf
    ? await context.db.select({ slug: blogPosts.slug }).from(blogPosts).where(eq(blogPosts.id, post.translationOf))
    : [];
  return {
    post: { ...post, status },
    tagsText: (latest?.tags ?? []).join(', '),
    signatoriesText: latest?.signatories ?? '',
    translationOfSlug: original?.slug ?? '',
    timeline: await timelineOf(context.db, post.id),
    revisions: await revisionsOf(context.db, post.id),
    canEdit,
    actions,
  };
}
