import { describe, expect, it } from 'vitest';
import { loadCatalogues, languages } from '../../i18n/index.ts';
import { refusal, refusalCodes } from './refusals.ts';
import { templates } from './templates/index.ts';
import { definitionProblemCodes } from './validateDefinition.ts';
import { checkInTopics } from './vocabulary.ts';

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('procedure messages', () => {
  const catalogues = loadCatalogues();
  const keys = [
    ...templates.flatMap((template) => [
      template.nameKey,
      template.descriptionKey,
      ...template.steps.map((step) => step.nameKey),
      ...template.deadlines.map((deadline) => deadline.nameKey),
    ]),
    'procedures.deadlines.appealDecision',
    ...checkInTopics.map((topic) => `procedures.checkInTopics.${topic}`),
    ...refusalCodes.map((code) => refusal(code).messageKey),
    ...definitionProblemCodes.map((code) => `procedures.problems.${code}`),
  ];

  it('exist in every language for every template, step, deadline, refusal and definition problem', () => {
    for (const language of languages) {
      const missing = keys.filter((key) => typeof lookup(catalogues[language]?.translation, key) !== 'string');
      expect(missing, language).toEqual([]);
    }
  });
});
