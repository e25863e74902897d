/** An editor sends a post back to its author, saying what should change. */
import type { Actor } from '../../core/policy.ts';
import type { Context } from '../context.ts';
import { takeEditorialStep } from './editorialStep.ts';

export function requestChanges(context: Context, actor: Actor, postId: string, note: string) {
  return takeEditorialStep(context, actor, { postId, action: 'request-changes', permission: 'blog.review', note, noteRequired: true });
}
