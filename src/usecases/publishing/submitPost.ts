/** The author hands a post to the editors: draft (or changes requested) → in review. */
import type { Actor } from '../../core/policy.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export function submitPost(context: Context, actor: Actor, postId: string, note = '') {
  return takeEditorialStep(context, actor, { postId, action: 'submit', permission: 'blog.edit', note });
}
