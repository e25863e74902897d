import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages, loadCatalogues } from '../../i18n/index.ts';
import type { FormFields } from './answers.ts';
import { defaultQuestionnaire } from './defaultQuestionnaire.ts';
import { parseUrlEncoded } from './formBody.ts';
import { catalogueKeys, parseDefinition } from './questionnaire.ts';
import { readReportForm } from './reportForm.ts';

const today = '2031-05-04';
const read = (fields: FormFields, channel: 'network' | 'organisation' = 'organisation') => readReportForm(defaultQuestionnaire, fields, { channel, today });

describe('the report form', () => {
  it('reads a complete report with who receives it, the path and how the reporter wants to be known', () => {
    const result = read({ recipient: 'network', path: 'informal', identity: 'confidential', name: ' Dana ', contact: 'dana@example.org', q_account: 'It happened.', q_witnesses: 'yes', q_witnessDetails: 'A colleague' });
    expect(result).toEqual({
      ok: true,
      submission: {
        intent: 'submit',
        choices: { recipient: 'network', path: 'informal', identityMode: 'confidential' },
        identity: { name: 'Dana', contact: 'dana@example.org' },
        answers: { account: 'It happened.', witnesses: 'yes', witnessDetails: 'A colleague' },
      },
    });
  });

  it('sends a report from the network channel to the network, whatever the form says', () => {
    const result = read({ recipient: 'organisation', path: 'formal', identity: 'anonymous', q_account: 'x' }, 'network');
    expect(result.ok && result.submission.choices.recipient).toBe('network');
  });

  it('asks for the account, a path and an identity choice before sending, but not before saving', () => {
    const sent = read({});
    expect(sent.ok ? {} : sent.problems).toEqual({ path: { code: 'required' }, identity: { code: 'required' }, q_account: { code: 'required' } });
    const saved = read({ intent: 'save' });
    expect(saved).toMatchObject({ ok: true, submission: { intent: 'save', choices: { path: 'not_sure', identityMode: 'anonymous', recipient: 'organisation' } } });
  });

  it('does not keep a name from a reporter who chose to stay anonymous', () => {
    const result = read({ path: 'formal', identity: 'anonymous', name: 'Dana', q_account: 'x' });
    expect(result.ok ? {} : result.problems).toEqual({ name: { code: 'nameWhenAnonymous' } });
  });

  it('asks for a name from a reporter who wants to be known to the handlers or named', () => {
    for (const identity of ['confidential', 'named']) {
      const result = read({ path: 'formal', identity, q_account: 'x' });
      expect(result.ok ? {} : result.problems).toEqual({ name: { code: 'required' } });
    }
  });

  it('refuses values that are not among the choices', () => {
    const result = read({ recipient: 'everyone', path: 'revenge', identity: 'famous', q_account: 'x' });
    expect(result.ok ? {} : result.problems).toEqual({ recipient: { code: 'notAChoice' }, path: { code: 'notAChoice' }, identity: { code: 'notAChoice' } });
  });

  it('refuses an answer whose bytes were not UTF-8 in the posted body', () => {
    const fields = parseUrlEncoded(Buffer.concat([Buffer.from('path=formal&identity=anonymous&q_account='), Buffer.from([0xff, 0xfe, 0x41])]));
    const result = read(fields);
    expect(result.ok ? {} : result.problems).toEqual({ q_account: { code: 'invalidText' } });
    const encoded = read(parseUrlEncoded('path=formal&identity=anonymous&q_account=%C3%28'));
    expect(encoded.ok ? {} : encoded.problems).toEqual({ q_account: { code: 'invalidText' } });
  });

  it('never throws on any body, and a body that parses is always within the limits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 200 }), (bytes, text) => {
        for (const body of [parseUrlEncoded(bytes), parseUrlEncoded(text)]) {
          const result = read(body);
          if (result.ok) expect([...(result.submission.answers.account as string)].length).toBeLessThanOrEqual(20_000);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('posted form bodies', () => {
  it('collect repeated fields into lists and treat __proto__ as an ordinary field', () => {
    const fields = parseUrlEncoded('q_kinds=a&q_kinds=b&__proto__=x&plus=a+b');
    expect(fields.q_kinds).toEqual(['a', 'b']);
    expect(fields.__proto__).toBe('x');
    expect(fields.plus).toBe('a b');
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });
});

describe('the default questionnaire', () => {
  it('is a valid definition whose every text is in every catalogue', () => {
    expect(parseDefinition(defaultQuestionnaire).ok).toBe(true);
    const catalogues = loadCatalogues();
    for (const language of languages) {
      const missing = catalogueKeys(defaultQuestionnaire).filter((key) => {
        let node: unknown = catalogues[language]?.translation;
        for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
        return typeof node !== 'string';
      });
      expect(missing, language).toEqual([]);
    }
  });

  it('starts with free recall, and asks what the reporter wants last', () => {
    expect(defaultQuestionnaire.questions[0]).toMatchObject({ id: 'account', type: 'long_text', required: true });
    expect(defaultQuestionnaire.questions.at(-1)?.id).toBe('wishes');
    expect(defaultQuestionnaire.questions.filter((question) => question.required).map((question) => question.id)).toEqual(['account']);
  });
});
