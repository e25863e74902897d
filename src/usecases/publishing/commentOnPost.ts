/** A note in the editorial conversation about a post, from its author or an editor; the status stays. */
import type { Actor } from '../../core/policy.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export function commentOnPost(context: Context, actor: Actor, postId: string, note: string) {
  return takeEditorialStep(context, actor, { postId, action: 'comment', permission: 'blog.edit', note, noteRequired: true });
}
