/**
 * What a coordinator sees of rounds: the list of rounds in their scopes, and one round's page —
 * its state, the organisations taking part, how many were invited, answers so far (rounded,
 * from five), what each organisation shares, and the evidence attached.
 */
import { AppError } from '../../core/errors.ts';
import { allowed, type Actor } from '../../core/policy.ts';
import type { LocalisedText, TemplateDefinition } from '../../core/toolkit/template.ts';
import { answersSoFar, type AnswersSoFar } from '../../storage/toolkit/resultsQueries.ts';
import { participantsOf, roundById, roundsInScopes, type Round } from '../../storage/toolkit/roundStore.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import { evidenceOf, type EvidenceItem } from '../../storage/toolkit/evidenceStore.ts';
import type { Context } from '../context.ts';
import { mayInviteFor, mayRun, toolkitScopes } from './toolkitScopes.ts';

export async function roundsFor(context: Context, actor: Actor): Promise<Round[]> {
  const scopes = toolkitScopes(actor);
  if (!scopes.network && scopes.orgIds.length === 0) throw new AppError('NOT_FOUND');
  if (scopes.network) return roundsInScopes(context.db, { network: true, orgIds: [], all: true });
  return roundsInScopes(context.db, scopes);
}

export type ParticipantView = {
  orgId: string;
  name: string;
  invited: number;
  answers: AnswersSoFar;
  sharedDomains: string[];
  /** What this staff member may do for this organisation in this round. */
  mayInvite: boolean;
  maySeeResults: boolean;
  evidence: EvidenceItem[];
};

export type RoundView = {
  round: Round;
  templateName: LocalisedText;
  definition: TemplateDefinition;
  mayRun: boolean;
  maySeeNetworkResults: boolean;
  answers: AnswersSoFar;
  participants: ParticipantView[];
};

export async function roundView(context: Context, actor: Actor, roundId: string): Promise<RoundView> {
  const round = await roundById(context.db, roundId);
  const participants = await participantsOf(context.db, round.id);
  const running = mayRun(actor, round);
  const visible = participants.filter((participant) => running || mayInviteFor(actor, round, participant.orgId));
  if (visible.length === 0) throw new AppError('NOT_FOUND');
  const template = await templateById(context.db, round.templateId);
  // A large network round lists its members' details only to those who can act on them.
  const detailed = round.scope === 'network' && running && visible.length > 50 ? visible.filter((participant) => allowed(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: participant.orgId })) : visible;
  const views: ParticipantView[] = [];
  for (const participant of detailed) {
    const maySeeResults = allowed(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: participant.orgId });
    views.push({
      ...participant,
      answers: await answersSoFar(context.db, round.id, [participant.orgId]),
      mayInvite: round.status === 'open' && mayInviteFor(actor, round, participant.orgId),
      maySeeResults,
      evidence: maySeeResults ? await evidenceOf(context.db, round.id, participant.orgId) : [],
    });
  }
  return {
    round,
    templateName: template.name,
    definition: template.definition,
    mayRun: running,
    maySeeNetworkResults: round.scope === 'network' && allowed(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: null }),
    answers: await answersSoFar(context.db, round.id, running ? undefined : visible.map((participant) => participant.orgId)),
    participants: views,
  };
}
