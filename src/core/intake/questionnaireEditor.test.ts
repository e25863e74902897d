import { describe, expect, it } from 'vitest';
import { languages, translator } from '../../i18n/index.ts';
import type { FormFields } from './answers.ts';
import { defaultQuestionnaire } from './defaultQuestionnaire.ts';
import type { QuestionnaireDefinition } from './questionnaire.ts';
import { definitionFromRows, editorRows, readEditorRows, type EditorLanguages, type EditorRow } from './questionnaireEditor.ts';

const editing: EditorLanguages = { languages, translate: (key, language) => translator(language)(key) };

/** What the page's form sends back for these rows. */
function fieldsOf(rows: readonly EditorRow[]): Record<string, string> {
  const fields: Record<string, string> = { rows: String(rows.length) };
  rows.forEach((row, index) => {
    const prefix = `r${index}_`;
    Object.assign(fields, { [`${prefix}id`]: row.id, [`${prefix}type`]: row.type, [`${prefix}options`]: row.options, [`${prefix}showIfQuestion`]: row.showIfQuestion, [`${prefix}showIfEquals`]: row.showIfEquals, [`${prefix}position`]: row.position });
    for (const language of languages) Object.assign(fields, { [`${prefix}label_${language}`]: row.label[language] ?? '', [`${prefix}hint_${language}`]: row.hint[language] ?? '' });
    if (row.required) fields[`${prefix}required`] = 'yes';
  });
  return fields;
}

function saved(fields: FormFields, base: QuestionnaireDefinition = defaultQuestionnaire): QuestionnaireDefinition {
  const result = definitionFromRows(readEditorRows(fields, languages), base, editing);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

describe('the questionnaire editor', () => {
  it('shows every shipped text in every language Redress speaks, choices as one column per language', () => {
    const rows = editorRows(defaultQuestionnaire, editing);
    const account = rows.find((row) => row.id === 'account');
    for (const language of languages) expect(account?.label[language], language).toBe(translator(language)('intake.questions.account.label'));
    const ongoing = rows.find((row) => row.id === 'ongoing');
    const yes = ongoing?.options.split('\n').find((line) => line.startsWith('yes |'));
    expect(yes).toBe(['yes', ...languages.map((language) => translator(language)('intake.questions.ongoing.options.yes'))].join(' | '));
    expect(rows.at(-1)).toMatchObject({ id: '', label: Object.fromEntries(languages.map((language) => [language, ''])) });
  });

  it('keeps the catalogue keys of texts saved unchanged, so they stay translated', () => {
    expect(saved(fieldsOf(editorRows(defaultQuestionnaire, editing)))).toEqual(defaultQuestionnaire);
  });

  it('stores a new question written in French and Portuguese, and its choices by column', () => {
    const rows = editorRows(defaultQuestionnaire, editing);
    const fields = fieldsOf(rows);
    const last = rows.length - 1;
    Object.assign(fields, {
      [`r${last}_id`]: 'place',
      [`r${last}_type`]: 'single_choice',
      [`r${last}_label_en`]: 'Where did it happen?',
      [`r${last}_label_fr`]: 'Où cela s’est-il passé ?',
      [`r${last}_label_pt`]: 'Onde aconteceu?',
      [`r${last}_hint_pt`]: 'Escolha o mais próximo.',
      [`r${last}_options`]: 'office | At the office | En la oficina | Au bureau | No escritório\nonline | Online | | En ligne',
    });
    const place = saved(fields).questions.find((question) => question.id === 'place');
    expect(place).toEqual({
      id: 'place',
      type: 'single_choice',
      label: { text: { en: 'Where did it happen?', fr: 'Où cela s’est-il passé ?', pt: 'Onde aconteceu?' } },
      hint: { text: { pt: 'Escolha o mais próximo.' } },
      options: [
        { value: 'office', label: { text: { en: 'At the office', es: 'En la oficina', fr: 'Au bureau', pt: 'No escritório' } } },
        { value: 'online', label: { text: { en: 'Online', fr: 'En ligne' } } },
      ],
    });
    // Shown again, the texts come back in their own columns.
    const shown = editorRows({ questions: place ? [place] : [] }, editing)[0];
    expect(shown?.label).toEqual({ en: 'Where did it happen?', es: '', fr: 'Où cela s’est-il passé ?', pt: 'Onde aconteceu?' });
    expect(shown?.options).toBe('office | At the office | En la oficina | Au bureau | No escritório\nonline | Online |  | En ligne | ');
  });

  it('still reads choices written as value | English | Spanish', () => {
    const fields = { rows: '1', r0_id: 'place', r0_type: 'multiple_choice', r0_label_en: 'Where?', r0_options: 'office | At the office | En la oficina', r0_position: '1' };
    expect(saved(fields).questions[0]).toMatchObject({ options: [{ value: 'office', label: { text: { en: 'At the office', es: 'En la oficina' } } }] });
  });

  it('requires the English text of a question and of each choice, whatever the other languages say', () => {
    const fields = { rows: '1', r0_id: 'place', r0_type: 'single_choice', r0_label_fr: 'Où ?', r0_options: 'office | | En la oficina | Au bureau', r0_position: '1' };
    const result = definitionFromRows(readEditorRows(fields, languages), defaultQuestionnaire, editing);
    expect(result).toEqual({ ok: false, problems: [{ row: 0, code: 'labelMissing' }, { row: 0, code: 'optionInvalid' }] });
  });

  it('drops a row left blank in every language', () => {
    const fields = { rows: '2', r0_id: 'place', r0_type: 'text', r0_label_en: 'Where?', r0_position: '1', r1_type: 'text', r1_position: '2' };
    expect(saved(fields).questions.map((question) => question.id)).toEqual(['place']);
    const french = { ...fields, r1_label_fr: 'Quoi ?' };
    expect(definitionFromRows(readEditorRows(french, languages), defaultQuestionnaire, editing)).toMatchObject({ ok: false, problems: [{ row: 1, code: 'idInvalid' }, { row: 1, code: 'labelMissing' }] });
  });
});
