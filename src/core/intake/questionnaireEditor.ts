/**
 * The questionnaire editor's form, pure: a definition shown as rows of plain fields (one row per
 * question, plus an empty row to add one), and the rows read back into a definition. Each row
 * has the question's id, type, label and help text in each editing language, a required flag,
 * choices (one per line: the value, then one column per editing language in their order, e.g.
 * "value | English | Spanish | French | Portuguese"; missing trailing columns are empty, so lines
 * written when fewer languages were offered still read), a condition (show when question X
 * equals Y), a position number for reordering and a remove box. Texts an administrator left
 * as the shipped catalogue text keep their catalogue key, so they stay translated into every
 * language. Problems are typed per row; the caller also runs `parseDefinition` on the result.
 * The editing languages are the caller's (the platform's `languages`); English is required,
 * as it is the text every other language falls back to.
 */
import { choiceValues, parseDefinition, questionTypes, type ChoiceOption, type LocalText, type Question, type QuestionnaireDefinition, type QuestionType } from './questionnaire.ts';
import type { FormFields } from './answers.ts';
import { single } from './answers.ts';

/** The language every text must be written in; the others fall back to it. */
export const requiredLanguage = 'en';

/** One text per editing language (missing languages read as empty). */
export type EditorTexts = Readonly<Record<string, string>>;

export type EditorRow = {
  id: string;
  type: string;
  label: EditorTexts;
  hint: EditorTexts;
  required: boolean;
  options: string;
  showIfQuestion: string;
  showIfEquals: string;
  position: string;
  remove: boolean;
};

export type EditorProblem =
  | { row: number; code: 'idInvalid' | 'idDuplicate' | 'typeUnknown' | 'labelMissing' | 'optionsMissing' | 'optionInvalid' | 'conditionInvalid' | 'positionInvalid' }
  | { row: null; code: 'noQuestions' | 'definitionInvalid'; detail?: string };

/** Reads a catalogue key in a language. */
export type TranslateIn = (key: string, language: string) => string;

/** The languages texts are written in (in column order, English among them) and how to read a catalogue key in each. */
export type EditorLanguages = { languages: readonly string[]; translate: TranslateIn };

const MAX_ROWS = 100;

const written = (texts: EditorTexts, language: string): string => texts[language] ?? '';

function textsOf(text: LocalText | undefined, { languages, translate }: EditorLanguages): EditorTexts {
  const read = (language: string) => (!text ? '' : 'key' in text ? translate(text.key, language) : (text.text[language] ?? ''));
  return Object.fromEntries(languages.map((language) => [language, read(language)]));
}

export function editorRows(definition: QuestionnaireDefinition, editing: EditorLanguages): EditorRow[] {
  const rows = definition.questions.map((question, index): EditorRow => {
    const options = question.type === 'single_choice' || question.type === 'multiple_choice' ? question.options : [];
    return {
      id: question.id,
      type: question.type,
      label: textsOf(question.label, editing),
      hint: textsOf(question.hint, editing),
      required: question.required === true,
      options: options.map((option) => [option.value, ...editing.languages.map((language) => written(textsOf(option.label, editing), language))].join(' | ')).join('\n'),
      showIfQuestion: question.showIf?.questionId ?? '',
      showIfEquals: question.showIf?.equals ?? '',
      position: String(index + 1),
      remove: false,
    };
  });
  return [...rows, emptyRow(rows.length + 1, editing.languages)];
}

export function emptyRow(position: number, languages: readonly string[]): EditorRow {
  const blank = Object.fromEntries(languages.map((language) => [language, '']));
  return { id: '', type: 'text', label: blank, hint: blank, required: false, options: '', showIfQuestion: '', showIfEquals: '', position: String(position), remove: false };
}

export function readEditorRows(fields: FormFields, languages: readonly string[]): EditorRow[] {
  const count = Math.min(Math.max(Number.parseInt(single(fields, 'rows'), 10) || 0, 0), MAX_ROWS + 1);
  return Array.from({ length: count }, (_, index): EditorRow => {
    const get = (name: string) => single(fields, `r${index}_${name}`).trim();
    const texts = (field: string) => Object.fromEntries(languages.map((language) => [language, get(`${field}_${language}`)]));
    return {
      id: get('id'),
      type: get('type'),
      label: texts('label'),
      hint: texts('hint'),
      required: get('required') === 'yes',
      options: single(fields, `r${index}_options`),
      showIfQuestion: get('showIfQuestion'),
      showIfEquals: get('showIfEquals'),
      position: get('position'),
      remove: get('remove') === 'yes',
    };
  });
}

/** A text as written, or the base's catalogue key when every editing language still reads as it. */
function localTextFor(texts: EditorTexts, base: LocalText | undefined, { languages, translate }: EditorLanguages): LocalText | undefined {
  if (base && 'key' in base && languages.every((language) => translate(base.key, language) === written(texts, language))) return base;
  const text: Record<string, string> = {};
  for (const language of languages) if (written(texts, language) !== '') text[language] = written(texts, language);
  return Object.keys(text).length === 0 ? undefined : { text };
}

