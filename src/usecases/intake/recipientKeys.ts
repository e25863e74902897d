/**
 * Wrapping a newly sent case's key for the people who receive it (core/intake/recipients.ts
 * decides who): each gets the key sealed to their own public key. Runs inside the sending
 * transaction; with nobody to receive it the report is refused and nothing is stored.
 */
import { AppError } from '../../core/errors.ts';
import { wrapForStaff, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { chooseRecipients, type RecipientRule } from '../../core/intake/recipients.ts';
import { recipientCandidates } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { caseKeys } from '../../storage/schema/index.ts';

export async function wrapForRecipients(tx: Tx, input: { caseId: string; orgId: string | null; caseKey: CaseKey; now: Date }): Promise<{ rule: RecipientRule; count: number }> {
  const chosen = chooseRecipients(await recipientCandidates(tx, input.orgId));
  if (!chosen) throw new AppError('REPORT_CHANNEL_UNAVAILABLE');
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
  return { rule: chosen.rule, count: chosen.recipients.length };
}
