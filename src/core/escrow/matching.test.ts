/**
 * The escrow construction end to end, as a reporter's client, the server and a counsellor run
 * it: normalise → VOPRF round against the pinned key → derive → seal; then open as a counsellor.
 * Reporters, counsellors and respondents are invented.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import { newKeyPair, openSealed, sealTo } from '../crypto/sealedBox.ts';
import { bytesToHex } from '../crypto/bytes.ts';
import { deriveMatchSecrets } from './derivation.ts';
import { openMatch, sealEntry, type CounsellorKey, type EscrowRecord } from './entry.ts';
import { encodeIdentifier, requireIdentifier, type IdentifierInput } from './identifiers.ts';
import { blindInputs, finalizeOutputs, generateServerKey, type ServerKeyPair } from './oprf.ts';
import { loadOprfEvaluator, type OprfEvaluator } from './oprfEvaluator.ts';
import { reporterTokenForEmail, type ReporterToken } from './reporterToken.ts';
import { parseThreshold, type Threshold } from './threshold.ts';

let serverKey: ServerKeyPair;
let evaluator: OprfEvaluator;
const tokenSecret = randomBytes(32);
const counsellors: CounsellorKey[] = [
  { counsellorId: 'counsellor-imani', keyPair: newKeyPair() },
  { counsellorId: 'counsellor-tomas', keyPair: newKeyPair() },
];
const recipients = counsellors.map(({ counsellorId, keyPair }) => ({ counsellorId, publicKey: keyPair.publicKey }));
const [imani, tomas] = counsellors as [CounsellorKey, CounsellorKey];

beforeAll(async () => {
  serverKey = generateServerKey();
  evaluator = await loadOprfEvaluator(serverKey.secretKey, serverKey.publicKey);
});

function reporter(index: number): ReporterToken {
  return reporterTokenForEmail(tokenSecret, requireIdentifier({ kind: 'email', text: `reporter${index}@members.example.org` }) as never);
}

/** One VOPRF round exactly as the client and server run it. */
function oprfOutput(named: IdentifierInput): Uint8Array {
  const requests = blindInputs([encodeIdentifier(requireIdentifier(named))]);
  const [output] = finalizeOutputs(requests, evaluator.evaluate(requests.map((request) => request.blinded)), serverKey.publicKey);
  if (!output) throw new Error('no output');
  return output;
}

function escrow(named: IdentifierInput, token: ReporterToken, allegation: Uint8Array, threshold: Threshold): EscrowRecord {
  return sealEntry({ oprfOutput: oprfOutput(named), threshold, token, allegation, counsellors: recipients });
}

const respondent = (spelling: number): IdentifierInput => {
  const spellings = ['Dario.Invented@Example.org', '  dario.invented@example.ORG', 'DARIO.INVENTED@EXAMPLE.ORG '];
  return { kind: 'email', text: spellings[spelling % spellings.length] ?? '' };
};
const allegationText = fc.uint8Array({ minLength: 16, maxLength: 300 });
const thresholds = fc.constantFrom(2, 3).map(parseThreshold);

/** Re-seals an entry's share with y changed, as a malicious reporter who knows the line could. */
function withBadShare(record: EscrowRecord): EscrowRecord {
  const context = `escrow/share/v1/${bytesToHex(record.tag)}`;
  return {
    ...record,
    sealedForCounsellors: record.sealedForCounsellors.map((sealed) => {
      const counsellor = counsellors.find((candidate) => candidate.counsellorId === sealed.counsellorId);
      if (!counsellor) return sealed;
      const share = openSealed(counsellor.keyPair, sealed.envelope, context);
      share[40] = (share[40] ?? 0) ^ 0x01;
      return { ...sealed, envelope: sealTo(counsellor.keyPair.publicKey, share, context) };
    }),
  };
}

function flipByte(bytes: Uint8Array, position: number): Uint8Array {
  const copy = bytes.slice();
  const index = position % copy.length;
  copy[index] = (copy[index] ?? 0) ^ 0x80;
  return copy;
}