const OPTION_VALUE = /^[a-z][a-z0-9_-]{0,59}$/;

function readOptions(row: EditorRow, base: Question | undefined, editing: EditorLanguages): ChoiceOption[] | undefined {
  const baseOptions = base && (base.type === 'single_choice' || base.type === 'multiple_choice') ? base.options : [];
  const lines = row.options.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const options: ChoiceOption[] = [];
  for (const line of lines) {
    const [value = '', ...columns] = line.split('|').map((part) => part.trim());
    const texts = Object.fromEntries(editing.languages.map((language, column) => [language, columns[column] ?? '']));
    if (!OPTION_VALUE.test(value) || written(texts, requiredLanguage) === '') return undefined;
    const label = localTextFor(texts, baseOptions.find((option) => option.value === value)?.label, editing);
    if (!label) return undefined;
    options.push({ value, label });
  }
  return options;
}

function isQuestionType(value: string): value is QuestionType {
  return (questionTypes as readonly string[]).includes(value);
}

export type EditorResult = { ok: true; definition: QuestionnaireDefinition } | { ok: false; problems: EditorProblem[] };

/** Rows back into a definition: removed and blank rows dropped, the rest ordered by position. */
export function definitionFromRows(rows: readonly EditorRow[], base: QuestionnaireDefinition, editing: EditorLanguages): EditorResult {
  const problems: EditorProblem[] = [];
  const kept = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !row.remove && !(row.id === '' && Object.values(row.label).every((text) => text === '') && row.options.trim() === ''));
  for (const { row, index } of kept) if (!/^\d{1,3}$/.test(row.position)) problems.push({ row: index, code: 'positionInvalid' });
  kept.sort((a, b) => Number(a.row.position) - Number(b.row.position) || a.index - b.index);

  const seen = new Map<string, Question>();
  const questions: Question[] = [];
  for (const { row, index } of kept) {
    const before = problems.length;
    const baseQuestion = base.questions.find((question) => question.id === row.id);
    if (!/^[a-z][a-zA-Z0-9]{0,39}$/.test(row.id)) problems.push({ row: index, code: 'idInvalid' });
    else if (seen.has(row.id)) problems.push({ row: index, code: 'idDuplicate' });
    if (!isQuestionType(row.type)) problems.push({ row: index, code: 'typeUnknown' });
    const label = written(row.label, requiredLanguage) === '' ? undefined : localTextFor(row.label, baseQuestion?.label, editing);
    if (!label) problems.push({ row: index, code: 'labelMissing' });
    const hint = localTextFor(row.hint, baseQuestion?.hint, editing);
    const choice = row.type === 'single_choice' || row.type === 'multiple_choice';
    const options = choice ? readOptions(row, baseQuestion, editing) : [];
    if (choice && options === undefined) problems.push({ row: index, code: 'optionInvalid' });
    else if (choice && options?.length === 0) problems.push({ row: index, code: 'optionsMissing' });
    let showIf: Question['showIf'];
    if (row.showIfQuestion !== '' || row.showIfEquals !== '') {
      const target = seen.get(row.showIfQuestion);
      const values = target ? choiceValues(target) : undefined;
      if (!values?.includes(row.showIfEquals)) problems.push({ row: index, code: 'conditionInvalid' });
      else showIf = { questionId: row.showIfQuestion, equals: row.showIfEquals };
    }
    if (problems.length > before || !label || !isQuestionType(row.type)) continue;
    const common = { id: row.id, label, ...(hint ? { hint } : {}), ...(row.required ? { required: true } : {}), ...(showIf ? { showIf } : {}) };
    const sameType = baseQuestion?.type === row.type ? baseQuestion : undefined;
    const question = buildQuestion(row.type, common, options ?? [], sameType);
    seen.set(row.id, question);
    questions.push(question);
  }
  if (kept.length === 0) problems.push({ row: null, code: 'noQuestions' });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = parseDefinition({ questions });
  if (!parsed.ok) return { ok: false, problems: [{ row: null, code: 'definitionInvalid', detail: parsed.problems.join('; ') }] };
  return { ok: true, definition: parsed.definition };
}

type Common = Pick<Question, 'id' | 'label' | 'hint' | 'required' | 'showIf'>;

/** Limits the editor does not show (text lengths, file counts) carry over from the base when the type is unchanged. */
function buildQuestion(type: QuestionType, common: Common, options: ChoiceOption[], base: Question | undefined): Question {
  switch (type) {
    case 'text':
    case 'long_text': {
      const maxLength = base && (base.type === 'text' || base.type === 'long_text') ? base.maxLength : undefined;
      return { ...common, type, ...(maxLength ? { maxLength } : {}) };
    }
    case 'single_choice':
    case 'multiple_choice':
      return { ...common, type, options };
    case 'file': {
      const maxFiles = base?.type === 'file' ? base.maxFiles : undefined;
      return { ...common, type, ...(maxFiles ? { maxFiles } : {}) };
    }
    default:
      return { ...common, type };
  }
}
