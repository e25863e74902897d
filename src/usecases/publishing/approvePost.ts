/** An editor other than the author approves a post for publication. */
import type { Actor } from '../../core/policy.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export function approvePost(context: Context, actor: Actor, postId: string, note = '') {
  return takeEditorialStep(context, actor, { postId, action: 'approve', permission: 'blog.approve', note });
}
