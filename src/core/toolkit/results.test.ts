import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roleGroups, type RoleGroup } from './roleGroups.ts';
import { publishComments, publishReport, publishRollup, type OrganisationAggregates, type PublishedScore, type Respondent } from './results.ts';
import { addScore, emptyAggregate, NO_SCORE, NOT_ASKED, respondentDomainScores, summarise } from './scoring.ts';
import { MIN_GROUP } from './suppression.ts';
import { placedQuestions, type TemplateDefinition } from './template.ts';

/** A small template: two domains, a mix of question kinds. */
const definition: TemplateDefinition = {
  domains: [
    {
      key: 'alpha',
      title: { key: 'toolkit.domains.policy.title' },
      summary: { key: 'toolkit.domains.policy.summary' },
      questions: [
        { key: 'alpha.one', kind: 'agreement', text: { key: 'toolkit.bank.policy.policy-known' }, short: true },
        { key: 'alpha.two', kind: 'yes_partly_no', text: { key: 'toolkit.bank.policy.written-policy' }, short: false },
        { key: 'alpha.note', kind: 'free_text', text: { key: 'toolkit.bank.policy.policy-comment' }, short: false },
      ],
    },
    {
      key: 'beta',
      title: { key: 'toolkit.domains.culture.title' },
      summary: { key: 'toolkit.domains.culture.summary' },
      questions: [{ key: 'beta.one', kind: 'agreement', text: { key: 'toolkit.bank.culture.respect' }, short: true }],
    },
  ],
};
const questions = placedQuestions(definition);

const choiceFor = (kind: string) => (kind === 'agreement' ? fc.integer({ min: 0, max: 5 }) : kind === 'yes_partly_no' ? fc.integer({ min: 0, max: 3 }) : fc.constant(NOT_ASKED));

const respondentArbitrary = (orgs: number) =>
  fc
    .record({
      org: fc.integer({ min: 0, max: orgs - 1 }),
      roleGroup: fc.constantFrom<RoleGroup>(...roleGroups),
      choices: fc.tuple(...questions.map((question) => choiceFor(question.kind))),
    })
    .map(({ org, roleGroup, choices }): Respondent => ({
      orgId: `org-${org}`,
      roleGroup,
      choices,
      domainScores: respondentDomainScores(definition, choices),
    }));

/** What an observer can see: each published number with the exact set of people behind it. */
type Published = { family: string; label: string; people: Set<number> };

function scorePeople(respondents: readonly Respondent[], indices: readonly number[], domainIndex: number): number[] {
  return indices.filter((index) => (respondents[index]?.domainScores[domainIndex] ?? NO_SCORE) !== NO_SCORE);
}

function checkFigures(cell: PublishedScore, respondents: readonly Respondent[], people: readonly number[], domainIndex: number): void {
  if (!cell.shown) return;
  const aggregate = emptyAggregate();
  for (const index of people) addScore(aggregate, respondents[index]?.domainScores[domainIndex] ?? 0);
  expect(cell.summary).toEqual(summarise(aggregate));
}

