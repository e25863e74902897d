import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgress, emptyProgress, encodeProgress, takePage, toAnswerSet, unansweredQuestions } from './answering.ts';
import { formatCode, invitationCodeHash, newCode, normaliseCode } from './codes.ts';
import { defaultTemplate } from './defaultTemplate.ts';
import { NOT_ASKED } from './scoring.ts';
import { questionsInForm } from './template.ts';

describe('answering', () => {
  it('takes a page of answers, lists what is missing, and ignores choices a question does not offer', () => {
    const first = questionsInForm(defaultTemplate, 'short').filter((question) => question.domainIndex === 0);
    const fields: Record<string, string> = { [`a:${first[0]?.key}`]: '3', [`a:${first[1]?.key}`]: '9' };
    const { progress, unanswered } = takePage(defaultTemplate, 'short', emptyProgress(), 0, fields);
    expect(progress.answers[first[0]?.key ?? '']).toBe(3);
    expect(unanswered).toEqual([first[1]?.key, first[2]?.key]);
  });

  it('stores a complete short-form answer set with unasked questions marked and free text apart', () => {
    let progress = emptyProgress();
    for (const question of questionsInForm(defaultTemplate, 'short')) progress.answers[question.key] = 0;
    progress = { ...progress, role: 'staff', notes: { 'policy.written-policy': '  We have one since 2021  ' } };
    expect(unansweredQuestions(defaultTemplate, 'short', progress)).toEqual([]);
    const set = toAnswerSet(defaultTemplate, 'short', progress);
    expect(set.choices).toHaveLength(92);
    expect(set.choices.filter((choice) => choice === NOT_ASKED)).toHaveLength(92 - 24);
    expect(set.comments).toEqual([{ questionKey: 'policy.written-policy', text: 'We have one since 2021' }]);
    expect(set.roleGroup).toBe('staff');
  });

  it('reads back exactly what it wrote, and nothing from altered or foreign text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('policy.policy-known', 'culture.respect'), fc.integer({ min: 0, max: 5 })), fc.string({ maxLength: 50 }), (answers, junk) => {
        const progress = { role: null, answers, notes: {} };
        expect(decodeProgress(encodeProgress(progress))).toEqual(progress);
        const decoded = decodeProgress(junk);
        if (decoded) expect(Object.keys(decoded).sort()).toEqual(['answers', 'notes', 'role']);
      }),
    );
    expect(decodeProgress(Buffer.from('{"role":"boss","answers":{},"notes":{}}').toString('base64url'))).toBeUndefined();
  });
});

describe('codes', () => {
  it('are sixteen characters in four groups and survive the usual typing slips', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const code = newCode();
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        const normalised = normaliseCode(code);
        expect(normalised).toBe(code.replace(/-/g, ''));
        expect(normaliseCode(` ${code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')} `)).toBe(normalised);
      }),
      { numRuns: 200 },
    );
    expect(normaliseCode('ABCD')).toBeUndefined();
    expect(normaliseCode('ABCD-EFGH-JKMN-PQRU')).toBeUndefined();
    expect(normaliseCode(42)).toBeUndefined();
    expect(formatCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(invitationCodeHash('ABCDEFGHJKMNPQRS')).toMatch(/^[0-9a-f]{64}$/);
  });
});
