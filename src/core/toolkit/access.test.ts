import { describe, expect, it } from 'vitest';
import { allowed, type Actor } from '../policy.ts';

const harbour = '11111111-1111-4111-8111-111111111111';
const valley = '22222222-2222-4222-8222-222222222222';
const actor = (grants: Actor['grants']): Actor => ({ staffId: 'someone', grants });

describe('who may do what in the toolkit', () => {
  it('lets an organisation’s coordinator run its rounds and read its results, and nothing of another organisation', () => {
    const coordinator = actor([{ role: 'assessment_coordinator', orgId: harbour }]);
    expect(allowed(coordinator, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: harbour })).toBe(true);
    expect(allowed(coordinator, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: harbour })).toBe(true);
    expect(allowed(coordinator, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: valley })).toBe(false);
    expect(allowed(coordinator, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: null })).toBe(false);
    expect(allowed(coordinator, 'toolkit.templates', { kind: 'network' })).toBe(false);
  });

  it('lets the network run rounds anywhere and read the roll-up, but never a member’s own report', () => {
    for (const role of ['assessment_coordinator', 'admin'] as const) {
      const network = actor([{ role, orgId: null }]);
      expect(allowed(network, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: harbour })).toBe(true);
      expect(allowed(network, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: null })).toBe(true);
      expect(allowed(network, 'toolkit.see-results', { kind: 'toolkit-scope', orgId: harbour })).toBe(false);
      expect(allowed(network, 'toolkit.templates', { kind: 'network' })).toBe(true);
    }
  });

  it('keeps everyone else out', () => {
    for (const role of ['handler', 'investigator', 'auditor', 'editor', 'author'] as const) {
      const other = actor([{ role, orgId: null }]);
      expect(allowed(other, 'toolkit.enter', { kind: 'network' })).toBe(false);
      expect(allowed(other, 'toolkit.run-rounds', { kind: 'toolkit-scope', orgId: null })).toBe(false);
    }
    expect(allowed(undefined, 'toolkit.enter', { kind: 'network' })).toBe(false);
  });
});
