/** Two revisions of a post side by side, line by line, for its author and editors. */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { diffLines, type DiffLine } from '../../core/publishing/revisionDiff.ts';
import { revisionOf, revisionsOf, type RevisionRow, type RevisionSummary } from '../../storage/publishing/editorialQueries.ts';
import { postById, type PostRow } from '../../storage/publishing/postStore.ts';
import type { Context } from '../context.ts';
import { canSee } from './postAccess.ts';

export type RevisionComparison = {
  post: PostRow;
  from: RevisionRow;
  to: RevisionRow;
  revisions: RevisionSummary[];
  title: DiffLine[];
  summary: DiffLine[];
  body: DiffLine[];
  tags: DiffLine[];
  signatories: DiffLine[];
};

export async function compareRevisions(context: Context, actor: Actor, postId: string, fromNumber: number, toNumber: number): Promise<RevisionComparison> {
  const post = await postById(context.db, postId);
  if (!post || !canSee(actor, post)) throw new AppError('NOT_FOUND');
  const from = await revisionOf(context.db, post.id, fromNumber);
  const to = await revisionOf(context.db, post.id, toNumber);
  if (!from || !to) throw new AppError('NOT_FOUND');
  return {
    post,
    from,
    to,
    revisions: await revisionsOf(context.db, post.id),
    title: diffLines(from.title, to.title),
    summary: diffLines(from.summary, to.summary),
    body: diffLines(from.body, to.body),
    tags: diffLines(from.tags.join('\n'), to.tags.join('\n')),
    signatories: diffLines(from.signatories, to.signatories),
  };
}
