import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionSchema } from '../procedures/actions.ts';
import { formalInvestigation, informalResolution } from '../procedures/templates/index.ts';
import { appealGrounds, caseRoles, noticeContents } from '../procedures/vocabulary.ts';
import { actionFormSchema, actionFormTypes, procedureChoice } from './actionForms.ts';
import { DOCUMENT_MAX_CHARS, isTextField } from './handling.ts';

const colleague = '0b6c8a52-3f1e-4d7a-9c11-5e2f7a9b0c3d';

/** What actOnCase does before the engine sees an action: every text becomes a document reference. */
function withRefs(action: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(action).map(([key, value]) => {
      if (!isTextField(key)) return [key, value];
      return [key, Array.isArray(value) ? value.map(() => `doc:${colleague}`) : `doc:${colleague}`];
    }),
  );
}

/** Values a form field might carry: valid choices of every kind, and junk. */
const fieldValue = fc.oneof(
  fc.constantFrom(
    colleague,
    'handler',
    'investigator',
    'relatedToParty',
    'high',
    'medium',
    'reporter',
    'respondent',
    'investigation',
    'document',
    'responsible',
    'preponderanceOfEvidence',
    'upheld',
    'wellbeing',
    'supportive',
    'yes',
    'no',
    '7',
    '2026-03-14',
    'appeal-1',
    'notice',
    procedureChoice(formalInvestigation),
    procedureChoice(informalResolution),
    'The reporter asked for a quiet room.\nAnd a later time.',
    ...noticeContents,
    ...appealGrounds,
  ),
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...noticeContents, ...appealGrounds, 'junk'), { maxLength: 8 }),
);

const fieldNames = [
  ...new Set(actionFormSchema.options.flatMap((option) => Object.keys(option.in.shape))),
  '_csrf',
  '__proto__',
  'constructor',
];

const formBody = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...actionFormTypes), fc.string({ maxLength: 20 })),
    seen: fc.oneof(fc.constantFrom('0', '3', '12'), fc.string({ maxLength: 12 })),
    fields: fc.dictionary(fc.constantFrom(...fieldNames), fieldValue, { maxKeys: 10 }),
  },
  { requiredKeys: [] },
).map(({ type, seen, fields }) => ({ ...fields, ...(type === undefined ? {} : { type }), ...(seen === undefined ? {} : { seen }) }));

describe('the case action forms', () => {
  it('cover every action of the engine, once each', () => {
    const engineTypes = actionSchema.options.map((option) => option.shape.type.value);
    expect([...actionFormTypes].sort()).toEqual([...engineTypes].sort());
    expect(new Set(actionFormTypes).size).toBe(actionFormTypes.length);
  });

  it('never throw, whatever is posted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), formBody), (body) => {
        expect(() => actionFormSchema.safeParse(body)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it('turn every accepted form into an action the engine can read once its texts are sealed', () => {
    let accepted = 0;
    fc.assert(
      fc.property(formBody, (body) => {
        const parsed = actionFormSchema.safeParse(body);
        if (!parsed.success) return;
        accepted += 1;
        expect(actionSchema.safeParse(withRefs(parsed.data.action)).success).toBe(true);
      }),
      { numRuns: 4_000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('read ticked checkboxes whether one or several were sent, without repeats', () => {
    const one = actionFormSchema.safeParse({ type: 'notifyRespondent', seen: '4', noticeRef: 'The allegations are…', contents: 'rights' });
    const several = actionFormSchema.safeParse({ type: 'notifyRespondent', seen: '4', noticeRef: 'The allegations are…', contents: ['rights', 'adviser', 'rights'] });
    const none = actionFormSchema.safeParse({ type: 'notifyRespondent', seen: '4', noticeRef: 'The allegations are…' });
    expect(one.data?.action).toEqual({ type: 'notifyRespondent', noticeRef: 'The allegations are…', contents: ['rights'] });
    expect(several.data?.action).toMatchObject({ contents: ['rights', 'adviser'] });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.path).toEqual(['contents']);
  });

  it('reads sanctions and remedies one per line and the decision with its standard of evidence', () => {
    const parsed = actionFormSchema.safeParse({
      type: 'decide',
      seen: '20',
      outcome: 'responsible',
      standardOfEvidence: 'clearAndConvincing',
      reasonsRef: 'The messages of 3 and 5 March are consistent with the account.',
      sanctions: 'A written warning\r\n\r\n  Training on respectful conduct  ',
      remedies: '',
    });
    expect(parsed.data).toEqual({
      seen: 20,
      action: {
        type: 'decide',
        outcome: 'responsible',
        standardOfEvidence: 'clearAndConvincing',
        reasonsRef: 'The messages of 3 and 5 March are consistent with the account.',
        sanctions: ['A written warning', 'Training on respectful conduct'],
        remedies: [],
      },
    });
  });

  it('names procedures by id and version and refuses any other', () => {
    const moved = actionFormSchema.safeParse({ type: 'changePath', seen: '2', to: procedureChoice(informalResolution), statementRef: 'Her e-mail of 4 March' });
    expect(moved.data?.action).toMatchObject({ to: { id: 'informal-resolution', version: 1, path: 'informal' } });
    const unknown = actionFormSchema.safeParse({ type: 'changePath', seen: '2', to: 'made-up@1', statementRef: 'Her e-mail of 4 March' });
    expect(unknown.error?.issues[0]?.path).toEqual(['to']);
  });

  it('refuses an unknown action, a missing or forged count, a reason too short and a text too long', () => {
    expect(actionFormSchema.safeParse({ type: 'deleteCase', seen: '1' }).error?.issues[0]?.path).toEqual(['type']);
    expect(actionFormSchema.safeParse({ type: 'acknowledge' }).error?.issues[0]?.path).toEqual(['seen']);
    expect(actionFormSchema.safeParse({ type: 'acknowledge', seen: '-1' }).success).toBe(false);
    expect(actionFormSchema.safeParse({ type: 'placeLegalHold', seen: '1', reason: 'no' }).error?.issues[0]?.path).toEqual(['reason']);
    const huge = 'x'.repeat(DOCUMENT_MAX_CHARS + 1);
    expect(actionFormSchema.safeParse({ type: 'close', seen: '1', summaryRef: huge }).error?.issues[0]?.path).toEqual(['summaryRef']);
    expect(actionFormSchema.safeParse({ type: 'assign', seen: '1', staffId: 'someone', as: caseRoles[0] }).error?.issues[0]?.path).toEqual(['staffId']);
  });

  it('reads a check-in concern and an agreement review from checkbox and radio values', () => {
    expect(actionFormSchema.safeParse({ type: 'recordCheckIn', seen: '1', checkInId: 'check-in-1', noteRef: 'All well' }).data?.action).toMatchObject({ concernRaised: false });
    expect(actionFormSchema.safeParse({ type: 'recordCheckIn', seen: '1', checkInId: 'check-in-1', noteRef: 'Worried', concernRaised: 'yes' }).data?.action).toMatchObject({ concernRaised: true });
    expect(actionFormSchema.safeParse({ type: 'reviewAgreement', seen: '1', kept: 'no', noteRef: 'Not kept' }).data?.action).toMatchObject({ kept: false });
  });
});
