/**
 * Wrapping a newly sent case's key for the people who receive it (core/intake/recipients.ts
 * decides who): each gets the key sealed to their own public key; the network's admins get an
 * emergency copy that opens only through break-glass access. Runs inside the sending
 * transaction; with nobody to receive it the report is refused and nothing is stored.
 */
import { AppError } from '../../core/errors.ts';
import { wrapForStaff, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { chooseRecipients, type RecipientCandidates, type RecipientRule } from '../../core/intake/recipients.ts';
import { recipientCandidates } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { and, eq } from 'drizzle-orm';
import { routeToNetwork, staffNamedIn } from '../../core/cases/namedStaff.ts';
import { caseKeys, roleGrants, staff } from '../../storage/schema/index.ts';

export async function wrapForRecipients(
  tx: Tx,
  input: { caseId: string; orgId: string | null; caseKey: CaseKey; now: Date; exclude?: readonly string[] },
): Promise<{ rule: RecipientRule; count: number }> {
  const excluded = new Set(input.exclude ?? []);
  const all = await recipientCandidates(tx, input.orgId);
  const keep = (list: RecipientCandidates['scopeHandlers']) => list.filter((recipient) => !excluded.has(recipient.staffId));
  // Staff named in the report never receive it (SPEC: conflict of interest, enforced).
  const candidates: RecipientCandidates = { scopeHandlers: keep(all.scopeHandlers), networkHandlers: keep(all.networkHandlers), networkAdmins: keep(all.networkAdmins) };
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

/**
 * Where a sent report goes and who may never see it: staff named in the reporter's words are
 * conflicted from the first moment, and a report naming one of the receiving organisation's
 * admins goes to the network instead (core/cases/namedStaff.ts).
 */
export async function routeReport(tx: Tx, input: { orgId: string | null; texts: readonly string[] }): Promise<{ orgId: string | null; named: string[]; toNetwork: boolean }> {
  const directory = await tx.select({ staffId: staff.id, name: staff.name, email: staff.email }).from(staff);
  const named = staffNamedIn(input.texts, directory);
  if (named.length === 0 || input.orgId === null) return { orgId: input.orgId, named, toNetwork: false };
  const admins = await tx
    .select({ staffId: roleGrants.staffId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'admin'), eq(roleGrants.orgId, input.orgId)));
  const toNetwork = routeToNetwork(input.orgId, named, admins.map((admin) => admin.staffId));
  return { orgId: toNetwork ? null : input.orgId, named, toNetwork };
}
