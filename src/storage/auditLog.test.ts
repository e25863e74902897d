import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalParts } from './auditLog.ts';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 3 }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;

const fields = fc.record({
  at: fc.date({ min: new Date(0), max: new Date('2200-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: text,
  subjectType: fc.option(text, { nil: null }),
  subjectId: fc.option(text, { nil: null }),
  orgId: fc.option(fc.uuid(), { nil: null }),
  details: fc.dictionary(text, json, { maxKeys: 5 }),
});

describe('the audit entry split for hashing in the database', () => {
  it('joined around any previous hash and number, is exactly the canonical JSON the chain hashes', () => {
    fc.assert(
      fc.property(fields, fc.stringMatching(/^[0-9a-f]{64}$/), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (entry, prevHash, seq) => {
        const parts = canonicalParts(entry);
        expect(`${parts.before}${prevHash}${parts.middle}${seq}${parts.after}`).toBe(canonicalize({ ...entry, seq, prevHash }));
      }),
      { numRuns: 500 },
    );
  });
});
