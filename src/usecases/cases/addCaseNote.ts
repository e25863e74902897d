/**
 * A staff member adds an internal note to a case: sealed with the case key as a document of
 * kind `note`, with its author and time, and audited in the same transaction. Notes are staff
 * only: the reporter's and the respondent's pages never read documents of this kind, and the
 * respondent's key cannot open them.
 */
import { documentRef } from '../../core/cases/handling.ts';
import type { NoteInput } from '../../core/cases/caseWorkInput.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';
import { auditCaseWork, openForCaseWork, caseWorkDocumentKinds, storeStaffDocument } from './caseWork.ts';

export async function addCaseNote(context: Context, member: StaffMember, caseId: string, input: NoteInput): Promise<{ documentId: string }> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.act', now);
    const documentId = await storeStaffDocument(tx, { access, member, kind: caseWorkDocumentKinds.note, body: { text: input.note }, now });
    await auditCaseWork(tx, { member, row: access.found, action: 'case.note-added', details: { document: documentRef(documentId) }, breakGlass: access.breakGlass, now });
    return { documentId };
  });
}
