import { describe, expect, it } from 'vitest';
import { allowed, type Actor } from './policy.ts';
import type { RoleGrant } from './roles.ts';

const networkAdmin: Actor = { staffId: 's1', grants: [{ role: 'admin', orgId: null }] };
const riversideAdmin: Actor = { staffId: 's2', grants: [{ role: 'admin', orgId: 'riverside' }] };
const auditor: Actor = { staffId: 's3', grants: [{ role: 'auditor', orgId: null }] };

const riversideHandler: RoleGrant[] = [{ role: 'handler', orgId: 'riverside' }];
const hillcrestHandler: RoleGrant[] = [{ role: 'handler', orgId: 'hillcrest' }];
const inBoth: RoleGrant[] = [...riversideHandler, ...hillcrestHandler];
const networkEditor: RoleGrant[] = [{ role: 'editor', orgId: null }];

describe('managing a staff member', () => {
  it('lets an organisation admin see the people who hold a role in their organisation, and nobody else', () => {
    expect(allowed(riversideAdmin, 'staff.view', { kind: 'staff-member', grants: riversideHandler })).toBe(true);
    expect(allowed(riversideAdmin, 'staff.view', { kind: 'staff-member', grants: inBoth })).toBe(true);
    expect(allowed(riversideAdmin, 'staff.view', { kind: 'staff-member', grants: hillcrestHandler })).toBe(false);
    expect(allowed(riversideAdmin, 'staff.view', { kind: 'staff-member', grants: networkEditor })).toBe(false);
    expect(allowed(riversideAdmin, 'staff.view', { kind: 'staff-member', grants: [] })).toBe(false);
  });

  it('lets only an admin of every scope a person works in deactivate them or revoke their invitation', () => {
    for (const action of ['staff.deactivate', 'invitation.revoke'] as const) {
      expect(allowed(riversideAdmin, action, { kind: 'staff-member', grants: riversideHandler })).toBe(true);
      expect(allowed(riversideAdmin, action, { kind: 'staff-member', grants: inBoth })).toBe(false);
      expect(allowed(riversideAdmin, action, { kind: 'staff-member', grants: [] })).toBe(false);
      expect(allowed(networkAdmin, action, { kind: 'staff-member', grants: inBoth })).toBe(true);
      expect(allowed(networkAdmin, action, { kind: 'staff-member', grants: [] })).toBe(true);
    }
  });

  it('gives auditors and the signed-out nothing here', () => {
    for (const action of ['staff.view', 'staff.deactivate', 'invitation.revoke'] as const) {
      expect(allowed(auditor, action, { kind: 'staff-member', grants: riversideHandler })).toBe(false);
      expect(allowed(undefined, action, { kind: 'staff-member', grants: riversideHandler })).toBe(false);
    }
  });

  it('lets only a network admin edit an organisation', () => {
    expect(allowed(networkAdmin, 'organisation.edit', { kind: 'organisation', orgId: 'riverside' })).toBe(true);
    expect(allowed(riversideAdmin, 'organisation.edit', { kind: 'organisation', orgId: 'riverside' })).toBe(false);
  });
});
