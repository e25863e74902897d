/**
 * Comments for the people who look after the conversation: editors see held comments in their
 * scope; authors and editors see approved reader comments they may reply to.
 */
import { AppError } from '../../core/errors.ts';
import { allowed, type Actor } from '../../core/policy.ts';
import { approvedReaderComments, heldComments, type ModerationItem } from '../../storage/publishing/editorialQueries.ts';
import type { Context } from '../context.ts';
import { editorScope } from './postAccess.ts';

export type ModerationQueue = { held: ModerationItem[]; toAnswer: ModerationItem[]; isEditor: boolean };

export async function readModerationQueue(context: Context, actor: Actor): Promise<ModerationQueue> {
  if (!allowed(actor, 'blog.enter', { kind: 'network' })) throw new AppError('NOT_FOUND');
  const scope = editorScope(actor);
  if (!scope) return { held: [], toAnswer: await approvedReaderComments(context.db, { authorId: actor.staffId }), isEditor: false };
  return { held: await heldComments(context.db, scope), toAnswer: await approvedReaderComments(context.db, { scope }), isEditor: true };
}
