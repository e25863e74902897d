/**
 * A network administrator corrects an organisation's name, languages or country. The slug
 * never changes: it is part of addresses already handed out. The audit entry keeps what changed.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { OrganisationProfile } from '../../core/organisations.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { organisations } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';

export async function editOrganisation(context: Context, actor: Actor, orgId: string, input: OrganisationProfile): Promise<void> {
  authorize(actor, 'organisation.edit', { kind: 'organisation', orgId });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, orgId)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.languages.join(',') !== input.languages.join(',')) changes.languages = { from: before.languages, to: input.languages };
    if (before.country !== input.country) changes.country = { from: before.country, to: input.country };
    if (Object.keys(changes).length === 0) return;
    await tx.update(organisations).set({ name: input.name, languages: input.languages, country: input.country }).where(eq(organisations.id, orgId));
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'organisation.edited', subjectType: 'organisation', subjectId: orgId, orgId, details: changes },
      now,
    );
  });
}