// Real VOPRF rounds and X25519 seals: a few milliseconds each, so a property run takes a second or two.
describe('allegation escrow matching', { timeout: 30_000 }, () => {
  it('opens any t or more entries from distinct reporters naming the same person, however they spelled it', () => {
    fc.assert(
      fc.property(thresholds, fc.integer({ min: 0, max: 2 }), fc.array(allegationText, { minLength: 4, maxLength: 4 }), (t, extra, texts) => {
        const count = t + extra > 4 ? 4 : t + extra;
        const records = texts.slice(0, count).map((text, index) => escrow(respondent(index), reporter(index), text, t));
        for (const counsellor of [imani, tomas]) {
          const opening = openMatch(records, counsellor, t);
          expect(opening).toMatchObject({ status: 'opened', reporters: count, rejected: [] });
          if (opening.status === 'opened') expect(opening.allegations.map((entry) => entry.allegation)).toEqual(texts.slice(0, count));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('never opens t − 1 entries, even with the same reporter filing more than once', () => {
    fc.assert(
      fc.property(thresholds, fc.integer({ min: 0, max: 2 }), allegationText, (t, repeats, text) => {
        const records = Array.from({ length: t - 1 }, (_, index) => escrow(respondent(index), reporter(index), text, t));
        for (let repeat = 0; repeat < repeats; repeat += 1) records.push(escrow(respondent(repeat), reporter(0), text, t));
        const opening = openMatch(records, imani, t);
        expect(opening).toMatchObject({ status: 'too_few_reporters', reporters: t - 1 });
        expect('allegations' in opening).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('counts two entries from one reporter once', () => {
    const t = parseThreshold(2);
    const text = new TextEncoder().encode('the same account, filed twice');
    const twice = [escrow(respondent(0), reporter(7), text, t), escrow(respondent(1), reporter(7), text, t)];
    expect(openMatch(twice, imani, t)).toMatchObject({ status: 'too_few_reporters', reporters: 1 });
    const withAnother = [...twice, escrow(respondent(2), reporter(8), text, t)];
    expect(openMatch(withAnother, imani, t)).toMatchObject({ status: 'opened', reporters: 2 });
  });

  it('never matches entries naming different people', () => {
    const someone = fc.oneof(
      fc.stringMatching(/^[a-z]{3,8}$/).map((name): IdentifierInput => ({ kind: 'email', text: `${name}@example.org` })),
      fc.stringMatching(/^[a-z]{3,8}$/).map((name): IdentifierInput => ({ kind: 'profile_url', text: `example.org/${name}` })),
      fc.stringMatching(/^[a-z]{3,8}$/).map((name): IdentifierInput => ({ kind: 'name_and_organisation', name, organisation: 'Invented Aid' })),
    );
    fc.assert(
      fc.property(someone, someone, (a, b) => {
        const same = JSON.stringify(requireIdentifier(a)) === JSON.stringify(requireIdentifier(b));
        const t = parseThreshold(2);
        const first = escrow(a, reporter(1), new Uint8Array(20), t);
        const second = escrow(b, reporter(2), new Uint8Array(20), t);
        expect(bytesToHex(first.tag) === bytesToHex(second.tag)).toBe(same);
        if (!same) expect(() => openMatch([first, second], imani, t)).toThrowError(expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }));
      }),
      { numRuns: 15 },
    );
  });

  it('detects a tampered ciphertext and names the entry', () => {
    fc.assert(
      fc.property(thresholds, allegationText, fc.nat(), fc.nat(), (t, text, which, position) => {
        const records = Array.from({ length: t }, (_, index) => escrow(respondent(index), reporter(index), text, t));
        const target = which % t;
        const targetRecord = records[target] as EscrowRecord;
        records[target] = { ...targetRecord, ciphertext: flipByte(targetRecord.ciphertext, position) };
        const opening = openMatch(records, imani, t);
        expect(opening).toMatchObject({ status: 'opened', rejected: [{ index: target, reason: 'allegation_damaged' }] });
        if (opening.status === 'opened') expect(opening.allegations.map((entry) => entry.index)).not.toContain(target);
      }),
      { numRuns: 10 },
    );
  });

  it('detects a damaged envelope, and still opens when enough other reporters remain', () => {
    fc.assert(
      fc.property(thresholds, fc.nat(), fc.nat(), (t, which, position) => {
        const records = Array.from({ length: t + 1 }, (_, index) => escrow(respondent(index), reporter(index), new Uint8Array(32).fill(index), t));
        const target = which % records.length;
        const damaged = (record: EscrowRecord) => ({
          ...record,
          sealedForCounsellors: record.sealedForCounsellors.map((sealed) => ({ ...sealed, envelope: flipByte(sealed.envelope, position) })),
        });
        records[target] = damaged(records[target] as EscrowRecord);
        expect(openMatch(records, imani, t)).toMatchObject({ status: 'opened', reporters: t, rejected: [{ index: target, reason: 'envelope_damaged' }] });
        expect(openMatch(records.filter((_, index) => index !== (target + 1) % records.length), imani, t)).toMatchObject({
          status: 'too_few_reporters',
        });
      }),
      { numRuns: 8 },
    );
  });

  it('names a bad share when t + 1 entries allow it, and reports failure when only t do', () => {
    fc.assert(
      fc.property(thresholds, fc.nat(), (t, which) => {
        const records = Array.from({ length: t + 1 }, (_, index) => escrow(respondent(index), reporter(index), new Uint8Array(24).fill(index + 1), t));
        const target = which % records.length;
        records[target] = withBadShare(records[target] as EscrowRecord);
        const opening = openMatch(records, imani, t);
        expect(opening).toMatchObject({ status: 'opened', reporters: t, rejected: [{ index: target, reason: 'share_off_line' }] });
        const exactlyT = records.filter((_, index) => index !== (target + 1) % records.length);
        expect(openMatch(exactlyT, imani, t)).toEqual({ status: 'shares_inconsistent', rejected: [] });
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a share that claims another threshold than the network uses', () => {
    const records = [0, 1].map((index) => escrow(respondent(index), reporter(index), new Uint8Array(16), parseThreshold(2)));
    expect(openMatch(records, imani, parseThreshold(3))).toMatchObject({
      status: 'too_few_reporters',
      rejected: [
        { index: 0, reason: 'threshold_differs' },
        { index: 1, reason: 'threshold_differs' },
      ],
    });
  });

  it('opens nothing from the database alone: no plaintext, key or identifier in the records, and no key that is not a counsellor’s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 200 }), fc.constantFrom('counsellor-imani', 'someone-else'), (text, claimedId) => {
        const t = parseThreshold(2);
        const named = respondent(0);
        const records = [0, 1, 2].map((index) => escrow(named, reporter(index), text, t));
        const stored = Buffer.concat(
          records.flatMap((record) => [record.tag, record.ciphertext, ...record.sealedForCounsellors.map((sealed) => Buffer.concat([Buffer.from(sealed.counsellorId), sealed.envelope]))]),
        );
        const output = oprfOutput(named);
        const secrets = deriveMatchSecrets(output, t);
        const intercept = Buffer.from((secrets.coefficients[0] ?? 0n).toString(16).padStart(64, '0'), 'hex').reverse();
        for (const secret of [text, output, intercept, encodeIdentifier(requireIdentifier(named)), Buffer.from('dario.invented')]) {
          expect(stored.includes(Buffer.from(secret))).toBe(false);
        }
        const insider: CounsellorKey = { counsellorId: claimedId, keyPair: newKeyPair() };
        expect(openMatch(records, insider, t)).toMatchObject({ status: 'too_few_reporters', reporters: 0 });
      }),
      { numRuns: 6 },
    );
  });

  it('refuses to seal without counsellors or with a malformed counsellor key', () => {
    const base = { oprfOutput: randomBytes(64), threshold: parseThreshold(2), token: reporter(1), allegation: new Uint8Array(4) };
    expect(() => sealEntry({ ...base, counsellors: [] })).toThrowError(expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }));
    expect(() => sealEntry({ ...base, counsellors: [{ counsellorId: 'c', publicKey: new Uint8Array(31) }] })).toThrowError(
      expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }),
    );
    expect(() => sealEntry({ ...base, counsellors: [recipients[0], recipients[0]] as never })).toThrowError(
      expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }),
    );
    expect(() => openMatch([], imani, parseThreshold(2))).toThrowError(expect.objectContaining({ code: 'ESCROW_ENTRY_INVALID' }));
  });
});
