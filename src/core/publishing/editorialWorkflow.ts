/**
 * The editorial workflow as data: which action moves a post from which status to which. Authors
 * write and submit; editors comment, request changes, approve, publish (now or at a set time)
 * and unpublish. Who may take an action is the policy module's business; whether the post is
 * in a status that allows it is decided here.
 */
import type { PostStatus } from './post.ts';

export const editorialActions = ['edit', 'submit', 'comment', 'request-changes', 'approve', 'publish', 'unpublish'] as const;
export type EditorialAction = (typeof editorialActions)[number];

/** For each action, the statuses it may start from and the status it leads to (undefined: unchanged). */
const moves: Record<EditorialAction, { from: readonly PostStatus[]; to?: PostStatus }> = {
  edit: { from: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'] },
  submit: { from: ['draft', 'changes_requested', 'unpublished'], to: 'in_review' },
  comment: { from: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'] },
  'request-changes': { from: ['in_review', 'approved'], to: 'changes_requested' },
  approve: { from: ['in_review'], to: 'approved' },
  publish: { from: ['in_review', 'approved', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
};

/** Statuses in which the post's own author may still change the text (editors always may). */
export const authorEditableStatuses: readonly PostStatus[] = ['draft', 'changes_requested', 'unpublished'];

export type Move = { ok: true; to: PostStatus } | { ok: false };

export function move(status: PostStatus, action: EditorialAction): Move {
  const rule = moves[action];
  if (!rule.from.includes(status)) return { ok: false };
  return { ok: true, to: rule.to ?? status };
}

export function availableActions(status: PostStatus): EditorialAction[] {
  return editorialActions.filter((action) => moves[action].from.includes(status));
}

/** A schedule must lie ahead; a minute's grace absorbs the time it took to press the button. */
export const SCHEDULE_GRACE_MS = 60_000;

export function scheduleProblem(publishAt: Date | undefined, now: Date): 'in-past' | undefined {
  if (!publishAt) return undefined;
  return publishAt.getTime() < now.getTime() - SCHEDULE_GRACE_MS ? 'in-past' : undefined;
}
