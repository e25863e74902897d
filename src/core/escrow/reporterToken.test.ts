import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/bytes.ts';
import { requireIdentifier } from './identifiers.ts';
import {
  entryDedupeKey,
  formatReporterToken,
  newInvitationCode,
  newVerificationCode,
  parseReporterToken,
  reporterTokenForEmail,
  reporterTokenForInvitation,
  verificationCodeDigest,
  verificationCodeMatches,
  type EmailIdentifier,
  type ReporterToken,
} from './reporterToken.ts';

const secret = randomBytes(32);
const email = (text: string) => requireIdentifier({ kind: 'email', text }) as EmailIdentifier;

describe('reporter tokens', () => {
  it('give one token per membership e-mail, however it is typed, and different ones for different people', () => {
    const token = reporterTokenForEmail(secret, email('Wanjiru.Invented@Members.example.org'));
    expect(reporterTokenForEmail(secret, email(' wanjiru.invented@members.example.org'))).toEqual(token);
    expect(reporterTokenForEmail(secret, email('wanjiru.other@members.example.org'))).not.toEqual(token);
    expect(reporterTokenForEmail(randomBytes(32), email('wanjiru.invented@members.example.org'))).not.toEqual(token);
    expect(Buffer.from(token).includes(Buffer.from('wanjiru'))).toBe(false);
  });

  it('give one token per invitation code, whatever the case, spaces or dashes', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const code = newInvitationCode();
        const token = reporterTokenForInvitation(secret, code);
        expect(token).toBeDefined();
        expect(reporterTokenForInvitation(secret, ` ${code.toLowerCase().replace(/-/g, ' ')} `)).toEqual(token);
        expect(reporterTokenForInvitation(secret, newInvitationCode())).not.toEqual(token);
      }),
      { numRuns: 20 },
    );
    expect(reporterTokenForInvitation(secret, 'not a code')).toBeUndefined();
  });

  it('never let an e-mail and an invitation code share a token', () => {
    const code = newInvitationCode();
    const asEmail = email(`${code.replace(/-/g, '')}@x.org`);
    expect(reporterTokenForEmail(secret, asEmail)).not.toEqual(reporterTokenForInvitation(secret, code));
  });

  it('travel to the client as base64url and come back unchanged; anything else is refused', () => {
    const token = reporterTokenForEmail(secret, email('a@example.org'));
    expect(parseReporterToken(formatReporterToken(token))).toEqual(token);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const text = formatReporterToken(bytes as ReporterToken);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(parseReporterToken(text)).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const parsed = parseReporterToken(junk);
        if (parsed) expect(parsed).toHaveLength(32);
      }),
    );
    expect(parseReporterToken('short')).toBeUndefined();
  });

  it('refuse a server secret shorter than 32 bytes', () => {
    expect(() => reporterTokenForEmail(new Uint8Array(16), email('a@example.org'))).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('give a per-respondent dedupe key that differs across tags and reporters', () => {
    const first = reporterTokenForEmail(secret, email('a@example.org'));
    const second = reporterTokenForEmail(secret, email('b@example.org'));
    const tag = randomBytes(32);
    expect(entryDedupeKey(first, tag)).toEqual(entryDedupeKey(first, Uint8Array.from(tag)));
    expect(entryDedupeKey(first, tag)).not.toEqual(entryDedupeKey(second, tag));
    expect(entryDedupeKey(first, tag)).not.toEqual(entryDedupeKey(first, randomBytes(32)));
  });
});

describe('e-mail verification codes', () => {
  it('are eight digits, kept only as an HMAC bound to the address', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^\d{8}$/);
    const kept = verificationCodeDigest(secret, email('a@example.org'), code);
    expect(Buffer.from(kept).includes(Buffer.from(code))).toBe(false);
    expect(verificationCodeMatches(secret, email('A@example.org'), code.replace(/(\d{4})/, '$1 '), kept)).toBe(true);
    expect(verificationCodeMatches(secret, email('b@example.org'), code, kept)).toBe(false);
    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect(verificationCodeMatches(secret, email('a@example.org'), wrong, kept)).toBe(false);
  });
});
