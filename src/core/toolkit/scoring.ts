/**
 * Turning answers into scores. An agreement answer is 1–5 (strongly disagree … strongly agree),
 * a yes/partly/no answer 1–3 (no, partly, yes); 0 is "I don't know" and counts for nothing.
 * Scores run from 0 to 100. A respondent's domain score is the mean of their scored answers in
 * that domain; a group's domain score is the mean of its respondents' domain scores, so someone
 * who answered more questions does not weigh more. Aggregates are sums, so they add up across
 * organisations without going back to single answers.
 */
import type { PlacedQuestion, QuestionKind, TemplateDefinition } from './template.ts';
import { placedQuestions } from './template.ts';

export const DONT_KNOW = 0;
/** Stored for a question that was not asked (short form) or is free text. */
export const NOT_ASKED = -1;
/** Stored as a respondent's domain score when they gave no scored answer in it. */
export const NO_SCORE = -1;

export const BAND_COUNT = 5;

export function choicesFor(kind: QuestionKind): number[] {
  if (kind === 'agreement') return [1, 2, 3, 4, 5];
  if (kind === 'yes_partly_no') return [3, 2, 1];
  return [];
}

export function isValidChoice(kind: QuestionKind, choice: number): boolean {
  return choice === DONT_KNOW || choicesFor(kind).includes(choice);
}

/** The 0–100 score of one answer, or undefined for "don't know". */
export function scoreOf(kind: QuestionKind, choice: number): number | undefined {
  if (choice === DONT_KNOW || !isValidChoice(kind, choice)) return undefined;
  if (kind === 'agreement') return (choice - 1) * 25;
  if (kind === 'yes_partly_no') return (choice - 1) * 50;
  return undefined;
}

/** One respondent's domain scores, by domain position; NO_SCORE where nothing was scored. */
export function respondentDomainScores(definition: TemplateDefinition, choices: readonly number[]): number[] {
  const sums = definition.domains.map(() => ({ sum: 0, count: 0 }));
  for (const question of placedQuestions(definition)) {
    const choice = choices[question.position] ?? NOT_ASKED;
    if (choice === NOT_ASKED) continue;
    const score = scoreOf(question.kind, choice);
    const slot = sums[question.domainIndex];
    if (score === undefined || !slot) continue;
    slot.sum += score;
    slot.count += 1;
  }
  return sums.map((slot) => (slot.count === 0 ? NO_SCORE : slot.sum / slot.count));
}

/** A summable aggregate of respondents' domain scores: count, sums for mean and spread, bands. */
export type ScoreAggregate = { n: number; sum: number; sumSquares: number; bands: number[] };

export function emptyAggregate(): ScoreAggregate {
  return { n: 0, sum: 0, sumSquares: 0, bands: Array.from({ length: BAND_COUNT }, () => 0) };
}

/** The band of a 0–100 score: 0–19, 20–39, 40–59, 60–79, 80–100. */
export function bandOf(score: number): number {
  return Math.min(BAND_COUNT - 1, Math.max(0, Math.floor(score / 20)));
}

export function addScore(aggregate: ScoreAggregate, score: number): void {
  aggregate.n += 1;
  aggregate.sum += score;
  aggregate.sumSquares += score * score;
  const band = bandOf(score);
  aggregate.bands[band] = (aggregate.bands[band] ?? 0) + 1;
}

export function mergeAggregates(parts: readonly ScoreAggregate[]): ScoreAggregate {
  const total = emptyAggregate();
  for (const part of parts) {
    total.n += part.n;
    total.sum += part.sum;
    total.sumSquares += part.sumSquares;
    part.bands.forEach((count, band) => {
      total.bands[band] = (total.bands[band] ?? 0) + count;
    });
  }
  return total;
}

export type ScoreSummary = { n: number; mean: number; spread: number; bands: number[] };

/** Mean and standard deviation (of respondents' scores), rounded to one decimal. */
export function summarise(aggregate: ScoreAggregate): ScoreSummary {
  const mean = aggregate.n === 0 ? 0 : aggregate.sum / aggregate.n;
  const variance = aggregate.n === 0 ? 0 : Math.max(0, aggregate.sumSquares / aggregate.n - mean * mean);
  return { n: aggregate.n, mean: round1(mean), spread: round1(Math.sqrt(variance)), bands: [...aggregate.bands] };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** How many respondents chose each option of one question, "don't know" included. */
export type ChoiceCounts = { question: PlacedQuestion; asked: number; counts: Map<number, number> };

export function countChoices(question: PlacedQuestion, respondents: readonly (readonly number[])[]): ChoiceCounts {
  const counts = new Map<number, number>([[DONT_KNOW, 0], ...choicesFor(question.kind).map((choice) => [choice, 0] as [number, number])]);
  let asked = 0;
  for (const choices of respondents) {
    const choice = choices[question.position] ?? NOT_ASKED;
    if (choice === NOT_ASKED || !counts.has(choice)) continue;
    asked += 1;
    counts.set(choice, (counts.get(choice) ?? 0) + 1);
  }
  return { question, asked, counts };
}
