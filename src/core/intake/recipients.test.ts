import { describe, expect, it } from 'vitest';
import { chooseRecipients, receivingScope, type Recipient } from './recipients.ts';

const person = (staffId: string): Recipient => ({ staffId, publicKey: new Uint8Array(32) });

describe('choosing who receives a report', () => {
  it('gives it to the handlers of the receiving scope, each once', () => {
    const chosen = chooseRecipients({ scopeHandlers: [person('a'), person('b'), person('a')], networkHandlers: [person('n')], networkAdmins: [person('x')] });
    expect(chosen?.rule).toBe('scope-handlers');
    expect(chosen?.recipients.map((recipient) => recipient.staffId)).toEqual(['a', 'b']);
  });

  it('falls back to the network handlers, then the network administrators, so no report is lost', () => {
    expect(chooseRecipients({ scopeHandlers: [], networkHandlers: [person('n')], networkAdmins: [person('x')] })?.rule).toBe('network-handlers');
    expect(chooseRecipients({ scopeHandlers: [], networkHandlers: [], networkAdmins: [person('x')] })?.rule).toBe('network-admins');
    expect(chooseRecipients({ scopeHandlers: [], networkHandlers: [], networkAdmins: [] })).toBeUndefined();
  });
});

describe('the receiving scope', () => {
  it('is the organisation of the channel unless the reporter chose the network', () => {
    expect(receivingScope('org-1', 'organisation')).toBe('org-1');
    expect(receivingScope('org-1', 'network')).toBeNull();
    expect(receivingScope(null, 'organisation')).toBeNull();
  });
});