/** Runs every publishing function over the data and lists everything an observer could see. */
function everythingPublished(respondents: readonly Respondent[], orgCount: number, shared: readonly (readonly string[])[]): Published[] {
  const seen: Published[] = [];
  const all = respondents.map((_respondent, index) => index);
  const aggregates: OrganisationAggregates[] = [];
  for (let org = 0; org < orgCount; org += 1) {
    const orgId = `org-${org}`;
    const members = all.filter((index) => respondents[index]?.orgId === orgId);
    const report = publishReport(definition, members.map((index) => respondents[index] as Respondent));
    if (report.respondents.shown) seen.push({ family: 'people', label: `${orgId}`, people: new Set(members) });
    for (const role of roleGroups) {
      const cell = report.respondentsByRole[role];
      const inRole = members.filter((index) => respondents[index]?.roleGroup === role);
      if (cell.shown) {
        expect(cell.n).toBe(inRole.length);
        seen.push({ family: 'people', label: `${orgId}/${role}`, people: new Set(inRole) });
      }
    }
    for (const domain of report.domains) {
      const scored = scorePeople(respondents, members, domain.index);
      checkFigures(domain.overall, respondents, scored, domain.index);
      if (domain.overall.shown) seen.push({ family: `domain:${domain.key}`, label: orgId, people: new Set(scored) });
      for (const role of roleGroups) {
        const cell = domain.byRole[role];
        const inRole = scored.filter((index) => respondents[index]?.roleGroup === role);
        checkFigures(cell, respondents, inRole, domain.index);
        if (cell.shown) seen.push({ family: `domain:${domain.key}`, label: `${orgId}/${role}`, people: new Set(inRole) });
      }
    }
    for (const question of report.questions) {
      if (!question.result.shown) continue;
      const asked = members.filter((index) => (respondents[index]?.choices[question.position] ?? NOT_ASKED) !== NOT_ASKED);
      const scored = asked.filter((index) => respondents[index]?.choices[question.position] !== 0);
      expect(question.result.asked).toBe(asked.length);
      expect(scored.length).toBeGreaterThanOrEqual(MIN_GROUP);
      seen.push({ family: `question:${question.key}`, label: orgId, people: new Set(asked) });
    }
    const domains = definition.domains.map((_domain, index) => {
      const aggregate = emptyAggregate();
      for (const member of scorePeople(respondents, members, index)) addScore(aggregate, respondents[member]?.domainScores[index] ?? 0);
      return aggregate;
    });
    aggregates.push({ orgId, respondents: members.length, domains, sharedDomains: new Set(shared[org] ?? []) });
  }
  const rollup = publishRollup(definition, aggregates);
  const networkPeople = definition.domains.map(() => new Set<number>());
  rollup.organisations.forEach((row) => {
    const members = all.filter((index) => respondents[index]?.orgId === row.orgId);
    if (row.respondents.shown) seen.push({ family: 'people', label: row.orgId, people: new Set(members) });
    row.domains.forEach((cell, domainIndex) => {
      const scored = scorePeople(respondents, members, domainIndex);
      checkFigures(cell, respondents, scored, domainIndex);
      if (!cell.shown) return;
      seen.push({ family: `domain:${definition.domains[domainIndex]?.key}`, label: `network/${row.orgId}`, people: new Set(scored) });
      for (const index of scored) networkPeople[domainIndex]?.add(index);
    });
  });
  rollup.network.forEach((domain, domainIndex) => {
    checkFigures(domain.score, respondents, [...(networkPeople[domainIndex] ?? [])], domainIndex);
    if (domain.score.shown) seen.push({ family: `domain:${domain.key}`, label: 'network', people: new Set(networkPeople[domainIndex]) });
  });
  return seen;
}

const isSubset = (inner: Set<number>, outer: Set<number>) => [...inner].every((person) => outer.has(person));
const disjoint = (a: Set<number>, b: Set<number>) => [...a].every((person) => !b.has(person));

/**
 * The most people an observer can account for inside a published group by adding up published
 * groups within it that do not overlap: what is left over is what subtraction isolates.
 */
function bestCover(candidates: readonly Set<number>[]): number {
  let best = 0;
  const search = (start: number, chosen: Set<number>[], covered: number) => {
    best = Math.max(best, covered);
    for (let index = start; index < candidates.length; index += 1) {
      const candidate = candidates[index];
      if (!candidate || !chosen.every((picked) => disjoint(picked, candidate))) continue;
      search(index + 1, [...chosen, candidate], covered + candidate.size);
    }
  };
  search(0, [], 0);
  return best;
}

