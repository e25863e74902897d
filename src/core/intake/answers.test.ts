import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersToFields, cleanText, isRealDate, readAnswers, type FormFields } from './answers.ts';
import { parseDefinition, type QuestionnaireDefinition } from './questionnaire.ts';

const label = (text: string) => ({ text: { en: text } });
const everyType: QuestionnaireDefinition = {
  questions: [
    { id: 'story', type: 'long_text', required: true, label: label('What happened?') },
    { id: 'place', type: 'text', maxLength: 50, label: label('Where?') },
    { id: 'mood', type: 'single_choice', label: label('How?'), options: [{ value: 'calm', label: label('Calm') }, { value: 'tense', label: label('Tense') }] },
    { id: 'kinds', type: 'multiple_choice', label: label('Kinds'), options: ['a', 'b', 'c'].map((value) => ({ value, label: label(value) })) },
    { id: 'day', type: 'date', label: label('Day') },
    { id: 'span', type: 'date_range', label: label('Span') },
    { id: 'seen', type: 'yes_no', label: label('Seen?') },
    { id: 'seenBy', type: 'text', required: true, showIf: { questionId: 'seen', equals: 'yes' }, label: label('By whom?') },
    { id: 'files', type: 'file', maxFiles: 2, label: label('Files') },
  ],
};
const today = '2031-05-04';

