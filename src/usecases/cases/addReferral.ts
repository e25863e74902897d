/**
 * A staff member records a referral to a service outside Redress: who was referred, to whom,
 * on which day, what was referred and whether the person consented. All of it is sealed with
 * the case key as a document of kind `referral` (the text of what was referred, the rest as
 * structured data); the audit entry names the document and the consent, never the service.
 */
import { documentRef } from '../../core/cases/handling.ts';
import type { ReferralInput } from '../../core/cases/caseWorkInput.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';
import { auditCaseWork, openForCaseWork, caseWorkDocumentKinds, storeStaffDocument } from './caseWork.ts';

export async function addReferral(context: Context, member: StaffMember, caseId: string, input: ReferralInput): Promise<{ documentId: string }> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const access = await openForCaseWork(tx, member, caseId, 'case.act', now);
    const documentId = await storeStaffDocument(tx, {
      access,
      member,
      kind: caseWorkDocumentKinds.referral,
      body: {
        text: input.referralWhat,
        data: { service: input.referralService, referredOn: input.referralDate, party: input.referralParty, consent: input.referralConsent },
      },
      now,
    });
    await auditCaseWork(tx, {
      member,
      row: access.found,
      action: 'case.referral-added',
      details: { document: documentRef(documentId), party: input.referralParty, consent: input.referralConsent },
      breakGlass: access.breakGlass,
      now,
    });
    return { documentId };
  });
}
