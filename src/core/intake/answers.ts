/**
 * Reading a reporter's answers against a questionnaire definition, pure. Input is the flat
 * form (field `q_<id>`, dates ranges as `q_<id>_from` / `q_<id>_to`, several values for a
 * multiple choice); output is either the clean answers or a typed problem per question. It
 * never throws, whatever arrives. A draft skips only the completeness rules (required
 * answers, conditional consistency); a submitted report enforces them.
 */
import {
  choiceValues,
  maxLengthOf,
  MAX_FILES,
  YES_NO,
  type Question,
  type QuestionnaireDefinition,
} from './questionnaire.ts';

export type DateRange = { from?: string; to?: string };
export type Answer = string | string[] | DateRange;
export type Answers = Record<string, Answer>;

export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

export type AnswerProblem =
  | { code: 'required' }
  | { code: 'tooLong'; max: number; length: number }
  | { code: 'invalidText' }
  | { code: 'notAChoice' }
  | { code: 'tooManyFiles'; max: number }
  | { code: 'notADate' }
  | { code: 'dateOutOfRange' }
  | { code: 'dateOrder' }
  | { code: 'onlyIf'; questionId: string; equals: string };

export type Mode = 'draft' | 'final';

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: Record<string, AnswerProblem>; answers: Answers };

export const EARLIEST_DATE = '1900-01-01';

export function fieldName(questionId: string, part?: 'from' | 'to'): string {
  return part ? `q_${questionId}_${part}` : `q_${questionId}`;
}

/** The last value of a field (a browser never repeats a single field; a forged form might). */
export function single(fields: FormFields, name: string): string {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const last: unknown = value.at(-1);
    return typeof last === 'string' ? last : '';
  }
  return '';
}

export function many(fields: FormFields, name: string): string[] {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

// Control characters other than tab and line breaks are refused; U+FFFD marks bytes that were not UTF-8.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextResult = { ok: true; text: string } | { ok: false; problem: AnswerProblem };

/** Trimmed text with line breaks unified, or a problem; length counts characters, not bytes. */
export function cleanText(raw: string, max: number): TextResult {
  if (FORBIDDEN.test(raw) || LONE_SURROGATE.test(raw)) return { ok: false, problem: { code: 'invalidText' } };
  const text = raw.replace(/\r\n?/g, '\n').trim();
  const length = codePointLength(text, max);
  if (length > max) return { ok: false, problem: { code: 'tooLong', max, length } };
  return { ok: true, text };
}

/** Counts code points, stopping early for huge input (the exact count is reported up to 10 × max). */
function codePointLength(text: string, max: number): number {
  if (text.length <= max) return [...text].length;
  let count = 0;
  for (const _ of text) {
    count += 1;
    if (count > max * 10) break;
  }
  return count;
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type One = { answer?: Answer; problem?: AnswerProblem };

function readDate(raw: string, latest: string): One {
  const text = raw.trim();
  if (text === '') return {};
  if (text.length > 10 || !isRealDate(text)) return { problem: { code: 'notADate' } };
  if (text < EARLIEST_DATE || text > latest) return { problem: { code: 'dateOutOfRange' } };
  return { answer: text };
}

function readQuestion(question: Question, fields: FormFields, latest: string): One {
  switch (question.type) {
    case 'text':
    case 'long_text': {
      const cleaned = cleanText(single(fields, fieldName(question.id)), maxLengthOf(question));
      if (!cleaned.ok) return { problem: cleaned.problem };
      return cleaned.text === '' ? {} : { answer: cleaned.text };
    }
    case 'single_choice':
    case 'yes_no': {
      const value = single(fields, fieldName(question.id)).trim();
      if (value === '') return {};
      return (choiceValues(question) ?? YES_NO).includes(value) ? { answer: value } : { problem: { code: 'notAChoice' } };
    }
    case 'multiple_choice': {
      const allowed = question.options.map((option) => option.value);
      const chosen = [...new Set(many(fields, fieldName(question.id)).map((value) => value.trim()).filter((value) => value !== ''))];
      if (chosen.some((value) => !allowed.includes(value))) return { problem: { code: 'notAChoice' } };
      // Kept in the order of the options, so the same choices always read the same.
      return chosen.length === 0 ? {} : { answer: allowed.filter((value) => chosen.includes(value)) };
    }
    case 'date':
      return readDate(single(fields, fieldName(question.id)), latest);
    case 'date_range': {
      const from = readDate(single(fields, fieldName(question.id, 'from')), latest);
      const to = readDate(single(fields, fieldName(question.id, 'to')), latest);
      const problem = from.problem ?? to.problem;
      if (problem) return { problem };
      const range: DateRange = {};
      if (typeof from.answer === 'string') range.from = from.answer;
      if (typeof to.answer === 'string') range.to = to.answer;
      if (range.from && range.to && range.from > range.to) return { problem: { code: 'dateOrder' } };
      return range.from || range.to ? { answer: range } : {};
    }
    case 'file': {
      const ids = [...new Set(many(fields, fieldName(question.id)).map((value) => value.trim()).filter((value) => value !== ''))];
      const max = Math.min(question.maxFiles ?? MAX_FILES, MAX_FILES);
      if (ids.some((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))) return { problem: { code: 'notAChoice' } };
      if (ids.length > max) return { problem: { code: 'tooManyFiles', max } };
      return ids.length === 0 ? {} : { answer: ids };
    }
  }
}

/**
 * Validates every question. `today` (YYYY-MM-DD, the server's date) bounds dates: nothing
 * before 1900 or after tomorrow (a reporter's time zone may be ahead).
 */
export function readAnswers(definition: QuestionnaireDefinition, fields: FormFields, mode: Mode, today: string): AnswersResult {
  const latest = nextDay(today);
  const answers: Answers = {};
  const problems: Record<string, AnswerProblem> = {};
  for (const question of definition.questions) {
    const { answer, problem } = readQuestion(question, fields, latest);
    if (problem) {
      problems[question.id] = problem;
      continue;
    }
    if (answer !== undefined) answers[question.id] = answer;
  }
  if (mode === 'final') {
    for (const question of definition.questions) {
      if (problems[question.id]) continue;
      const shown = !question.showIf || answers[question.showIf.questionId] === question.showIf.equals;
      const answered = answers[question.id] !== undefined;
      if (!shown && answered && question.showIf) {
        problems[question.id] = { code: 'onlyIf', questionId: question.showIf.questionId, equals: question.showIf.equals };
      } else if (shown && question.required && !answered) {
        problems[question.id] = { code: 'required' };
      }
    }
  }
  return Object.keys(problems).length === 0 ? { ok: true, answers } : { ok: false, problems, answers };
}

function nextDay(day: string): string {
  const parsed = isRealDate(day) ? new Date(`${day}T00:00:00Z`) : new Date();
  return new Date(parsed.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** Answers back into form fields, to show a saved draft in the form again. */
export function answersToFields(definition: QuestionnaireDefinition, answers: Answers): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const question of definition.questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    if (typeof answer === 'string' || Array.isArray(answer)) fields[fieldName(question.id)] = answer;
    else {
      if (answer.from) fields[fieldName(question.id, 'from')] = answer.from;
      if (answer.to) fields[fieldName(question.id, 'to')] = answer.to;
    }
  }
  return fields;
}
