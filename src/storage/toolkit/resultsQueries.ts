/**
 * The query layer for results: every figure about answers that leaves the database goes through
 * these functions, and each hands back only what core/toolkit/results.ts publishes — nothing
 * while a round is open (two views taken while answers arrive would differ by one person),
 * nothing below five people, small breakdown cells and their complements hidden, and in the
 * network roll-up only what each organisation agreed to share. Pages, CSV, PDF and charts call
 * these and nothing else.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { isRoleGroup } from '../../core/toolkit/roleGroups.ts';
import {
  publishComments,
  publishReport,
  publishRollup,
  type OrganisationAggregates,
  type Report,
  type Respondent,
  type Rollup,
} from '../../core/toolkit/results.ts';
import { BAND_COUNT, emptyAggregate, type ScoreAggregate } from '../../core/toolkit/scoring.ts';
import { MIN_GROUP } from '../../core/toolkit/suppression.ts';
import type { TemplateDefinition } from '../../core/toolkit/template.ts';
import { queryRows, type Queryable } from '../database.ts';
import { toolkitAnswerSets, toolkitComments, toolkitParticipants } from '../schema/index.ts';
import type { Round } from './roundStore.ts';

export type Comment = { questionKey: string; text: string };

export type RoundResults =
  | { state: 'open' }
  | { state: 'closed'; report: Report; comments: Comment[] };

/** One organisation's results for a round (its own round, or its part of a network round). */
export async function organisationResults(db: Queryable, round: Round, definition: TemplateDefinition, orgId: string): Promise<RoundResults> {
  if (round.status !== 'closed') return { state: 'open' };
  // Both reads at once; the comments are dropped below unless the group reached the threshold.
  const [rows, comments] = await Promise.all([
    db
      .select({ roleGroup: toolkitAnswerSets.roleGroup, choices: toolkitAnswerSets.choices, domainScores: toolkitAnswerSets.domainScores })
      .from(toolkitAnswerSets)
      .where(and(eq(toolkitAnswerSets.roundId, round.id), eq(toolkitAnswerSets.orgId, orgId))),
    db
      .select({ questionKey: toolkitComments.questionKey, text: toolkitComments.text })
      .from(toolkitComments)
      .where(and(eq(toolkitComments.roundId, round.id), eq(toolkitComments.orgId, orgId)))
      .orderBy(asc(toolkitComments.text)),
  ]);
  const respondents: Respondent[] = rows.map((row) => ({
    orgId,
    roleGroup: isRoleGroup(row.roleGroup) ? row.roleGroup : 'unsaid',
    choices: row.choices,
    domainScores: row.domainScores,
  }));
  const report = publishReport(definition, respondents);
  return { state: 'closed', report, comments: publishComments(respondents.length, comments) };
}

type DomainRow = { org_id: string; domain: number; n: number; sum: number; sum_squares: number; b0: number; b1: number; b2: number; b3: number; b4: number };

/** Per organisation and domain, the summable aggregate of respondents' domain scores. */
async function domainAggregates(db: Queryable, roundId: string, orgIds?: readonly string[]): Promise<DomainRow[]> {
  const only = orgIds ? sql`and s.org_id in (${sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  return queryRows<DomainRow>(
    db,
    sql`select s.org_id, (d.idx - 1)::int as domain, count(*)::int as n,
               sum(d.score)::float8 as sum, sum(d.score * d.score)::float8 as sum_squares,
               count(*) filter (where d.score < 20)::int as b0,
               count(*) filter (where d.score >= 20 and d.score < 40)::int as b1,
               count(*) filter (where d.score >= 40 and d.score < 60)::int as b2,
               count(*) filter (where d.score >= 60 and d.score < 80)::int as b3,
               count(*) filter (where d.score >= 80)::int as b4
        from toolkit_answer_sets s, unnest(s.domain_scores) with ordinality as d(score, idx)
        where s.round_id = ${roundId}::uuid and d.score >= 0 ${only}
        group by s.org_id, d.idx`,
  );
}

export type NetworkResults = { state: 'open' } | { state: 'closed'; rollup: Rollup };

/** The network roll-up of a network round: each member's shared domains, and the network's. */
export async function networkResults(db: Queryable, round: Round, definition: TemplateDefinition): Promise<NetworkResults> {
  if (round.status !== 'closed' || round.scope !== 'network') return { state: 'open' };
  const participants = await db
    .select({ orgId: toolkitParticipants.orgId, sharedDomains: toolkitParticipants.sharedDomains })
    .from(toolkitParticipants)
    .where(eq(toolkitParticipants.roundId, round.id));
  const sharing = participants.filter((participant) => participant.sharedDomains.length > 0).map((participant) => participant.orgId);
  const [counts, domains] = sharing.length === 0 ? [[], []] : await Promise.all([respondentCounts(db, round.id, sharing), domainAggregates(db, round.id, sharing)]);
  const byOrg = new Map<string, ScoreAggregate[]>();
  for (const row of domains) {
    const list = byOrg.get(row.org_id) ?? definition.domains.map(() => emptyAggregate());
    list[row.domain] = { n: row.n, sum: row.sum, sumSquares: row.sum_squares, bands: [row.b0, row.b1, row.b2, row.b3, row.b4].slice(0, BAND_COUNT) };
    byOrg.set(row.org_id, list);
  }
  const respondents = new Map(counts.map((row) => [row.orgId, row.n]));
  const organisations: OrganisationAggregates[] = participants.map((participant) => ({
    orgId: participant.orgId,
    respondents: respondents.get(participant.orgId) ?? 0,
    domains: byOrg.get(participant.orgId) ?? definition.domains.map(() => emptyAggregate()),
    sharedDomains: new Set(participant.sharedDomains),
  }));
  return { state: 'closed', rollup: publishRollup(definition, organisations) };
}

async function respondentCounts(db: Queryable, roundId: string, orgIds: readonly string[]): Promise<{ orgId: string; n: number }[]> {
  return db
    .select({ orgId: toolkitAnswerSets.orgId, n: sql<number>`count(*)::int` })
    .from(toolkitAnswerSets)
    .where(and(eq(toolkitAnswerSets.roundId, roundId), inArray(toolkitAnswerSets.orgId, [...orgIds])))
    .groupBy(toolkitAnswerSets.orgId);
}

/**
 * How many answered so far, as a coordinator may see it while a round is open: nothing below
 * five, then rounded down to a multiple of five, so two looks at the page never differ by one
 * person. The exact count appears with the results once the round is closed.
 */
export type AnswersSoFar = { shown: false } | { shown: true; atLeast: number };

export async function answersSoFar(db: Queryable, roundId: string, orgIds?: readonly string[]): Promise<AnswersSoFar> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(toolkitAnswerSets)
    .where(and(eq(toolkitAnswerSets.roundId, roundId), orgIds ? inArray(toolkitAnswerSets.orgId, [...orgIds]) : undefined));
  const n = row?.n ?? 0;
  return n >= MIN_GROUP ? { shown: true, atLeast: n - (n % MIN_GROUP) } : { shown: false };
}
