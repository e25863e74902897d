/**
 * Inviting someone to the staff: a one-time link that lets them choose a password and become a
 * staff member with the roles chosen here. The link's secret is returned once and stored only
 * as its hash; it expires after 7 days. When SMTP is configured the link is also e-mailed,
 * through the outbox in the same transaction (the e-mail carries the link and nothing else).
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import type { RoleGrant } from '../../core/roles.ts';
import { newToken, tokenHash } from '../../core/secrets.ts';
import type { Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { invitations } from '../../storage/schema/index.ts';
import { normaliseEmail, staffByEmail } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 3_600_000;

/** Who invites: a staff administrator, or the operator at the server's command line. */
export type Inviter = { kind: 'staff'; actor: Actor } | { kind: 'command-line' };

export type InvitationInput = { name: string; email: string; language: Language; grants: readonly RoleGrant[] };

export type InvitationDelivery = {
  /** Where links point: PUBLIC_URL, or the address the administrator is using. */
  linkBase: string;
  sendEmail: boolean;
};

export type IssuedInvitation = { invitationId: string; link: string; expiresAt: Date; emailed: boolean };

export function invitationLink(linkBase: string, token: string): string {
  return `${linkBase.replace(/\/+$/, '')}/invite/${token}`;
}

export function distinctGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Map(grants.map((grant) => [`${grant.role}@${grant.orgId ?? ''}`, grant]));
  return [...seen.values()];
}

/** Every organisation a grant names must exist; an unknown one is answered like a forbidden one. */
export async function requireOrganisations(tx: Tx, grants: readonly RoleGrant[]): Promise<void> {
  const orgIds = grants.flatMap((grant) => (grant.orgId ? [grant.orgId] : []));
  const found = await organisationNames(tx, orgIds);
  if (orgIds.some((orgId) => !found.has(orgId))) throw new AppError('NOT_FOUND');
}

/** The one organisation all grants belong to, for the audit entry's organisation column. */
export function soleOrganisation(grants: readonly RoleGrant[]): string | null {
  const orgIds = new Set(grants.map((grant) => grant.orgId));
  const [only] = orgIds;
  return orgIds.size === 1 && only ? only : null;
}

export async function inviteStaff(
  context: Context,
  inviter: Inviter,
  input: InvitationInput,
  delivery: InvitationDelivery,
): Promise<IssuedInvitation> {
  const grants = distinctGrants(input.grants);
  if (grants.length === 0) throw new AppError('BAD_INPUT', { detail: 'no role chosen' }, { grants: 'adminStaff.chooseRole' });
  if (inviter.kind === 'staff') {
    for (const grant of grants) authorize(inviter.actor, 'staff.invite', { kind: 'staff-scope', orgId: grant.orgId });
  }
  const email = normaliseEmail(input.email);
  const token = newToken();
  const link = invitationLink(delivery.linkBase, token);
  const now = context.clock();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  return context.db.transaction(async (tx) => {
    await requireOrganisations(tx, grants);
    if (await staffByEmail(tx, email)) throw new AppError('EMAIL_TAKEN', {}, { email: 'errors.EMAIL_TAKEN' });
    const [created] = await tx
      .insert(invitations)
      .values({
        tokenHash: tokenHash(token),
        email,
        name: input.name,
        language: input.language,
        grants,
        invitedBy: inviter.kind === 'staff' ? inviter.actor.staffId : null,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: invitations.id });
    if (!created) throw new AppError('INTERNAL');
    await recordAudit(
      tx,
      {
        actorId: inviter.kind === 'staff' ? inviter.actor.staffId : null,
        action: 'staff.invited',
        subjectType: 'invitation',
        subjectId: created.id,
        orgId: soleOrganisation(grants),
        details: { via: inviter.kind === 'staff' ? 'web' : 'cli', roles: grants, emailed: delivery.sendEmail },
      },
      now,
    );
    if (delivery.sendEmail) {
      const found = await currentNetwork(tx);
      await enqueue(tx, 'mail.staff-invitation', { to: email, name: input.name, link, language: input.language, networkName: found?.name ?? 'Redress' }, now);
    }
    return { invitationId: created.id, link, expiresAt, emailed: delivery.sendEmail };
  });
}
