import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { allowed, authorize, type Actor } from './policy.ts';

const networkAdmin: Actor = { staffId: 's1', grants: [{ role: 'admin', orgId: null }] };
const orgAdmin: Actor = { staffId: 's2', grants: [{ role: 'admin', orgId: 'org-a' }] };
const auditor: Actor = { staffId: 's3', grants: [{ role: 'auditor', orgId: null }] };
const handler: Actor = { staffId: 's4', grants: [{ role: 'handler', orgId: 'org-a' }] };

describe('the access policy', () => {
  it('lets only a network administrator create organisations', () => {
    expect(allowed(networkAdmin, 'organisation.create', { kind: 'network' })).toBe(true);
    for (const actor of [orgAdmin, auditor, handler, undefined]) expect(allowed(actor, 'organisation.create', { kind: 'network' })).toBe(false);
  });

  it('lets an organisation administrator invite staff to their organisation only', () => {
    expect(allowed(orgAdmin, 'staff.invite', { kind: 'staff-scope', orgId: 'org-a' })).toBe(true);
    expect(allowed(orgAdmin, 'staff.invite', { kind: 'staff-scope', orgId: 'org-b' })).toBe(false);
    expect(allowed(orgAdmin, 'staff.invite', { kind: 'staff-scope', orgId: null })).toBe(false);
    expect(allowed(networkAdmin, 'staff.invite', { kind: 'staff-scope', orgId: 'org-b' })).toBe(true);
  });

  it('lets auditors and network administrators read the audit log, and nobody else', () => {
    expect(allowed(auditor, 'audit.read', { kind: 'audit-log' })).toBe(true);
    expect(allowed(networkAdmin, 'audit.verify', { kind: 'audit-log' })).toBe(true);
    expect(allowed(handler, 'audit.read', { kind: 'audit-log' })).toBe(false);
    expect(allowed(orgAdmin, 'audit.read', { kind: 'audit-log' })).toBe(false);
  });

  it('answers a forbidden action exactly like a missing record', () => {
    try {
      authorize(handler, 'organisation.create', { kind: 'network' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('NOT_FOUND');
      expect((error as AppError).status).toBe(404);
    }
  });
});
