/**
 * Accepting an invitation: the invited person chooses a password and becomes a staff member
 * with the invited roles, in one transaction with the invitation marked used and the audit
 * entry. Their key pair is created here and wrapped under the password. A link that is
 * malformed, unknown, expired, revoked or used answers LINK_INVALID and writes nothing.
 */
import { eq } from 'drizzle-orm';
import { createStaffKeys } from '../../core/crypto/staffKeys.ts';
import type { KeyPair } from '../../core/crypto/sealedBox.ts';
import { AppError } from '../../core/errors.ts';
import { passwordProblem } from '../../core/passwords.ts';
import { isStaffRole, type RoleGrant } from '../../core/roles.ts';
import { isTokenShaped, tokenHash } from '../../core/secrets.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Queryable } from '../../storage/database.ts';
import { invitations, roleGrants, staff } from '../../storage/schema/index.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { staffByEmail } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';
import { soleOrganisation } from './inviteStaff.ts';
import type { NamedGrant } from './listStaff.ts';

export type PendingInvitation = { id: string; email: string; name: string; language: string; grants: RoleGrant[] };

/** The invitation a link stands for, if it can still be accepted; otherwise LINK_INVALID. */
export async function findPendingInvitation(db: Queryable, token: unknown, now: Date, options: { lock?: boolean } = {}): Promise<PendingInvitation> {
  if (!isTokenShaped(token)) throw new AppError('LINK_INVALID');
  const query = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash(token)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row || row.usedAt || row.revokedAt || row.expiresAt <= now) throw new AppError('LINK_INVALID');
  // Someone enrolled with this address through another invitation: this one is stale.
  if (await staffByEmail(db, row.email)) throw new AppError('LINK_INVALID');
  const grants = row.grants.flatMap((grant) => (isStaffRole(grant.role) ? [{ role: grant.role, orgId: grant.orgId }] : []));
  return { id: row.id, email: row.email, name: row.name, language: row.language, grants };
}

export type AcceptedInvitation = { staffId: string; keyPair: KeyPair; grants: RoleGrant[] };

export async function acceptInvitation(
  context: Context,
  input: { token: string; name: string; password: string },
): Promise<AcceptedInvitation> {
  await findPendingInvitation(context.db, input.token, context.clock());
  const weak = passwordProblem(input.password);
  if (weak) throw new AppError(weak, {}, { password: `errors.${weak}` });
  // The slow key derivation runs before the transaction, so no row stays locked meanwhile.
  const { keys, keyPair } = await createStaffKeys(input.password, context.argon2);
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    // Re-read under a row lock: two tabs accepting at once make one staff member.
    const invitation = await findPendingInvitation(tx, input.token, now, { lock: true });
    const [member] = await tx
      .insert(staff)
      .values({ email: invitation.email, name: input.name, language: invitation.language, createdAt: now, passwordChangedAt: now, ...keys })
      .onConflictDoNothing({ target: staff.email })
      .returning({ id: staff.id });
    if (!member) throw new AppError('LINK_INVALID');
    if (invitation.grants.length > 0) {
      await tx.insert(roleGrants).values(invitation.grants.map((grant) => ({ staffId: member.id, orgId: grant.orgId, role: grant.role, createdAt: now })));
    }
    await tx.update(invitations).set({ usedAt: now }).where(eq(invitations.id, invitation.id));
    await recordAudit(
      tx,
      {
        actorId: member.id,
        action: 'staff.enrolled',
        subjectType: 'staff',
        subjectId: member.id,
        orgId: soleOrganisation(invitation.grants),
        details: { invitationId: invitation.id, roles: invitation.grants },
      },
      now,
    );
    return { staffId: member.id, keyPair, grants: invitation.grants };
  });
}

export type InvitationView = { name: string; email: string; networkName: string | undefined; grants: NamedGrant[] };

/** What the invited person sees before accepting: who they are invited as, and where. */
export async function showInvitation(db: Queryable, token: unknown, now: Date): Promise<InvitationView> {
  const invitation = await findPendingInvitation(db, token, now);
  const names = await organisationNames(db, invitation.grants.flatMap((grant) => (grant.orgId ? [grant.orgId] : [])));
  const found = await currentNetwork(db);
  return {
    name: invitation.name,
    email: invitation.email,
    networkName: found?.name,
    grants: invitation.grants.map((grant) => ({ ...grant, organisationName: grant.orgId ? (names.get(grant.orgId) ?? null) : null })),
  };
}