describe('published results', () => {
  const scenario = fc
    .integer({ min: 1, max: 3 })
    .chain((orgCount) =>
      fc.record({
        orgCount: fc.constant(orgCount),
        respondents: fc.array(respondentArbitrary(orgCount), { minLength: 0, maxLength: 40 }),
        shared: fc.array(fc.subarray(['alpha', 'beta']), { minLength: orgCount, maxLength: orgCount }),
      }),
    );

  it('never show a count or score that fewer than five people stand behind', () => {
    fc.assert(
      fc.property(scenario, ({ orgCount, respondents, shared }) => {
        for (const item of everythingPublished(respondents, orgCount, shared)) {
          expect(item.people.size, `${item.family} ${item.label}`).toBeGreaterThanOrEqual(MIN_GROUP);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never let fewer than five people be isolated by subtracting published groups from a published total', () => {
    fc.assert(
      fc.property(scenario, ({ orgCount, respondents, shared }) => {
        const published = everythingPublished(respondents, orgCount, shared);
        const families = new Map<string, Set<number>[]>();
        for (const item of published) families.set(item.family, [...(families.get(item.family) ?? []), item.people]);
        for (const [family, groups] of families) {
          const distinct = groups.filter((group, index) => groups.findIndex((other) => other.size === group.size && isSubset(other, group)) === index);
          for (const outer of distinct) {
            const inside = distinct.filter((inner) => inner !== outer && isSubset(inner, outer));
            const leftOver = outer.size - bestCover(inside);
            expect(leftOver === 0 || leftOver >= MIN_GROUP, `${family}: ${leftOver} people isolated`).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('hide a small role group and, when it alone is hidden, the next smallest group too', () => {
    const make = (roleGroup: RoleGroup, count: number) =>
      Array.from({ length: count }, (): Respondent => {
        const choices = [4, 3, NOT_ASKED, 5];
        return { orgId: 'org-0', roleGroup, choices, domainScores: respondentDomainScores(definition, choices) };
      });
    const report = publishReport(definition, [...make('leadership', 2), ...make('staff', 9), ...make('volunteers', 6)]);
    expect(report.respondents).toEqual({ shown: true, n: 17 });
    expect(report.respondentsByRole.leadership).toEqual({ shown: false, reason: 'too-few' });
    expect(report.respondentsByRole.volunteers).toEqual({ shown: false, reason: 'complement' });
    expect(report.respondentsByRole.staff).toEqual({ shown: true, n: 9 });
    expect(report.domains[0]?.byRole.volunteers.shown).toBe(false);
  });

  it('show nothing but "too few" below five respondents, and comments only from five', () => {
    const four = Array.from({ length: 4 }, (): Respondent => ({ orgId: 'org-0', roleGroup: 'staff', choices: [5, 3, NOT_ASKED, 5], domainScores: [100, 100] }));
    const report = publishReport(definition, four);
    expect(report.respondents.shown).toBe(false);
    expect(report.domains.every((domain) => !domain.overall.shown)).toBe(true);
    expect(report.questions.every((question) => !question.result.shown)).toBe(true);
    expect(publishComments(4, [{ text: 'b' }, { text: 'a' }])).toEqual([]);
    expect(publishComments(5, [{ text: 'b' }, { text: 'a' }])).toEqual([{ text: 'a' }, { text: 'b' }]);
  });

  it('leave out of the roll-up what an organisation did not agree to share', () => {
    const aggregate = emptyAggregate();
    for (let index = 0; index < 6; index += 1) addScore(aggregate, 50);
    const rollup = publishRollup(definition, [
      { orgId: 'a', respondents: 6, domains: [aggregate, aggregate], sharedDomains: new Set(['alpha']) },
      { orgId: 'b', respondents: 6, domains: [aggregate, aggregate], sharedDomains: new Set() },
    ]);
    expect(rollup.organisations[0]?.domains[1]).toEqual({ shown: false, reason: 'not-shared' });
    expect(rollup.organisations[1]?.respondents).toEqual({ shown: false, reason: 'not-shared' });
    expect(rollup.network[0]?.organisations).toBe(1);
    expect(rollup.network[1]?.score.shown).toBe(false);
  });
});
