/**
 * Where a staff member works in the toolkit: the network (network-level coordinators and admins)
 * and the organisations where they coordinate. Read from the policy module, never decided here.
 */
import { allowed, type Actor } from '../../core/policy.ts';
import { AppError } from '../../core/errors.ts';
import type { Round } from '../../storage/toolkit/roundStore.ts';

export type ToolkitScopes = { network: boolean; orgIds: string[] };

export function toolkitScopes(actor: Actor): ToolkitScopes {
  const orgIds = [...new Set(actor.grants.flatMap((grant) => (grant.orgId !== null ? [grant.orgId] : [])))].filter((orgId) =>
    allowed(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId }),
  );
  return { network: allowed(actor, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: null }), orgIds };
}

/** Running a round (inviting, reminding, closing): its own scope's coordinators, or the network's. */
export function mayRun(actor: Actor, round: Round): boolean {
  return allowed(actor, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: round.scope === 'network' ? null : round.orgId });
}

export function requireRun(actor: Actor, round: Round): void {
  if (!mayRun(actor, round)) throw new AppError('NOT_FOUND');
}

/** Inviting people of one organisation into a round: that organisation's coordinators too. */
export function mayInviteFor(actor: Actor, round: Round, orgId: string): boolean {
  return mayRun(actor, round) || allowed(actor, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId });
}
