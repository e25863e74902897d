/**
 * A network administrator adds a member organisation. The slug is its permanent short name in
 * addresses, unique across the network; the audit entry commits with the row.
 */
import { AppError } from '../../core/errors.ts';
import type { OrganisationProfile } from '../../core/organisations.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { organisations } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export type NewOrganisation = OrganisationProfile & { slug: string };

export async function createOrganisation(context: Context, actor: Actor, input: NewOrganisation): Promise<{ id: string }> {
  authorize(actor, 'organisation.create', { kind: 'network' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    // ON CONFLICT rather than a prior check: two admins choosing the same slug at once get one row.
    const [created] = await tx
      .insert(organisations)
      .values({ slug: input.slug, name: input.name, languages: input.languages, country: input.country, createdAt: now })
      .onConflictDoNothing({ target: organisations.slug })
      .returning({ id: organisations.id });
    if (!created) throw new AppError('SLUG_TAKEN', {}, { slug: 'errors.SLUG_TAKEN' });
    await recordAudit(
      tx,
      {
        actorId: actor.staffId,
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: created.id,
        orgId: created.id,
        details: { slug: input.slug, name: input.name, languages: input.languages, country: input.country },
      },
      now,
    );
    return created;
  });
}
