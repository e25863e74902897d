import { describe, expect, it } from 'vitest';
import { newKeyPair } from '../../core/crypto/sealedBox.ts';
import { generateServerKey } from '../../core/escrow/oprf.ts';
import { encodeBase64Url } from './base64url.ts';
import type { EscrowConfigurationWire } from './escrowApi.ts';
import { IdentifiersRefused, prepareIdentifiers, readConfiguration } from './placeAllegation.ts';

const serverKey = generateServerKey();
const wire: EscrowConfigurationWire = {
  version: 1,
  suite: 'ristretto255-SHA512',
  mode: 'VOPRF',
  publicKey: encodeBase64Url(serverKey.publicKey),
  threshold: 2,
  diacritics: 'strip',
  counsellors: [{ id: 'c1', publicKey: encodeBase64Url(newKeyPair().publicKey) }],
  membership: { invitation: true, email: false },
  limits: { identifiersPerRequest: 8, evaluationsPerDay: 16, accountCharacters: 20000, evidenceFiles: 5, evidenceBytes: 3145728 },
};

describe('the reporter client before anything is sent', () => {
  it('accepts the published configuration only under the pinned key', () => {
    expect(readConfiguration(wire, serverKey.publicKey).threshold).toBe(2);
    expect(() => readConfiguration(wire, generateServerKey().publicKey)).toThrow(expect.objectContaining({ code: 'ESCROW_PROOF_INVALID' }));
    expect(() => readConfiguration({ ...wire, counsellors: [] }, serverKey.publicKey)).toThrow(expect.objectContaining({ code: 'ESCROW_UNAVAILABLE' }));
    expect(() => readConfiguration({ ...wire, threshold: 1 }, serverKey.publicKey)).toThrow(expect.objectContaining({ code: 'ESCROW_THRESHOLD_INVALID' }));
  });

  it('names every problem at once, by the index of the identifier, and counts two spellings of one identifier once', () => {
    const configuration = { diacritics: 'strip' as const, identifiersPerRequest: 8 };
    const attempt = () =>
      prepareIdentifiers(
        [
          { kind: 'email', text: 'Dario.Invented@Example.org' },
          { kind: 'email', text: ' dario.invented@example.ORG' },
          { kind: 'phone', text: '12' , defaultRegion: 'GB' },
          { kind: 'name_and_organisation', name: 'Dario Invented', organisation: '' },
        ],
        configuration,
      );
    const error = (() => {
      try {
        attempt();
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IdentifiersRefused);
    expect((error as IdentifiersRefused).refusals).toEqual([
      { index: 1, kind: 'email', problem: 'duplicate' },
      { index: 2, kind: 'phone', problem: 'phone_invalid' },
      { index: 3, kind: 'name_and_organisation', problem: 'organisation_missing' },
    ]);
    expect(prepareIdentifiers([{ kind: 'name_and_organisation', name: 'José Inventado', organisation: 'Acme' }], configuration)).toHaveLength(1);
    expect(() => prepareIdentifiers([], configuration)).toThrow(IdentifiersRefused);
  });
});
