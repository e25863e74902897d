/**
 * An action sent from the case page's forms. It is `actOnCase`, plus the one thing a form
 * needs that an API call does not: the same form sent twice (a double click, a reload after
 * posting) must not act twice. The engine refuses most repeats by itself (a step already done,
 * a consent already recorded), but adding a measure, evidence or an extension is legitimately
 * repeatable; so each form carries the number of history entries the page showed, and if
 * this member has taken the same kind of action since, the submission is a repeat. The check
 * and the action run in one transaction under the case's row lock, so two simultaneous
 * submissions cannot both pass it.
 */
import type { ActionSubmission } from '../../core/cases/actionForms.ts';
import type { CaseState } from '../../core/procedures/index.ts';
import type { Refusal } from '../../core/procedures/refusals.ts';
import { lockCase } from '../../storage/caseHandlingStore.ts';
import type { Context } from '../context.ts';
import { actOnCase, type ActOutcome } from './actOnCase.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

/** Shown instead of acting a second time; the page keeps what was typed. */
export const repeatedSubmission: Refusal = { code: 'ALREADY_RECORDED', messageKey: 'caseHandling.repeatedSubmission', params: {} };

export async function submitCaseAction(context: Context, member: StaffMember, caseId: string, submission: ActionSubmission): Promise<ActOutcome> {
  return context.db.transaction(async (tx) => {
    // Access first: a case this member may not act on answers NOT_FOUND before anything else.
    const { found } = await openCaseKey(tx, member, caseId, 'case.act', context.clock());
    const row = await lockCase(tx, found.id);
    const history = (row?.state as CaseState | null)?.history ?? [];
    const since = history.slice(submission.seen);
    const repeated = since.some((entry) => entry.by.kind === 'staff' && entry.by.staffId === member.staffId && entry.action.type === submission.action.type);
    if (repeated) return { ok: false, refusal: repeatedSubmission };
    // actOnCase nests in this transaction (a savepoint), under the lock taken above.
    return actOnCase({ ...context, db: tx }, member, found.id, submission.action);
  });
}
