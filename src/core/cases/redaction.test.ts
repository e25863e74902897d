import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answersFor,
  checkRedaction,
  deadlineInCaseFile,
  documentInCaseFile,
  historyEntryInCaseFile,
  normaliseRedactionText,
  piecesBetweenMarks,
  readsRedactedReport,
  redactAnswers,
  type RedactedReport,
} from './redaction.ts';

/** Whether every non-empty piece stands in `original`, in order and without overlapping. */
function piecesInOrder(original: string, text: string): boolean {
  let cursor = 0;
  for (const piece of piecesBetweenMarks(text)) {
    if (piece === '') continue;
    const at = original.indexOf(piece, cursor);
    if (at === -1) return false;
    cursor = at + piece.length;
  }
  return true;
}

// Originals are written with this alphabet; added text always has a character from the other.
const originalAlphabet = [...'abcdefghij áéñ.,\n'];
const addedAlphabet = [...'XYZ0123456789!?"'];
const original = fc
  .string({ unit: fc.constantFrom(...originalAlphabet), minLength: 1, maxLength: 80 })
  .map(normaliseRedactionText)
  .filter((text) => text !== '');

/** A redaction made the allowed way: the original cut into runs, some runs replaced by a mark. */
const redactionOf = (source: string) =>
  fc
    .array(fc.tuple(fc.nat(), fc.constantFrom('keep', 'block', 'word')), { minLength: 1, maxLength: 8 })
    .map((cuts) => {
      const points = [...new Set(cuts.map(([point]) => point % (source.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...points.filter((point) => point > 0 && point < source.length), source.length];
      return bounds.slice(1).map((end, index) => {
        const run = source.slice(bounds[index], end);
        const choice = cuts[index % cuts.length]?.[1] ?? 'keep';
        return choice === 'keep' ? run : choice === 'block' ? '█'.repeat(1 + (run.length % 5)) : '[redacted]';
      }).join('');
    });

describe('checking a redaction against the original', () => {
  it('accepts runs replaced by either mark, and keeps the text as edited', () => {
    const source = 'Dana Whitfield from accounts pushed me against the filing cabinet on 3 May.';
    expect(checkRedaction(source, '█████ from accounts pushed me against the filing cabinet on [redacted].')).toEqual({
      ok: true,
      text: '█████ from accounts pushed me against the filing cabinet on [redacted].',
    });
    expect(checkRedaction(source, source)).toMatchObject({ ok: true });
    expect(checkRedaction(source, '[redacted]')).toMatchObject({ ok: true });
  });

  it('refuses added, changed or moved words, naming the piece that is not in the original', () => {
    const source = 'He shouted at me in the meeting.';
    expect(checkRedaction(source, 'He gently shouted at me in the meeting.')).toEqual({ ok: false, problem: { code: 'notInOriginal', piece: 'He gently shouted at me in the meeting.' } });
    expect(checkRedaction(source, '█ at me in the meeting.█He shouted')).toMatchObject({ ok: false, problem: { code: 'notInOriginal', piece: 'He shouted' } });
    expect(checkRedaction(source, 'He █ at her █')).toMatchObject({ ok: false, problem: { code: 'notInOriginal', piece: 'at her' } });
  });

  it('refuses text cut without a mark, so no removal goes unseen', () => {
    expect(checkRedaction('It is not true that he hit me.', 'he hit me.')).toMatchObject({ ok: false, problem: { code: 'unmarkedCut' } });
    expect(checkRedaction('It is not true that he hit me.', '█ he hit me.')).toMatchObject({ ok: true });
    expect(checkRedaction('I saw the therapist', 'I saw the')).toMatchObject({ ok: false, problem: { code: 'unmarkedCut' } });
    expect(checkRedaction('abab', 'ab')).toMatchObject({ ok: false, problem: { code: 'unmarkedCut' } });
    // Gluing two halves together in the middle is new text, not a cut.
    expect(checkRedaction('I was not there at all', 'I was there at all')).toMatchObject({ ok: false, problem: { code: 'notInOriginal' } });
  });

  it('compares line breaks and composed characters as a textarea may send them', () => {
    expect(checkRedaction('Línea uno\nLínea dos', 'Li\u0301nea uno\r\n█')).toMatchObject({ ok: true, text: 'Línea uno\n█' });
  });

  it('never accepts a text with a piece that is not in the original, whatever is typed', () => {
    fc.assert(
      fc.property(original, fc.string({ maxLength: 60 }), (source, edited) => {
        const checked = checkRedaction(source, edited);
        return !checked.ok || piecesInOrder(source, checked.text);
      }),
    );
    fc.assert(
      fc.property(original.chain((source) => fc.tuple(fc.constant(source), redactionOf(source), fc.string({ unit: fc.constantFrom(...originalAlphabet, '█'), maxLength: 12 }), fc.nat())), ([source, made, noise, at]) => {
        const position = at % (made.length + 1);
        const edited = made.slice(0, position) + noise + made.slice(position);
        const checked = checkRedaction(source, edited);
        return !checked.ok || piecesInOrder(source, checked.text);
      }),
    );
  });

  it('accepts every redaction made by replacing runs with marks', () => {
    fc.assert(
      fc.property(original.chain((source) => fc.tuple(fc.constant(source), redactionOf(source))), ([source, made]) => {
        expect(checkRedaction(source, made)).toEqual({ ok: true, text: normaliseRedactionText(made) });
      }),
    );
  });

  it('rejects every edit that adds text, wherever it is put', () => {
    const added = fc.string({ unit: fc.constantFrom(...addedAlphabet), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(original.chain((source) => fc.tuple(fc.constant(source), redactionOf(source), added, fc.nat())), ([source, made, extra, at]) => {
        const position = at % (made.length + 1);
        expect(checkRedaction(source, made.slice(0, position) + extra + made.slice(position)).ok).toBe(false);
      }),
    );
  });
});

describe('redacting the answers of a report', () => {
  const full = { account: 'Dana Whitfield shouted at me.', where: 'office', when: '2026-03-02' };
  const editable = new Set(['account', 'when']);

  it('keeps chosen answers, takes edited text only for text answers, and drops the rest', () => {
    const result = redactAnswers(full, editable, {
      account: { include: true, text: '█ shouted at me.' },
      where: { include: true, text: 'ignored for a choice' },
      when: { include: false, text: '2026-03-02' },
    });
    expect(result).toEqual({ ok: true, answers: { account: '█ shouted at me.', where: 'office' } });
  });

  it('leaves out an answer whose text was emptied', () => {
    expect(redactAnswers(full, editable, { account: { include: true, text: '  ' } })).toEqual({ ok: true, answers: {} });
  });

  it('lists the problem of each answer whose edit adds text', () => {
    const result = redactAnswers(full, editable, { account: { include: true, text: 'Someone shouted at me.' }, when: { include: true, text: '2026-03-██' } });
    expect(result).toEqual({ ok: false, problems: { account: { code: 'notInOriginal', piece: 'Someone shouted at me.' } } });
  });
});

describe('who reads the redacted report', () => {
  const full = { answers: { account: 'Dana Whitfield shouted at me.' }, identity: { name: 'Noor Haddad', contact: 'noor@example.org' } };
  const redaction: RedactedReport = { title: 'For the investigator', answers: { account: '█ shouted at me.' }, identity: null };

  it('gives investigators, decision-makers and appeal reviewers the investigator version when there is one', () => {
    expect(readsRedactedReport(['investigator'])).toBe(true);
    expect(readsRedactedReport(['decision_maker', 'appeal_reviewer'])).toBe(true);
    expect(answersFor(['investigator'], full, redaction)).toEqual({ answers: redaction.answers, identity: undefined, redacted: true });
    expect(answersFor(['appeal_reviewer'], full, { ...redaction, identity: full.identity })).toMatchObject({ identity: full.identity });
  });

  it('gives handlers, and anyone who is also a handler, the full report', () => {
    expect(answersFor(['handler'], full, redaction)).toEqual({ ...full, redacted: false });
    expect(answersFor(['investigator', 'handler'], full, redaction)).toEqual({ ...full, redacted: false });
    expect(answersFor([], full, redaction)).toEqual({ ...full, redacted: false });
  });

  it('never shows a redacted reader the identity while no redacted version exists', () => {
    expect(answersFor(['decision_maker'], full, null)).toEqual({ answers: full.answers, identity: undefined, redacted: false });
  });
});

describe('documents in each version of the case file', () => {
  const kinds = [
    { kind: 'note', sealedWith: 'case' },
    { kind: 'redaction.investigator', sealedWith: 'case' },
    { kind: 'skipStep.reason', sealedWith: 'case' },
    { kind: 'giveFeedback.summaryRef', sealedWith: 'case' },
    { kind: 'issueOutcome.letterRef', sealedWith: 'respondent' },
    { kind: 'referral', sealedWith: 'case' },
    { kind: 'madeUp.letterRef', sealedWith: 'respondent' },
  ];

  it('never carries internal notes, redactions or reasons as documents, keeps case work out of redacted versions, and gives the respondent only what is sealed for them', () => {
    expect(kinds.filter((document) => documentInCaseFile('full', document)).map((document) => document.kind)).toEqual(['giveFeedback.summaryRef', 'issueOutcome.letterRef', 'referral', 'madeUp.letterRef']);
    expect(kinds.filter((document) => documentInCaseFile('investigator', document)).map((document) => document.kind)).toEqual(['giveFeedback.summaryRef', 'issueOutcome.letterRef']);
    expect(kinds.filter((document) => documentInCaseFile('respondent', document)).map((document) => document.kind)).toEqual(['issueOutcome.letterRef']);
  });
});

describe('history and deadlines in the respondent’s version of the case file', () => {
  const care = { checkIns: [{ id: 'check-in-1', with: 'reporter' }, { id: 'check-in-2', with: 'respondent' }], measures: [{ id: 'measure-1', for: 'reporter' }] };

  it('leaves out the reporter’s consent, the reporter’s care and adviser, and staff conflicts, and keeps the procedure', () => {
    const listed = (action: { type: string } & Record<string, unknown>) => historyEntryInCaseFile('respondent', action, care);
    expect(listed({ type: 'allowRespondentContact' })).toBe(false);
    expect(listed({ type: 'recordConflict', staffId: 'x' })).toBe(false);
    expect(listed({ type: 'addMeasure', for: 'reporter' })).toBe(false);
    expect(listed({ type: 'addMeasure', for: 'respondent' })).toBe(true);
    expect(listed({ type: 'nameAdviser', party: 'reporter' })).toBe(false);
    expect(listed({ type: 'recordCheckIn', checkInId: 'check-in-1' })).toBe(false);
    expect(listed({ type: 'recordCheckIn', checkInId: 'check-in-2' })).toBe(true);
    expect(listed({ type: 'endMeasure', measureId: 'measure-1' })).toBe(false);
    expect(listed({ type: 'notifyRespondent' })).toBe(true);
    expect(listed({ type: 'fileAppeal', by: 'reporter' })).toBe(true);
    expect(historyEntryInCaseFile('investigator', { type: 'allowRespondentContact' }, care)).toBe(true);
    expect(deadlineInCaseFile('respondent', { kind: 'checkIn', id: 'check-in-1' }, care)).toBe(false);
    expect(deadlineInCaseFile('respondent', { kind: 'checkIn', id: 'check-in-2' }, care)).toBe(true);
    expect(deadlineInCaseFile('respondent', { kind: 'step', id: 'decision' }, care)).toBe(true);
  });
});
