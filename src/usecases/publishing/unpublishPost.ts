/** An editor takes a post down (or cancels its schedule); the author may then revise and resubmit. */
import type { Actor } from '../../core/policy.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export function unpublishPost(context: Context, actor: Actor, postId: string, note = '') {
  return takeEditorialStep(context, actor, { postId, action: 'unpublish', permission: 'blog.review', note });
}
