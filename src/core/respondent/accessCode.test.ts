import { describe, expect, it } from 'vitest';
import { ACCESS_CODE_LENGTH, formatAccessCode, newAccessCode, parseAccessCode, type AccessCode } from './accessCode.ts';

describe('respondent access codes', () => {
  it('are twelve characters of Crockford base32, different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newAccessCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('are shown in three groups of four', () => {
    expect(formatAccessCode('ABCDEFGH2345' as AccessCode)).toBe('ABCD-EFGH-2345');
  });

  it('read back whatever way they are typed: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    const code = newAccessCode();
    expect(parseAccessCode(formatAccessCode(code))).toEqual({ ok: true, code });
    expect(parseAccessCode(` ${formatAccessCode(code).toLowerCase()} `)).toEqual({ ok: true, code });
    expect(parseAccessCode('abcd efgh oil0')).toEqual({ ok: true, code: 'ABCDEFGH0110' });
  });

  it('refuse a code of the wrong length, saying how long it was', () => {
    expect(parseAccessCode('ABCD-EFGH')).toEqual({ ok: false, problem: { code: 'length', length: 8, expected: ACCESS_CODE_LENGTH } });
    expect(parseAccessCode('ABCD-EFGH-JKMN-P')).toMatchObject({ ok: false, problem: { code: 'length', length: 13 } });
  });

  it('refuse characters that can never be in a code, and empty or missing input', () => {
    expect(parseAccessCode('ABCD-EFGH-JKMU')).toEqual({ ok: false, problem: { code: 'characters' } });
    expect(parseAccessCode('ABCD-EFGH-JK<>')).toEqual({ ok: false, problem: { code: 'characters' } });
    expect(parseAccessCode('   ')).toEqual({ ok: false, problem: { code: 'empty' } });
    expect(parseAccessCode(undefined)).toEqual({ ok: false, problem: { code: 'empty' } });
    expect(parseAccessCode(['ABCDEFGH2345'])).toEqual({ ok: false, problem: { code: 'empty' } });
  });
});
