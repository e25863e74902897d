import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../core/crypto/bytes.ts';
import { decodeAllegation, encodeAllegation, openEvidence, sealEvidence, summarise } from './allegationFormat.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

const file = fc.record({ name: fc.string({ maxLength: 40 }), type: fc.constantFrom('', 'image/png', 'text/plain'), bytes: fc.uint8Array({ maxLength: 3000 }) });

describe('base64url on the wire', () => {
  it('round-trips any bytes, and has exactly one encoding for each', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses padding, foreign characters, impossible lengths and non-zero spare bits', () => {
    for (const bad of ['AAA=', 'A+B/', 'A', 'AB', 'AAB', 42, undefined]) expect(decodeBase64Url(bad), String(bad)).toBeUndefined();
    expect(decodeBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});

describe('what an escrow entry seals', () => {
  it('reads back the account and evidence list exactly, and opens the evidence with the key it carries', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.array(file, { maxLength: 4 }), (account, files) => {
        const sealed = files.length > 0 ? sealEvidence(files) : undefined;
        const content = decodeAllegation(encodeAllegation({ account, evidence: files.map(summarise), evidenceKey: sealed?.key }));
        expect(content?.account).toBe(account);
        expect(content?.evidence).toEqual(files.map(summarise));
        if (sealed && content?.evidenceKey) expect(openEvidence(content.evidenceKey, sealed.sealed)).toEqual(files);
      }),
      { numRuns: 40 },
    );
  });

  it('pads the evidence so its size shows only a power-of-two bucket', () => {
    const small = sealEvidence([{ name: 'a.txt', type: 'text/plain', bytes: randomBytes(10) }]).sealed.length;
    const larger = sealEvidence([{ name: 'b.txt', type: 'text/plain', bytes: randomBytes(900) }]).sealed.length;
    expect(small).toBe(larger);
  });

  it('refuses altered evidence and content in another format', () => {
    const { key, sealed } = sealEvidence([{ name: 'a.txt', type: 'text/plain', bytes: randomBytes(10) }]);
    const altered = sealed.slice();
    altered[40] = (altered[40] ?? 0) ^ 1;
    expect(() => openEvidence(key, altered)).toThrow();
    expect(decodeAllegation(new TextEncoder().encode('{"v":2}'))).toBeUndefined();
    expect(decodeAllegation(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
    expect(decodeAllegation(new TextEncoder().encode('{"v":1,"account":"x","evidence":[],"evidenceKey":"short"}'))).toBeUndefined();
  });
});
