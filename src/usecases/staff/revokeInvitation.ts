/**
 * Withdrawing a pending invitation: its link stops working at once. Only an administrator of
 * every scope the invitation would grant may revoke it; anyone else is told NOT_FOUND.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { isStaffRole, type RoleGrant } from '../../core/roles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { invitations } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { soleOrganisation } from './inviteStaff.ts';

export async function revokeInvitation(context: Context, actor: Actor, invitationId: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for('update');
    if (!row || row.usedAt || row.revokedAt) throw new AppError('NOT_FOUND');
    const grants: RoleGrant[] = row.grants.flatMap((grant) => (isStaffRole(grant.role) ? [{ role: grant.role, orgId: grant.orgId }] : []));
    authorize(actor, 'invitation.revoke', { kind: 'staff-member', grants });
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, row.id));
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'staff.invitation-revoked', subjectType: 'invitation', subjectId: row.id, orgId: soleOrganisation(grants), details: { roles: grants } },
      now,
    );
  });
}
