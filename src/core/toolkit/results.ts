/**
 * Publishing results: the only way answers become numbers anyone sees. Every function here
 * returns cells that are either shown with their figures or hidden with a reason, after the
 * minimum-group rule and complementary suppression; pages, exports and charts draw only what
 * these return. Breakdowns by role group hide small groups and protect them from subtraction;
 * the network roll-up counts an organisation's domain only if it agreed to share it and at
 * least five of its people scored it, so every organisation row stands on its own.
 */
import type { RoleGroup } from './roleGroups.ts';
import { roleGroups } from './roleGroups.ts';
import {
  addScore,
  countChoices,
  DONT_KNOW,
  emptyAggregate,
  mergeAggregates,
  NO_SCORE,
  scoreOf,
  summarise,
  round1,
  type ScoreAggregate,
  type ScoreSummary,
} from './scoring.ts';
import { MIN_GROUP, suppressBreakdown, type HiddenReason } from './suppression.ts';
import { placedQuestions, type AssessmentForm, type TemplateDefinition } from './template.ts';

export type Hidden = { shown: false; reason: HiddenReason | 'not-shared' };
export type PublishedScore = { shown: true; summary: ScoreSummary } | Hidden;
export type PublishedCount = { shown: true; n: number } | Hidden;

/** One person's answer set as the query layer reads it: no id, no time, nothing else. */
export type Respondent = {
  orgId: string;
  roleGroup: RoleGroup;
  choices: readonly number[];
  domainScores: readonly number[];
};

export type DomainResult = {
  key: string;
  index: number;
  overall: PublishedScore;
  byRole: Record<RoleGroup, PublishedScore>;
};

export type QuestionResult = {
  key: string;
  position: number;
  domainKey: string;
  result:
    | { shown: true; asked: number; scored: number; mean: number; counts: { choice: number; n: number }[] }
    | Hidden;
};

export type Report = {
  respondents: PublishedCount;
  respondentsByRole: Record<RoleGroup, PublishedCount>;
  domains: DomainResult[];
  questions: QuestionResult[];
};

const TOO_FEW: Hidden = { shown: false, reason: 'too-few' };

function scoreCell(aggregate: ScoreAggregate, hiddenBecause: HiddenReason | undefined): PublishedScore {
  if (hiddenBecause) return { shown: false, reason: hiddenBecause };
  if (aggregate.n < MIN_GROUP) return TOO_FEW;
  return { shown: true, summary: summarise(aggregate) };
}

function countCell(n: number, hiddenBecause: HiddenReason | undefined): PublishedCount {
  if (hiddenBecause) return { shown: false, reason: hiddenBecause };
  return n < MIN_GROUP ? TOO_FEW : { shown: true, n };
}

function byRole<T>(make: (role: RoleGroup) => T): Record<RoleGroup, T> {
  return Object.fromEntries(roleGroups.map((role) => [role, make(role)])) as Record<RoleGroup, T>;
}

/** A breakdown by role group under a published total, with complementary suppression. */
function roleBreakdown<T>(counts: Record<RoleGroup, number>, cell: (role: RoleGroup, hidden: HiddenReason | undefined) => T): Record<RoleGroup, T> {
  const hidden = suppressBreakdown(roleGroups.map((role) => ({ key: role, n: counts[role] })));
  return byRole((role) => cell(role, hidden.get(role)));
}

function hiddenReport(definition: TemplateDefinition): Report {
  return {
    respondents: TOO_FEW,
    respondentsByRole: byRole(() => TOO_FEW),
    domains: definition.domains.map((domain, index) => ({ key: domain.key, index, overall: TOO_FEW, byRole: byRole(() => TOO_FEW) })),
    questions: placedQuestions(definition)
      .filter((question) => question.kind !== 'free_text')
      .map((question) => ({ key: question.key, position: question.position, domainKey: question.domainKey, result: TOO_FEW })),
  };
}

/**
 * The report of one group of respondents (an organisation's round, or an organisation's part of
 * a network round). Nothing at all is shown below MIN_GROUP respondents.
 */
