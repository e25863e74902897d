/**
 * A staff member sets a case's labels and category. Both are workflow metadata kept readable
 * for the inbox's filters and for statistics (SPEC: the category stays readable), so the input
 * has already been narrowed to short tags and a category from the questionnaire's vocabulary.
 * The audit entry says how many labels and which category, never the labels themselves: they
 * are free words, and the audit log outlives a purged case.
 */
import type { LabelsInput } from '../../core/cases/caseWorkInput.ts';
import { setLabelsAndCategory } from '../../storage/caseWorkQueries.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';
import { auditCaseWork, openForCaseWork } from './caseWork.ts';

export async function setCaseLabels(context: Context, member: StaffMember, caseId: string, input: LabelsInput): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.act', now);
    await setLabelsAndCategory(tx, access.found.id, input, now);
    await auditCaseWork(tx, {
      member,
      row: access.found,
      action: 'case.labels-set',
      details: { labels: input.labels.length, category: input.category ?? 'none' },
      breakGlass: access.breakGlass,
      now,
    });
  });
}
