/**
 * A respondent's answers while they answer: kept in the page itself (a hidden field) from one
 * domain's page to the next, so nothing is stored until they submit — or until they choose to
 * pause, when it is sealed under a resume code. This module checks answers against the
 * template and turns a finished set into what is stored: choices by position, domain scores,
 * and free text set apart.
 */
import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '../crypto/bytes.ts';
import { isRoleGroup, roleGroups, type RoleGroup } from './roleGroups.ts';
import { isValidChoice, NOT_ASKED, respondentDomainScores } from './scoring.ts';
import { questionsInForm, type AssessmentForm, type PlacedQuestion, type TemplateDefinition } from './template.ts';

export const NOTE_MAX = 2000;

export type Progress = {
  role: RoleGroup | null;
  answers: Record<string, number>;
  notes: Record<string, string>;
};

export const progressSchema = z
  .object({
    role: z.enum(roleGroups).nullable(),
    answers: z.record(z.string().max(100), z.number().int().min(0).max(5)),
    notes: z.record(z.string().max(100), z.string().max(NOTE_MAX)),
  })
  .strict();

export function emptyProgress(): Progress {
  return { role: null, answers: {}, notes: {} };
}

export function encodeProgress(progress: Progress): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(progress)));
}

/** The hidden field read back; anything altered or unreadable counts as nothing answered yet. */
export function decodeProgress(encoded: unknown): Progress | undefined {
  if (typeof encoded !== 'string' || encoded.length > 600_000) return undefined;
  try {
    const parsed = progressSchema.safeParse(JSON.parse(new TextDecoder().decode(fromBase64Url(encoded))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const answerField = (question: PlacedQuestion) => `a:${question.key}`;
export const noteField = (question: PlacedQuestion) => `n:${question.key}`;

/**
 * Takes one page's fields into the progress: a choice must be one the question offers, a note
 * is trimmed and bounded. Unknown fields are ignored; the page's questions left blank are listed.
 */
export function takePage(
  definition: TemplateDefinition,
  form: AssessmentForm,
  progress: Progress,
  domainIndex: number,
  fields: Record<string, unknown>,
): { progress: Progress; unanswered: string[] } {
  const next: Progress = { role: progress.role, answers: { ...progress.answers }, notes: { ...progress.notes } };
  const unanswered: string[] = [];
  for (const question of questionsInForm(definition, form).filter((candidate) => candidate.domainIndex === domainIndex)) {
    const note = fields[noteField(question)];
    if (typeof note === 'string') {
      const trimmed = note.trim().slice(0, NOTE_MAX);
      if (trimmed) next.notes[question.key] = trimmed;
      else delete next.notes[question.key];
    }
    if (question.kind === 'free_text') continue;
    const raw = fields[answerField(question)];
    const choice = typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : undefined;
    if (choice !== undefined && isValidChoice(question.kind, choice)) next.answers[question.key] = choice;
    if (next.answers[question.key] === undefined) unanswered.push(question.key);
  }
  return { progress: next, unanswered };
}

export function takeRole(progress: Progress, role: unknown): Progress {
  return { ...progress, role: isRoleGroup(role) ? role : null };
}

/** Questions of the form that still lack a valid choice (free text is always optional). */
export function unansweredQuestions(definition: TemplateDefinition, form: AssessmentForm, progress: Progress): PlacedQuestion[] {
  return questionsInForm(definition, form).filter((question) => {
    if (question.kind === 'free_text') return false;
    const choice = progress.answers[question.key];
    return choice === undefined || !isValidChoice(question.kind, choice);
  });
}

export type AnswerSet = {
  roleGroup: RoleGroup;
  choices: number[];
  domainScores: number[];
  comments: { questionKey: string; text: string }[];
};

/** What is stored for a complete set of answers. Throws if anything is missing (callers check first). */
export function toAnswerSet(definition: TemplateDefinition, form: AssessmentForm, progress: Progress): AnswerSet {
  const asked = questionsInForm(definition, form);
  if (unansweredQuestions(definition, form, progress).length > 0) throw new Error('answers are incomplete');
  const totalQuestions = definition.domains.reduce((sum, domain) => sum + domain.questions.length, 0);
  const choices = Array.from({ length: totalQuestions }, () => NOT_ASKED);
  const comments: AnswerSet['comments'] = [];
  for (const question of asked) {
    if (question.kind !== 'free_text') choices[question.position] = progress.answers[question.key] ?? NOT_ASKED;
    const note = progress.notes[question.key]?.trim();
    if (note) comments.push({ questionKey: question.key, text: note.slice(0, NOTE_MAX) });
  }
  return { roleGroup: progress.role ?? 'unsaid', choices, domainScores: respondentDomainScores(definition, choices), comments };
}
