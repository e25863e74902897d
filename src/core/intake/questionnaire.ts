/**
 * The questionnaire model: a channel's questions as data, versioned in the database so that a
 * case records exactly which questions it answered. Labels are either catalogue keys (the
 * shipped default, translated with each release) or texts an administrator wrote per language.
 * A question may be conditional: shown when an earlier single-choice or yes/no answer equals a
 * value. `parseDefinition` is the one way a definition read from storage or an editor enters
 * the code: ids unique and well-formed, conditions pointing backwards at real options.
 */
import { z } from 'zod';

export const questionTypes = ['text', 'long_text', 'single_choice', 'multiple_choice', 'date', 'date_range', 'yes_no', 'file'] as const;
export type QuestionType = (typeof questionTypes)[number];

/** A catalogue key, or texts by language written by an administrator. */
export type LocalText = { key: string } | { text: Record<string, string> };

export type ChoiceOption = { value: string; label: LocalText };

export type Condition = { questionId: string; equals: string };

type QuestionBase = {
  id: string;
  label: LocalText;
  hint?: LocalText | undefined;
  required?: boolean | undefined;
  showIf?: Condition | undefined;
};

export type Question =
  | (QuestionBase & { type: 'text'; maxLength?: number | undefined })
  | (QuestionBase & { type: 'long_text'; maxLength?: number | undefined })
  | (QuestionBase & { type: 'single_choice'; options: ChoiceOption[] })
  | (QuestionBase & { type: 'multiple_choice'; options: ChoiceOption[] })
  | (QuestionBase & { type: 'date' })
  | (QuestionBase & { type: 'date_range' })
  | (QuestionBase & { type: 'yes_no' })
  /** Answered by uploading files (attachments); the answer is the list of attachment ids. */
  | (QuestionBase & { type: 'file'; maxFiles?: number | undefined });

export type QuestionnaireDefinition = { questions: Question[] };

/** Hard ceilings, whatever a definition says: an answer is at most 20,000 characters. */
export const MAX_ANSWER_LENGTH = 20_000;
export const DEFAULT_TEXT_LENGTH = 1_000;
export const MAX_FILES = 20;

export const YES_NO = ['yes', 'no'] as const;

const idPattern = /^[a-z][a-zA-Z0-9]{0,39}$/;

const localText: z.ZodType<LocalText> = z.union([
  z.object({ key: z.string().regex(/^[a-zA-Z][\w-]*(\.[\w-]+)+$/) }).strict(),
  z.object({ text: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), z.string().min(1).max(2000)) }).strict(),
]);

const base = {
  id: z.string().regex(idPattern),
  label: localText,
  hint: localText.optional(),
  required: z.boolean().optional(),
  showIf: z.object({ questionId: z.string().regex(idPattern), equals: z.string().min(1).max(60) }).strict().optional(),
};
const options = z
  .array(z.object({ value: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/), label: localText }).strict())
  .min(1)
  .max(50);
const maxLength = z.number().int().min(1).max(MAX_ANSWER_LENGTH).optional();

const questionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('text'), maxLength }).strict(),
  z.object({ ...base, type: z.literal('long_text'), maxLength }).strict(),
  z.object({ ...base, type: z.literal('single_choice'), options }).strict(),
  z.object({ ...base, type: z.literal('multiple_choice'), options }).strict(),
  z.object({ ...base, type: z.literal('date') }).strict(),
  z.object({ ...base, type: z.literal('date_range') }).strict(),
  z.object({ ...base, type: z.literal('yes_no') }).strict(),
  z.object({ ...base, type: z.literal('file'), maxFiles: z.number().int().min(1).max(MAX_FILES).optional() }).strict(),
]);

const definitionSchema = z
  .object({ questions: z.array(questionSchema).min(1).max(100) })
  .strict()
  .superRefine((definition, issues) => {
    const seen = new Map<string, Question>();
    definition.questions.forEach((question, index) => {
      if (seen.has(question.id)) issues.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: 'duplicate id' });
      const problem = question.showIf ? conditionProblem(question.showIf, seen) : undefined;
      if (problem) issues.addIssue({ code: 'custom', path: ['questions', index, 'showIf'], message: problem });
      seen.set(question.id, question as Question);
    });
  });

function conditionProblem(condition: Condition, earlier: ReadonlyMap<string, Question>): string | undefined {
  const target = earlier.get(condition.questionId);
  if (!target) return 'a condition must refer to an earlier question';
  const values = choiceValues(target);
  if (!values) return 'a condition must refer to a single-choice or yes/no question';
  return values.includes(condition.equals) ? undefined : 'a condition must use one of the question’s options';
}

/** The values a conditional question can depend on, or undefined for other types. */
export function choiceValues(question: Question): readonly string[] | undefined {
  if (question.type === 'yes_no') return YES_NO;
  if (question.type === 'single_choice') return question.options.map((option) => option.value);
  return undefined;
}

export type DefinitionResult = { ok: true; definition: QuestionnaireDefinition } | { ok: false; problems: string[] };

export function parseDefinition(value: unknown): DefinitionResult {
  const parsed = definitionSchema.safeParse(value);
  if (parsed.success) return { ok: true, definition: parsed.data as QuestionnaireDefinition };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}

/** The effective maximum length of a text answer. */
export function maxLengthOf(question: Question): number {
  if (question.type === 'long_text') return Math.min(question.maxLength ?? MAX_ANSWER_LENGTH, MAX_ANSWER_LENGTH);
  if (question.type === 'text') return Math.min(question.maxLength ?? DEFAULT_TEXT_LENGTH, MAX_ANSWER_LENGTH);
  return MAX_ANSWER_LENGTH;
}

export function questionById(definition: QuestionnaireDefinition, id: string): Question | undefined {
  return definition.questions.find((question) => question.id === id);
}

/** Every catalogue key a definition uses (the default's keys are checked against the catalogues). */
export function catalogueKeys(definition: QuestionnaireDefinition): string[] {
  const keys: string[] = [];
  const add = (text: LocalText | undefined) => {
    if (text && 'key' in text) keys.push(text.key);
  };
  for (const question of definition.questions) {
    add(question.label);
    add(question.hint);
    if (question.type === 'single_choice' || question.type === 'multiple_choice') for (const option of question.options) add(option.label);
  }
  return keys;
}
