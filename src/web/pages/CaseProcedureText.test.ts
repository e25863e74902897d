import { describe, expect, it } from 'vitest';
import { actionFormTypes } from '../../core/cases/actionForms.ts';
import { actionSchema } from '../../core/procedures/actions.ts';
import { refusalCodes } from '../../core/procedures/refusals.ts';
import { templates } from '../../core/procedures/templates/index.ts';
import {
  appealGrounds,
  appealResults,
  caseRoles,
  checkInTopics,
  decisionOutcomes,
  duties,
  measureKinds,
  noticeContents,
  parties,
  priorities,
  riskLevels,
  standardsOfEvidence,
} from '../../core/procedures/vocabulary.ts';
import { languages, translator } from '../../i18n/index.ts';

/** Keys the case page builds from the engine's words, which the catalogue test cannot see in the code. */
function builtKeys(): string[] {
  const values = (group: string, list: readonly string[]) => list.map((value) => `caseHandling.values.${group}.${value}`);
  const fields = [...new Set(actionSchema.options.flatMap((option) => Object.keys(option.shape)))].filter((field) => field !== 'type');
  return [
    ...actionFormTypes.flatMap((type) => ['title', 'done', 'button'].map((part) => `caseHandling.actions.${type}.${part}`)),
    ...fields.map((field) => `caseHandling.fields.${field}`),
    ...values('role', caseRoles),
    ...values('assignAs', caseRoles),
    ...values('duty', duties),
    ...values('basis', ['namedInCase', 'relatedToParty']),
    ...values('priority', priorities),
    ...values('risk', riskLevels),
    ...values('outcome', decisionOutcomes),
    ...values('standard', standardsOfEvidence),
    ...values('grounds', appealGrounds),
    ...values('result', appealResults),
    ...values('topic', checkInTopics),
    ...values('kind', [...measureKinds, 'document', 'witness']),
    ...values('party', parties),
    ...values('from', [...parties, 'investigation']),
    ...values('contents', noticeContents),
    ...values('deadlineStatus', ['upcoming', 'due', 'overdue', 'paused', 'met', 'waived']),
    ...values('closure', ['completed', 'withdrawn']),
    ...refusalCodes.map((code) => `procedures.refusals.${code}`),
    ...templates.flatMap((template) => [template.nameKey, ...template.steps.map((step) => step.nameKey), ...template.deadlines.map((deadline) => deadline.nameKey)]),
  ];
}

describe('the words of the case page', () => {
  it('exist in every language for every action, field, choice, refusal, step and deadline the engine has', () => {
    for (const language of languages) {
      const t = translator(language);
      const missing = builtKeys().filter((key) => t(key) === key);
      expect(missing, language).toEqual([]);
    }
  });
});
