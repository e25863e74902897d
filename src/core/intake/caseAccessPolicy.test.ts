import { describe, expect, it } from 'vitest';
import { allowed, type Actor } from '../policy.ts';
import { reporterMay } from './caseModel.ts';

const handlerOf = (orgId: string | null): Actor => ({ staffId: 's', grants: [{ role: 'handler', orgId }] });
const caseIn = (orgId: string | null, keyHolder = true) => ({ kind: 'case' as const, orgId, keyHolder });

describe('who may open a case', () => {
  it('is a handler of its scope for whom its key was wrapped', () => {
    expect(allowed(handlerOf('org-1'), 'case.open', caseIn('org-1'))).toBe(true);
    expect(allowed(handlerOf('org-1'), 'case.reply', caseIn('org-1'))).toBe(true);
    expect(allowed(handlerOf('org-1'), 'case.open', caseIn('org-1', false))).toBe(false);
  });

  it('is nobody from another organisation, even with a key, nor an author or an auditor', () => {
    expect(allowed(handlerOf('org-2'), 'case.open', caseIn('org-1'))).toBe(false);
    expect(allowed({ staffId: 's', grants: [{ role: 'author', orgId: 'org-1' }] }, 'case.open', caseIn('org-1'))).toBe(false);
    expect(allowed({ staffId: 's', grants: [{ role: 'auditor', orgId: null }] }, 'case.open', caseIn(null))).toBe(false);
  });

  it('includes the network’s handlers and administrators, who receive reports when nobody else can', () => {
    expect(allowed(handlerOf(null), 'case.open', caseIn('org-1'))).toBe(true);
    expect(allowed({ staffId: 's', grants: [{ role: 'admin', orgId: null }] }, 'case.open', caseIn(null))).toBe(true);
    expect(allowed({ staffId: 's', grants: [{ role: 'admin', orgId: 'org-1' }] }, 'case.open', caseIn('org-1'))).toBe(false);
  });

  it('gives an inbox to handlers and network administrators only', () => {
    expect(allowed(handlerOf('org-1'), 'inbox.view', { kind: 'network' })).toBe(true);
    expect(allowed({ staffId: 's', grants: [{ role: 'editor', orgId: null }] }, 'inbox.view', { kind: 'network' })).toBe(false);
    expect(allowed(undefined, 'inbox.view', { kind: 'network' })).toBe(false);
  });

  it('lets an organisation’s administrators configure its report channel, and only network administrators the network’s', () => {
    const orgAdmin: Actor = { staffId: 's', grants: [{ role: 'admin', orgId: 'org-1' }] };
    expect(allowed(orgAdmin, 'channel.configure', { kind: 'report-channel', orgId: 'org-1' })).toBe(true);
    expect(allowed(orgAdmin, 'channel.configure', { kind: 'report-channel', orgId: 'org-2' })).toBe(false);
    expect(allowed(orgAdmin, 'channel.configure', { kind: 'report-channel', orgId: null })).toBe(false);
  });
});

describe('what a reporter may still do', () => {
  it('depends on the status of the report', () => {
    expect(reporterMay('finish-draft', 'draft')).toBe(true);
    expect(reporterMay('message', 'draft')).toBe(false);
    expect(reporterMay('change-path', 'acknowledged')).toBe(true);
    expect(reporterMay('withdraw', 'withdrawn')).toBe(false);
    expect(reporterMay('message', 'withdrawn')).toBe(true);
    expect(reporterMay('add-information', 'closed')).toBe(false);
  });
});
