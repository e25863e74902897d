import { describe, expect, it } from 'vitest';
import { allowed, type Actor } from './policy.ts';

const network = { kind: 'network' } as const;
const actor = (grants: Actor['grants']): Actor => ({ staffId: 'someone', grants });

describe('who may do what in escrow', () => {
  it('lets only network escrow counsellors see and open matches', () => {
    expect(allowed(actor([{ role: 'escrow_counsellor', orgId: null }]), 'escrow.counsel', network)).toBe(true);
    expect(allowed(actor([{ role: 'escrow_counsellor', orgId: 'org-1' }]), 'escrow.counsel', network)).toBe(false);
    expect(allowed(actor([{ role: 'admin', orgId: null }]), 'escrow.counsel', network)).toBe(false);
    expect(allowed(actor([{ role: 'handler', orgId: null }]), 'escrow.counsel', network)).toBe(false);
    expect(allowed(undefined, 'escrow.counsel', network)).toBe(false);
  });

  it('lets counsellors and network admins issue invitation codes, and only network admins change the settings', () => {
    expect(allowed(actor([{ role: 'escrow_counsellor', orgId: null }]), 'escrow.invite', network)).toBe(true);
    expect(allowed(actor([{ role: 'admin', orgId: null }]), 'escrow.invite', network)).toBe(true);
    expect(allowed(actor([{ role: 'admin', orgId: 'org-1' }]), 'escrow.invite', network)).toBe(false);
    expect(allowed(actor([{ role: 'admin', orgId: null }]), 'escrow.configure', network)).toBe(true);
    expect(allowed(actor([{ role: 'escrow_counsellor', orgId: null }]), 'escrow.configure', network)).toBe(false);
  });
});
