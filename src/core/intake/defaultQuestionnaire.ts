/**
 * The questionnaire every channel starts with (copied into the database as its version 1 on
 * first use). It follows the cognitive interview: free recall first, in the reporter's own
 * words, then open, non-leading prompts — when, where, who, relationship, witnesses,
 * evidence — and last what the reporter wants to happen. Only the account is required:
 * everything else may be left for later. Texts live in the intake catalogues.
 */
import type { ChoiceOption, QuestionnaireDefinition } from './questionnaire.ts';

const q = (id: string) => ({ label: { key: `intake.questions.${id}.label` }, hint: { key: `intake.questions.${id}.hint` } });
const choices = (id: string, values: string[]): ChoiceOption[] =>
  values.map((value) => ({ value, label: { key: `intake.questions.${id}.options.${value}` } }));

export const defaultQuestionnaire: QuestionnaireDefinition = {
  questions: [
    { id: 'account', type: 'long_text', required: true, ...q('account') },
    { id: 'when', type: 'date_range', ...q('when') },
    { id: 'ongoing', type: 'single_choice', ...q('ongoing'), options: choices('ongoing', ['yes', 'no', 'unsure']) },
    { id: 'where', type: 'text', maxLength: 500, ...q('where') },
    { id: 'who', type: 'long_text', maxLength: 2_000, ...q('who') },
    {
      id: 'relationship',
      type: 'single_choice',
      ...q('relationship'),
      options: choices('relationship', ['manager', 'colleague', 'reports_to_me', 'partner', 'member', 'other', 'rather_not_say']),
    },
    {
      id: 'kinds',
      type: 'multiple_choice',
      ...q('kinds'),
      options: choices('kinds', ['sexual_harassment', 'sexual_violence', 'bullying', 'discrimination', 'abuse_of_power', 'retaliation', 'other']),
    },
    { id: 'witnesses', type: 'yes_no', ...q('witnesses') },
    { id: 'witnessDetails', type: 'long_text', maxLength: 2_000, showIf: { questionId: 'witnesses', equals: 'yes' }, ...q('witnessDetails') },
    { id: 'evidence', type: 'yes_no', ...q('evidence') },
    { id: 'evidenceDetails', type: 'long_text', maxLength: 4_000, showIf: { questionId: 'evidence', equals: 'yes' }, ...q('evidenceDetails') },
    { id: 'evidenceFiles', type: 'file', maxFiles: 5, showIf: { questionId: 'evidence', equals: 'yes' }, ...q('evidenceFiles') },
    { id: 'toldSomeone', type: 'yes_no', ...q('toldSomeone') },
    { id: 'toldWhen', type: 'date', showIf: { questionId: 'toldSomeone', equals: 'yes' }, ...q('toldWhen') },
    { id: 'wishes', type: 'long_text', maxLength: 4_000, ...q('wishes') },
  ],
};
