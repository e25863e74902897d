/**
 * Wrapping a newly sent case's key for the people who receive it (core/intake/recipients.ts
 * decides who): each gets the key sealed to their own public key; the network's admins get an
 * emergency copy that opens only through break-glass access. Runs inside the sending
 * transaction; with nobody to receive it the report is refused and nothing is stored.
 */
import { AppError } from '../../core/errors.ts';
import { wrapForStaff, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { chooseRecipients, type RecipientRule } from '../../core/intake/recipients.ts';
import { recipientCandidates } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { caseKeys } from '../../storage/schema/index.ts';

export async function wrapForRecipients(tx: Tx, input: { caseId: string; orgId: string | null; caseKey: CaseKey; now: Date }): Promise<{ rule: RecipientRule; count: number }> {
  const candidates = await recipientCandidates(tx, input.orgId);
  const chosen = chooseRecipients(candidates);
  if (!chosen) throw new AppError('REPORT_CHANNEL_UNAVAILABLE');
  // The network's admins hold an emergency copy that opens only through break-glass access.
  const designated = new Set(chosen.recipients.map((recipient) => recipient.staffId));
  const emergency = candidates.networkAdmins.filter((admin) => !designated.has(admin.staffId));
  await tx
    .insert(caseKeys)
    .values(
      chosen.recipients.map((recipient) => ({
        caseId: input.caseId,
        holder: 'staff',
        staffId: recipient.staffId,
        wrappedKey: wrapForStaff(recipient.publicKey, input.caseKey, input.caseId, recipient.staffId),
        createdAt: input.now,
      })),
    )
    .onConflictDoNothing();
  if (emergency.length > 0) {
    await tx
      .insert(caseKeys)
      .values(
        emergency.map((admin) => ({
          caseId: input.caseId,
          holder: 'emergency',
          staffId: admin.staffId,
          wrappedKey: wrapForStaff(admin.publicKey, input.caseKey, input.caseId, admin.staffId),
          createdAt: input.now,
        })),
      )
      .onConflictDoNothing();
  }
  return { rule: chosen.rule, count: chosen.recipients.length };
}
