/**
 * Reading results, for pages and exports alike: an organisation's report (its own coordinators
 * only), the network roll-up (network coordinators), and an organisation's progress across the
 * rounds it took part in. All figures come from storage/toolkit/resultsQueries.ts.
 */
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import type { PublishedScore } from '../../core/toolkit/results.ts';
import type { LocalisedText, TemplateDefinition } from '../../core/toolkit/template.ts';
import { isParticipant, participantsOf, roundById, roundsOfOrganisation, type Round } from '../../storage/toolkit/roundStore.ts';
import { networkResults, organisationResults, type NetworkResults, type RoundResults } from '../../storage/toolkit/resultsQueries.ts';
import { templateById } from '../../storage/toolkit/templateStore.ts';
import type { Context } from '../context.ts';
import { organisationNames } from '../organisations/listOrganisations.ts';

export type OrganisationReport = {
  round: Round;
  orgId: string;
  organisationName: string;
  definition: TemplateDefinition;
  templateName: LocalisedText;
  results: RoundResults;
};

export async function organisationReport(context: Context, actor: Actor, roundId: string, orgId: string): Promise<OrganisationReport> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId });
  const round = await roundById(context.db, roundId);
  if (!(await isParticipant(context.db, round.id, orgId))) throw new AppError('NOT_FOUND');
  const template = await templateById(context.db, round.templateId);
  const names = await organisationNames(context.db, [orgId]);
  return {
    round,
    orgId,
    organisationName: names.get(orgId) ?? '',
    definition: template.definition,
    templateName: template.name,
    results: await organisationResults(context.db, round, template.definition, orgId),
  };
}

export type NetworkReport = {
  round: Round;
  definition: TemplateDefinition;
  templateName: LocalisedText;
  organisationNames: Map<string, string>;
  results: NetworkResults;
};

export async function networkReport(context: Context, actor: Actor, roundId: string): Promise<NetworkReport> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: null });
  const round = await roundById(context.db, roundId);
  if (round.scope !== 'network') throw new AppError('NOT_FOUND');
  const template = await templateById(context.db, round.templateId);
  const participants = await participantsOf(context.db, round.id);
  return {
    round,
    definition: template.definition,
    templateName: template.name,
    organisationNames: new Map(participants.map((participant) => [participant.orgId, participant.name])),
    results: await networkResults(context.db, round, template.definition),
  };
}

export type ProgressAcrossRounds = {
  organisationName: string;
  /** Closed rounds, oldest first. */
  rounds: { round: Round; respondents: number | undefined }[];
  /** Domains (by key, from the newest template), with each round's published score. */
  domains: { key: string; title: LocalisedText; scores: PublishedScore[] }[];
};

export async function progressAcrossRounds(context: Context, actor: Actor, orgId: string): Promise<ProgressAcrossRounds> {
  authorize(actor, 'toolkit.see-results', { kind: 'toolkit-scope', orgId });
  const closed = (await roundsOfOrganisation(context.db, orgId)).filter((round) => round.status === 'closed').reverse();
  const names = await organisationNames(context.db, [orgId]);
  const reports: { round: Round; definition: TemplateDefinition; results: RoundResults }[] = [];
  for (const round of closed) {
    const template = await templateById(context.db, round.templateId);
    reports.push({ round, definition: template.definition, results: await organisationResults(context.db, round, template.definition, orgId) });
  }
  const newest = reports.at(-1)?.definition;
  const domains = (newest?.domains ?? []).map((domain) => ({
    key: domain.key,
    title: domain.title,
    scores: reports.map((report): PublishedScore => {
      if (report.results.state !== 'closed') return { shown: false, reason: 'too-few' };
      return report.results.report.domains.find((candidate) => candidate.key === domain.key)?.overall ?? { shown: false, reason: 'too-few' };
    }),
  }));
  return {
    organisationName: names.get(orgId) ?? '',
    rounds: reports.map((report) => ({
      round: report.round,
      respondents: report.results.state === 'closed' && report.results.report.respondents.shown ? report.results.report.respondents.n : undefined,
    })),
    domains,
  };
}
