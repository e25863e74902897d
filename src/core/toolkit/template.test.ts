import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages, translator } from '../../i18n/index.ts';
import { defaultTemplate } from './defaultTemplate.ts';
import { choicesFor, DONT_KNOW, NO_SCORE, NOT_ASKED, respondentDomainScores, scoreOf } from './scoring.ts';
import { placedQuestions, questionsInForm, resolveText, templateDefinitionSchema, writtenOut } from './template.ts';
import { weekOf } from './coarseTime.ts';

describe('the default template', () => {
  it('is a valid template of eight domains and 92 questions, 24 of them in the short form', () => {
    expect(templateDefinitionSchema.safeParse(defaultTemplate).success).toBe(true);
    expect(defaultTemplate.domains.map((domain) => domain.key)).toEqual([
      'policy', 'leadership', 'staffing', 'culture', 'safeguarding', 'partnership', 'programmes', 'image',
    ]);
    expect(questionsInForm(defaultTemplate, 'long')).toHaveLength(92);
    expect(questionsInForm(defaultTemplate, 'short')).toHaveLength(24);
  });

  it('has every title, summary and question written out in every language Redress speaks', () => {
    for (const language of languages) {
      const t = translator(language);
      for (const domain of defaultTemplate.domains) {
        for (const text of [domain.title, domain.summary, ...domain.questions.map((question) => question.text)]) {
          if (!('key' in text)) throw new Error('the default template uses catalogue keys');
          const written = t(text.key);
          expect(written, `${language} ${text.key}`).not.toBe(text.key);
          expect(written.trim().length).toBeGreaterThan(3);
        }
      }
    }
  });

  it('can be written out for editing, keeping its shape and its words', () => {
    const copy = writtenOut(defaultTemplate, languages, (language, key) => translator(language)(key));
    expect(templateDefinitionSchema.safeParse(copy).success).toBe(true);
    const first = copy.domains[0]?.questions[0];
    expect(first && resolveText(first.text, 'es', (key) => key)).toContain('política');
    const shipped = defaultTemplate.domains[0]?.questions[0]?.text;
    if (!shipped || !('key' in shipped)) throw new Error('the default template uses catalogue keys');
    for (const language of languages) expect(first && resolveText(first.text, language, (key) => key), language).toBe(translator(language)(shipped.key));
    expect(placedQuestions(copy).map((question) => question.key)).toEqual(placedQuestions(defaultTemplate).map((question) => question.key));
  });
});

describe('template validation', () => {
  it('refuses repeated keys, a domain with no short-form question, and unknown fields', () => {
    const domain = defaultTemplate.domains[0];
    if (!domain) throw new Error('no domain');
    expect(templateDefinitionSchema.safeParse({ domains: [domain, domain] }).success).toBe(false);
    expect(templateDefinitionSchema.safeParse({ domains: [{ ...domain, questions: domain.questions.map((question) => ({ ...question, short: false })) }] }).success).toBe(false);
    expect(templateDefinitionSchema.safeParse({ domains: [{ ...domain, extra: 1 }] }).success).toBe(false);
    expect(templateDefinitionSchema.safeParse({ domains: [{ ...domain, title: { text: {} } }] }).success).toBe(false);
  });
});

describe('scoring', () => {
  it('puts every answer on 0–100 and ignores "don\'t know"', () => {
    expect(choicesFor('agreement').map((choice) => scoreOf('agreement', choice))).toEqual([0, 25, 50, 75, 100]);
    expect(choicesFor('yes_partly_no').map((choice) => scoreOf('yes_partly_no', choice))).toEqual([100, 50, 0]);
    expect(scoreOf('agreement', DONT_KNOW)).toBeUndefined();
    expect(scoreOf('agreement', 9)).toBeUndefined();
  });

  it('gives each respondent a domain score between 0 and 100, or none when nothing was scored', () => {
    const questions = placedQuestions(defaultTemplate);
    const answer = (kind: string) => (kind === 'free_text' ? fc.constant(NOT_ASKED) : fc.integer({ min: kind === 'agreement' ? 0 : 0, max: kind === 'agreement' ? 5 : 3 }));
    fc.assert(
      fc.property(fc.tuple(...questions.map((question) => answer(question.kind))), (choices) => {
        const scores = respondentDomainScores(defaultTemplate, choices);
        expect(scores).toHaveLength(8);
        for (const score of scores) expect(score === NO_SCORE || (score >= 0 && score <= 100)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('coarse times', () => {
  it('keep only the Monday of the week, never a later day and never more than six days earlier', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (moment) => {
        const monday = new Date(`${weekOf(moment)}T00:00:00Z`);
        expect(monday.getUTCDay()).toBe(1);
        expect(moment.getTime() - monday.getTime()).toBeGreaterThanOrEqual(0);
        expect(moment.getTime() - monday.getTime()).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});