describe('reading answers', () => {
  it('keeps the answers given, cleaned, in a stable shape', () => {
    const result = readAnswers(
      everyType,
      { q_story: '  It started\r\nat the retreat. ', q_place: 'Office', q_mood: 'tense', q_kinds: ['c', 'a', 'c'], q_day: '2030-02-28', q_span_from: '2029-01-01', q_span_to: '', q_seen: 'no' },
      'final',
      today,
    );
    expect(result).toEqual({
      ok: true,
      answers: { story: 'It started\nat the retreat.', place: 'Office', mood: 'tense', kinds: ['a', 'c'], day: '2030-02-28', span: { from: '2029-01-01' }, seen: 'no' },
    });
  });

  it('asks for required answers, including a conditional one once its condition holds', () => {
    const result = readAnswers(everyType, { q_seen: 'yes' }, 'final', today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual({ story: { code: 'required' }, seenBy: { code: 'required' } });
  });

  it('refuses an answer to a question that does not apply, naming the condition', () => {
    const result = readAnswers(everyType, { q_story: 'x', q_seen: 'no', q_seenBy: 'Someone' }, 'final', today);
    expect(result.ok ? undefined : result.problems.seenBy).toEqual({ code: 'onlyIf', questionId: 'seen', equals: 'yes' });
  });

  it('lets a draft be incomplete but never malformed', () => {
    expect(readAnswers(everyType, { q_seen: 'no', q_seenBy: 'Someone' }, 'draft', today).ok).toBe(true);
    const result = readAnswers(everyType, { q_mood: 'angry' }, 'draft', today);
    expect(result.ok ? undefined : result.problems.mood).toEqual({ code: 'notAChoice' });
  });

  it('says how long a 100,000-character answer is and what the limit is', () => {
    const result = readAnswers(everyType, { q_story: 'x'.repeat(100_000) }, 'final', today);
    expect(result.ok ? undefined : result.problems.story).toEqual({ code: 'tooLong', max: 20_000, length: 100_000 });
    const short = readAnswers(everyType, { q_story: 'x', q_place: 'é'.repeat(51) }, 'final', today);
    expect(short.ok ? undefined : short.problems.place).toEqual({ code: 'tooLong', max: 50, length: 51 });
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect(cleanText('🙂'.repeat(50), 50)).toEqual({ ok: true, text: '🙂'.repeat(50) });
  });

  it('refuses text with bytes that were not UTF-8, lone surrogates or control characters', () => {
    for (const raw of ['caf\uFFFD', 'a\uD800b', 'nul\u0000', 'bell\u0007']) expect(cleanText(raw, 100)).toEqual({ ok: false, problem: { code: 'invalidText' } });
    expect(cleanText('tabs\tand\nlines', 100).ok).toBe(true);
  });

  it('accepts only real dates between 1900 and tomorrow, in order', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    const problems = (fields: FormFields) => {
      const result = readAnswers(everyType, { q_story: 'x', ...fields }, 'final', today);
      return result.ok ? {} : result.problems;
    };
    expect(problems({ q_day: '2023-02-30' })).toEqual({ day: { code: 'notADate' } });
    expect(problems({ q_day: '31/01/2020' })).toEqual({ day: { code: 'notADate' } });
    expect(problems({ q_day: '1899-12-31' })).toEqual({ day: { code: 'dateOutOfRange' } });
    expect(problems({ q_day: '2031-05-05' })).toEqual({});
    expect(problems({ q_day: '2031-05-06' })).toEqual({ day: { code: 'dateOutOfRange' } });
    expect(problems({ q_span_from: '2030-01-02', q_span_to: '2030-01-01' })).toEqual({ span: { code: 'dateOrder' } });
  });

  it('takes files as attachment ids, within the limit', () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    expect(readAnswers(everyType, { q_story: 'x', q_files: [id(1), id(2)] }, 'final', today)).toMatchObject({ ok: true, answers: { files: [id(1), id(2)] } });
    expect(readAnswers(everyType, { q_story: 'x', q_files: [id(1), id(2), id(3)] }, 'final', today)).toMatchObject({ ok: false, problems: { files: { code: 'tooManyFiles', max: 2 } } });
    expect(readAnswers(everyType, { q_story: 'x', q_files: '../etc/passwd' }, 'final', today)).toMatchObject({ ok: false, problems: { files: { code: 'notAChoice' } } });
  });

  it('round-trips saved answers through the form', () => {
    const first = readAnswers(everyType, { q_story: 'x', q_kinds: ['b'], q_span_from: '2020-01-01', q_span_to: '2020-02-01', q_seen: 'yes', q_seenBy: 'A friend' }, 'final', today);
    if (!first.ok) throw new Error('expected valid answers');
    expect(readAnswers(everyType, answersToFields(everyType, first.answers), 'final', today)).toEqual(first);
  });

  it('never throws, and only ever reports problems it knows, whatever the form holds', () => {
    const fieldValue = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), fc.constant(undefined));
    const fieldName = fc.oneof(fc.constantFrom('q_story', 'q_place', 'q_mood', 'q_kinds', 'q_day', 'q_span_from', 'q_span_to', 'q_seen', 'q_seenBy', 'q_files', '__proto__'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.dictionary(fieldName, fieldValue), fc.constantFrom('draft' as const, 'final' as const), (fields, mode) => {
        const result = readAnswers(everyType, fields as FormFields, mode, today);
        if (!result.ok) {
          for (const problem of Object.values(result.problems)) {
            expect(['required', 'tooLong', 'invalidText', 'notAChoice', 'tooManyFiles', 'notADate', 'dateOutOfRange', 'dateOrder', 'onlyIf']).toContain(problem.code);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('questionnaire definitions', () => {
  it('accept a well-formed definition of every question type', () => {
    expect(parseDefinition(everyType)).toEqual({ ok: true, definition: everyType });
  });

  it('refuse duplicate ids and conditions that look forward or at a free-text question', () => {
    const twice = { questions: [everyType.questions[0], everyType.questions[0]] };
    expect(parseDefinition(twice).ok).toBe(false);
    const forward = { questions: [{ ...everyType.questions[7] }, everyType.questions[6]] };
    expect(parseDefinition(forward).ok).toBe(false);
    const onText = { questions: [everyType.questions[1], { id: 'x', type: 'text', label: label('x'), showIf: { questionId: 'place', equals: 'y' } }] };
    expect(parseDefinition(onText).ok).toBe(false);
    const unknownValue = { questions: [everyType.questions[6], { id: 'x', type: 'text', label: label('x'), showIf: { questionId: 'seen', equals: 'maybe' } }] };
    expect(parseDefinition(unknownValue).ok).toBe(false);
  });

  it('never throw on arbitrary data', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof parseDefinition(value).ok).toBe('boolean');
      }),
    );
  });
});
