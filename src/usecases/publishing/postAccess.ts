/**
 * Finding a post for someone who wants to act on it: a post they may not act on answers
 * NOT_FOUND, exactly like a post that does not exist. Also: the scopes someone edits in.
 */
import { AppError } from '../../core/errors.ts';
import { allowed, authorize, type Action, type Actor } from '../../core/policy.ts';
import { authorEditableStatuses } from '../../core/publishing/editorialWorkflow.ts';
import { isPostStatus } from '../../core/publishing/post.ts';
import type { Queryable } from '../../storage/database.ts';
import type { EditorScope } from '../../storage/publishing/editorialQueries.ts';
import { postById, type PostRow } from '../../storage/publishing/postStore.ts';

export function postResource(post: Pick<PostRow, 'authorId' | 'orgId'>) {
  return { kind: 'blog-post' as const, authorId: post.authorId, orgId: post.orgId };
}

export async function postFor(db: Queryable, actor: Actor, postId: string, action: Action): Promise<PostRow> {
  const post = await postById(db, postId);
  if (!post) throw new AppError('NOT_FOUND');
  // Someone who may not even see the post learns nothing; someone who may see it but not take
  // this action is refused the same way.
  authorize(actor, action, postResource(post));
  return post;
}

/**
 * Whether the actor may change the text now: editors always may; the author only while the
 * post is a draft, has changes requested, or was taken down.
 */
export function mayChangeText(actor: Actor, post: Pick<PostRow, 'authorId' | 'orgId' | 'status'>): boolean {
  if (!allowed(actor, 'blog.edit', postResource(post))) return false;
  if (allowed(actor, 'blog.review', postResource(post))) return true;
  return isPostStatus(post.status) && authorEditableStatuses.includes(post.status);
}

export function canSee(actor: Actor, post: Pick<PostRow, 'authorId' | 'orgId'>): boolean {
  return allowed(actor, 'blog.edit', postResource(post)) || allowed(actor, 'blog.review', postResource(post));
}

/** Where the actor is an editor: everything for a network editor, else their organisations. */
export function editorScope(actor: Actor): EditorScope | undefined {
  if (actor.grants.some((grant) => grant.role === 'editor' && grant.orgId === null)) return { everything: true };
  const orgIds = actor.grants.flatMap((grant) => (grant.role === 'editor' && grant.orgId !== null ? [grant.orgId] : []));
  return orgIds.length > 0 ? { everything: false, orgIds } : undefined;
}

/** The organisations (null: the network) the actor may write for, as the policy allows. */
export function writingScopes(actor: Actor, allOrgIds: readonly string[]): (string | null)[] {
  return [null, ...allOrgIds].filter((orgId) => allowed(actor, 'blog.write', { kind: 'blog-scope', orgId }));
}