export function publishReport(definition: TemplateDefinition, respondents: readonly Respondent[]): Report {
  if (respondents.length < MIN_GROUP) return hiddenReport(definition);
  const roleCounts = byRole((role) => respondents.filter((respondent) => respondent.roleGroup === role).length);
  const domains = definition.domains.map((domain, index): DomainResult => {
    const overall = emptyAggregate();
    const perRole = byRole(() => emptyAggregate());
    for (const respondent of respondents) {
      const score = respondent.domainScores[index] ?? NO_SCORE;
      if (score === NO_SCORE) continue;
      addScore(overall, score);
      addScore(perRole[respondent.roleGroup], score);
    }
    const overallCell = scoreCell(overall, undefined);
    return {
      key: domain.key,
      index,
      overall: overallCell,
      // A breakdown is only published under a published total.
      byRole: overallCell.shown ? roleBreakdown(byRole((role) => perRole[role].n), (role, hidden) => scoreCell(perRole[role], hidden)) : byRole(() => TOO_FEW),
    };
  });
  const choiceRows = respondents.map((respondent) => respondent.choices);
  const questions = placedQuestions(definition)
    .filter((question) => question.kind !== 'free_text')
    .map((question): QuestionResult => {
      const counted = countChoices(question, choiceRows);
      const scored = counted.asked - (counted.counts.get(DONT_KNOW) ?? 0);
      const base = { key: question.key, position: question.position, domainKey: question.domainKey };
      if (counted.asked < MIN_GROUP || scored < MIN_GROUP) return { ...base, result: TOO_FEW };
      let sum = 0;
      for (const [choice, n] of counted.counts) sum += (scoreOf(question.kind, choice) ?? 0) * n;
      return {
        ...base,
        result: {
          shown: true,
          asked: counted.asked,
          scored,
          mean: round1(sum / scored),
          counts: [...counted.counts].map(([choice, n]) => ({ choice, n })),
        },
      };
    });
  return {
    respondents: { shown: true, n: respondents.length },
    respondentsByRole: roleBreakdown(roleCounts, (role, hidden) => countCell(roleCounts[role], hidden)),
    domains,
    questions,
  };
}

/** Free-text answers appear only when the group reached the threshold, sorted so order tells nothing. */
export function publishComments<T extends { text: string }>(respondentCount: number, comments: readonly T[]): T[] {
  if (respondentCount < MIN_GROUP) return [];
  return [...comments].sort((a, b) => a.text.localeCompare(b.text));
}

/** What the roll-up reads per organisation: its respondents and summable domain aggregates. */
export type OrganisationAggregates = {
  orgId: string;
  respondents: number;
  domains: ScoreAggregate[];
  /** Domain keys the organisation agreed to share with the network for this round. */
  sharedDomains: ReadonlySet<string>;
};

export type RollupRow = { orgId: string; respondents: PublishedCount; domains: PublishedScore[] };

export type Rollup = {
  /** Network score per domain, from the organisations that shared it with enough people. */
  network: { key: string; score: PublishedScore; organisations: number }[];
  organisations: RollupRow[];
};

export function publishRollup(definition: TemplateDefinition, organisations: readonly OrganisationAggregates[]): Rollup {
  const contributing = definition.domains.map(() => [] as ScoreAggregate[]);
  const rows = organisations.map((organisation): RollupRow => {
    const sharesAnything = organisation.sharedDomains.size > 0;
    const domains = definition.domains.map((domain, index): PublishedScore => {
      if (!organisation.sharedDomains.has(domain.key)) return { shown: false, reason: 'not-shared' };
      const aggregate = organisation.domains[index] ?? emptyAggregate();
      if (organisation.respondents < MIN_GROUP || aggregate.n < MIN_GROUP) return TOO_FEW;
      contributing[index]?.push(aggregate);
      return { shown: true, summary: summarise(aggregate) };
    });
    const respondents: PublishedCount = !sharesAnything ? { shown: false, reason: 'not-shared' } : countCell(organisation.respondents, undefined);
    return { orgId: organisation.orgId, respondents, domains };
  });
  const network = definition.domains.map((domain, index) => {
    const parts = contributing[index] ?? [];
    return { key: domain.key, score: scoreCell(mergeAggregates(parts), undefined), organisations: parts.length };
  });
  return { network, organisations: rows };
}

/** Which form a round asked: the short form publishes only its own questions. */
export function questionsPublishedIn(report: Report, form: AssessmentForm, definition: TemplateDefinition): QuestionResult[] {
  if (form === 'long') return report.questions;
  const shortKeys = new Set(placedQuestions(definition).filter((question) => question.short).map((question) => question.key));
  return report.questions.filter((question) => shortKeys.has(question.key));
}
