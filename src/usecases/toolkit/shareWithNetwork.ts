/**
 * What an organisation agrees to share with the network from a network round: a set of
 * domains. Only the organisation's own coordinators decide; the roll-up counts a shared domain
 * only where at least five of the organisation's people scored it.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { isParticipant, roundById, setSharedDomains } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import type { Context } from '../context.ts';

export async function shareWithNetwork(context: Context, actor: Actor, input: { roundId: string; orgId: string; domains: readonly string[] }): Promise<void> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: input.orgId });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const round = await roundById(tx, input.roundId);
    if (round.scope !== 'network' || !(await isParticipant(tx, round.id, input.orgId))) throw new AppError('NOT_FOUND');
    const template = await templateById(tx, round.templateId);
    const known = new Set(template.definition.domains.map((domain) => domain.key));
    const domains = [...new Set(input.domains)];
    if (domains.some((domain) => !known.has(domain))) throw new AppError('BAD_INPUT', { detail: 'unknown domain' });
    await setSharedDomains(tx, round.id, input.orgId, domains);
    await recordAudit(tx, { actorId: actor.staffId, action: 'toolkit.sharing-changed', subjectType: 'toolkit-round', subjectId: round.id, orgId: input.orgId, details: { domains } }, now);
  });
}
