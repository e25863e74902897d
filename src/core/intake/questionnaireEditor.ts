/**
 * The questionnaire editor's form, pure: a definition shown as rows of plain fields (one row per
 * question, plus an empty row to add one), and the rows read back into a definition. Each row
 * has the question's id, type, label and help text in each editing language, a required flag,
 * choices (one per line: "value | English | Spanish"), a condition (show when question X
 * equals Y), a position number for reordering and a remove box. Texts an administrator left
 * as the shipped catalogue text keep their catalogue key, so they stay translated into every
 * language. Problems are typed per row; the caller also runs `parseDefinition` on the result.
 */
import { choiceValues, parseDefinition, questionTypes, type ChoiceOption, type LocalText, type Question, type QuestionnaireDefinition, type QuestionType } from './questionnaire.ts';
import type { FormFields } from './answers.ts';
import { single } from './answers.ts';

export const editorLanguages = ['en', 'es'] as const;
export type EditorLanguage = (typeof editorLanguages)[number];

export type EditorRow = {
  id: string;
  type: string;
  label: Record<EditorLanguage, string>;
  hint: Record<EditorLanguage, string>;
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
export type TranslateIn = (key: string, language: EditorLanguage) => string;

const MAX_ROWS = 100;

function textsOf(text: LocalText | undefined, translate: TranslateIn): Record<EditorLanguage, string> {
  const read = (language: EditorLanguage) => (!text ? '' : 'key' in text ? translate(text.key, language) : (text.text[language] ?? ''));
  return { en: read('en'), es: read('es') };
}

export function editorRows(definition: QuestionnaireDefinition, translate: TranslateIn): EditorRow[] {
  const rows = definition.questions.map((question, index): EditorRow => {
    const options = question.type === 'single_choice' || question.type === 'multiple_choice' ? question.options : [];
    return {
      id: question.id,
      type: question.type,
      label: textsOf(question.label, translate),
      hint: textsOf(question.hint, translate),
      required: question.required === true,
      options: options.map((option) => [option.value, ...editorLanguages.map((language) => textsOf(option.label, translate)[language])].join(' | ')).join('\n'),
      showIfQuestion: question.showIf?.questionId ?? '',
      showIfEquals: question.showIf?.equals ?? '',
      position: String(index + 1),
      remove: false,
    };
  });
  return [...rows, emptyRow(rows.length + 1)];
}

export function emptyRow(position: number): EditorRow {
  return { id: '', type: 'text', label: { en: '', es: '' }, hint: { en: '', es: '' }, required: false, options: '', showIfQuestion: '', showIfEquals: '', position: String(position), remove: false };
}

export function readEditorRows(fields: FormFields): EditorRow[] {
  const count = Math.min(Math.max(Number.parseInt(single(fields, 'rows'), 10) || 0, 0), MAX_ROWS + 1);
  return Array.from({ length: count }, (_, index): EditorRow => {
    const get = (name: string) => single(fields, `r${index}_${name}`).trim();
    return {
      id: get('id'),
      type: get('type'),
      label: { en: get('label_en'), es: get('label_es') },
      hint: { en: get('hint_en'), es: get('hint_es') },
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
function localTextFor(written: Record<EditorLanguage, string>, base: LocalText | undefined, translate: TranslateIn): LocalText | undefined {
  if (base && 'key' in base && editorLanguages.every((language) => translate(base.key, language) === written[language])) return base;
  const text: Record<string, string> = {};
  for (const language of editorLanguages) if (written[language] !== '') text[language] = written[language];
  return Object.keys(text).length === 0 ? undefined : { text };
}

const OPTION_VALUE = /^[a-z][a-z0-9_-]{0,59}$/;

function readOptions(row: EditorRow, base: Question | undefined, translate: TranslateIn): ChoiceOption[] | undefined {
  const baseOptions = base && (base.type === 'single_choice' || base.type === 'multiple_choice') ? base.options : [];
  const lines = row.options.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const options: ChoiceOption[] = [];
  for (const line of lines) {
    const [value = '', english = '', spanish = ''] = line.split('|').map((part) => part.trim());
    if (!OPTION_VALUE.test(value) || english === '') return undefined;
    const label = localTextFor({ en: english, es: spanish }, baseOptions.find((option) => option.value === value)?.label, translate);
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
export function definitionFromRows(rows: readonly EditorRow[], base: QuestionnaireDefinition, translate: TranslateIn): EditorResult {
  const problems: EditorProblem[] = [];
  const kept = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !row.remove && !(row.id === '' && row.label.en === '' && row.label.es === '' && row.options.trim() === ''));
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
    const label = row.label.en === '' ? undefined : localTextFor(row.label, baseQuestion?.label, translate);
    if (!label) problems.push({ row: index, code: 'labelMissing' });
    const hint = localTextFor(row.hint, baseQuestion?.hint, translate);
    const choice = row.type === 'single_choice' || row.type === 'multiple_choice';
    const options = choice ? readOptions(row, baseQuestion, translate) : [];
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
