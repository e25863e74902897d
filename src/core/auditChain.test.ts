import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, verifyChain, type AuditEntry, type AuditFields } from './auditChain.ts';

function buildChain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const fields: AuditFields = {
      seq,
      at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
      actorId: null,
      action: `test.action-${seq % 3}`,
      subjectType: 'staff',
      subjectId: String(seq),
      orgId: null,
      details: { n: seq },
    };
    const entry = chainEntry(fields, prev);
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const entries = buildChain(20);
    const verdict = verifyChain(entries, { seq: 20, hash: entries[19]?.hash ?? '' });
    expect(verdict).toEqual({ ok: true, count: 20, headHash: entries[19]?.hash });
  });

  it('detects any altered field of any entry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.constantFrom('action', 'actorId', 'at', 'details'), (index, field) => {
        const entries = buildChain(10);
        const target = entries[index];
        if (!target) throw new Error('no entry');
        const altered = { ...target, [field]: field === 'details' ? { n: -1 } : field === 'at' ? new Date(0).toISOString() : 'tampered' };
        entries[index] = altered as AuditEntry;
        const verdict = verifyChain(entries);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.seq).toBe(index + 1);
      }),
    );
  });

  it('detects a removed entry in the middle', () => {
    const entries = buildChain(10);
    entries.splice(4, 1);
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({ ok: false, seq: 6, problem: 'sequence-gap' });
  });

  it('detects two entries swapped', () => {
    const entries = buildChain(10);
    const [a, b] = [entries[3], entries[4]];
    if (!a || !b) throw new Error('no entries');
    entries[3] = b;
    entries[4] = a;
    expect(verifyChain(entries).ok).toBe(false);
  });

  it('detects a removed tail when the head is known', () => {
    const entries = buildChain(10);
    const head = { seq: 10, hash: entries[9]?.hash ?? '' };
    expect(verifyChain(entries.slice(0, 8), head)).toMatchObject({ ok: false, problem: 'head-mismatch' });
  });

  it('detects an entry re-hashed after alteration because its successor still points to the old hash', () => {
    const entries = buildChain(5);
    const original = entries[1];
    if (!original) throw new Error('no entry');
    const { prevHash, hash: _hash, ...fields } = original;
    entries[1] = chainEntry({ ...fields, action: 'forged' }, prevHash);
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3, problem: 'missing-or-reordered' });
  });
});
