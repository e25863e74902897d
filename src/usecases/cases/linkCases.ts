/**
 * Linking related cases by number, and removing a link. Both cases must be ones the staff
 * member may act on (policy, through `openCaseKey`); a number they may not open is answered
 * exactly like a number that does not exist, so the form is no way to learn which numbers are
 * in use. The link is stored in both directions and audited on both cases.
 */
import { AppError } from '../../core/errors.ts';
import type { LinkInput } from '../../core/cases/caseWorkInput.ts';
import { caseIdByRef, deleteLink, insertLink } from '../../storage/caseWorkQueries.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';
import { auditCaseWork, hasDeclared, openForCaseWork, openCaseKeyIfAllowed, type CaseWorkOutcome } from './caseWork.ts';

export async function linkCases(context: Context, member: StaffMember, caseId: string, input: LinkInput): Promise<CaseWorkOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.act', now);
    if (input.caseNumber === access.found.ref) return { ok: false, field: 'caseNumber', messageKey: 'caseWork.links.self' };
    const otherId = Number.isSafeInteger(input.caseNumber) ? await caseIdByRef(tx, input.caseNumber) : undefined;
    const other = otherId ? await openCaseKeyIfAllowed(tx, member, otherId, 'case.act', now) : undefined;
    if (!other) return { ok: false, field: 'caseNumber', messageKey: 'caseWork.links.unknown' };
    // The other case is one they may open, so saying that they have not declared on it tells them nothing new.
    if (!(await hasDeclared(tx, other, member))) return { ok: false, field: 'caseNumber', messageKey: 'caseWork.links.undeclared' };
    if (!(await insertLink(tx, { caseId: access.found.id, otherId: other.found.id, staffId: member.staffId, now }))) return { ok: true };
    await auditCaseWork(tx, { member, row: access.found, action: 'case.linked', details: { case: other.found.id }, breakGlass: access.breakGlass, now });
    await auditCaseWork(tx, { member, row: other.found, action: 'case.linked', details: { case: access.found.id }, breakGlass: other.breakGlass, now });
    return { ok: true };
  });
}

/** Removes a link; a case the member may not act on, or one not linked, answers NOT_FOUND alike. */
export async function unlinkCases(context: Context, member: StaffMember, caseId: string, linkedId: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.act', now);
    const other = await openForCaseWork(tx, member, linkedId, 'case.act', now);
    if (!(await deleteLink(tx, access.found.id, other.found.id))) throw new AppError('NOT_FOUND');
    await auditCaseWork(tx, { member, row: access.found, action: 'case.unlinked', details: { case: other.found.id }, breakGlass: access.breakGlass, now });
    await auditCaseWork(tx, { member, row: other.found, action: 'case.unlinked', details: { case: access.found.id }, breakGlass: other.breakGlass, now });
  });
}
