import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  encodeIdentifier,
  parseIdentifier,
  requireIdentifier,
  type Identifier,
  type IdentifierInput,
  type IdentifierProblem,
} from './identifiers.ts';

const problems: IdentifierProblem[] = [
  'unknown_kind',
  'empty',
  'too_long',
  'email_malformed',
  'email_domain_invalid',
  'phone_region_unknown',
  'phone_needs_country',
  'phone_invalid',
  'url_malformed',
  'url_not_web',
  'url_not_profile',
  'name_missing',
  'organisation_missing',
];

function normalised(input: IdentifierInput): Identifier {
  const result = parseIdentifier(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${result.problem}`);
  return result.identifier;
}

/** Feeds a normalised identifier back in as if a reporter had typed it. */
function asInput(identifier: Identifier): IdentifierInput {
  return identifier.kind === 'name_and_organisation'
    ? { kind: identifier.kind, name: identifier.name, organisation: identifier.organisation }
    : { kind: identifier.kind, text: identifier.value };
}

const randomCase = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flags) =>
    [...text].map((character, index) => (flags[index] ? character.toUpperCase() : character)).join(''),
  );
const spaces = fc.constantFrom('', ' ', '  ', '\t', ' \n ');
const word = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/);
const domain = fc.tuple(word, fc.constantFrom('org', 'net', 'example', 'co.uk', 'ngo')).map(([name, tld]) => `${name}.${tld}`);

const phoneCountries = getCountries().filter((country) => getExampleNumber(country, examples));

describe('identifier normalisation', { timeout: 20_000 }, () => {
  it('is idempotent for every kind, whatever was typed', () => {
    const typed = fc.oneof(
      fc.record({ kind: fc.constant('email' as const), text: fc.oneof(fc.string(), fc.emailAddress()) }),
      fc.record({ kind: fc.constant('phone' as const), text: fc.oneof(fc.string(), fc.stringMatching(/^\+?[0-9 ()-]{6,18}$/)), defaultRegion: fc.constantFrom('GB', 'FR', 'US', 'KE', 'IN', 'BR') }),
      fc.record({ kind: fc.constant('profile_url' as const), text: fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })) }),
      fc.record({ kind: fc.constant('name_and_organisation' as const), name: fc.string({ unit: 'grapheme', maxLength: 40 }), organisation: fc.string({ unit: 'grapheme', maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(typed, (input) => {
        const first = parseIdentifier(input);
        if (!first.ok) return;
        expect(parseIdentifier(asInput(first.identifier))).toEqual(first);
      }),
      { numRuns: 400 },
    );
  });

  it('maps e-mail addresses that differ in case and surrounding space to one value', () => {
    fc.assert(
      fc.property(word, domain, spaces, spaces, (local, host, before, after) => {
        const canonical = normalised({ kind: 'email', text: `${local}@${host}` });
        fc.assert(
          fc.property(randomCase(`${local}@${host}`), (variant) => {
            expect(normalised({ kind: 'email', text: `${before}${variant}${after}` })).toEqual(canonical);
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 50 },
    );
  });

  it('converts an internationalised domain to its IDNA form and applies Gmail alias rules', () => {
    expect(normalised({ kind: 'email', text: 'Ana@BÜCHER.de' })).toEqual(normalised({ kind: 'email', text: 'ana@xn--bcher-kva.de' }));
    expect(normalised({ kind: 'email', text: 'Ana.Lopez+work@googlemail.com' })).toEqual({ kind: 'email', value: 'analopez@gmail.com' });
    expect(normalised({ kind: 'email', text: 'ana+tag@example.org' })).toEqual({ kind: 'email', value: 'ana+tag@example.org' });
  });

  it('writes every valid phone number in E.164, however it was formatted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...phoneCountries), fc.integer({ min: 0, max: 4 }), (country, style) => {
        const example = getExampleNumber(country, examples);
        if (!example) return;
        const spellings = [
          { text: example.formatNational(), defaultRegion: country },
          { text: example.formatInternational() },
          { text: example.number },
          { text: `00${example.number.slice(1)}` },
          { text: example.formatInternational().replace(/ /g, '-'), defaultRegion: 'US' },
        ];
        const spelling = spellings[style] ?? { text: example.number };
        expect(normalised({ kind: 'phone', ...spelling })).toEqual({ kind: 'phone', value: example.number });
      }),
      { numRuns: 300 },
    );
  });

  it('canonicalises profile URLs: https, host case, www., trailing slash, query and fragment', () => {
    fc.assert(
      fc.property(domain, word, fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom('', '?ref=share', '#about', '?a=1#b'), (host, path, www, http, slash, suffix) => {
        const canonical = normalised({ kind: 'profile_url', text: `https://${host}/people/${path}` });
        const variant = `${http ? 'http' : 'HTTPS'}://${www ? 'WWW.' : ''}${host.toUpperCase()}/people/${path}${slash ? '/' : ''}${suffix}`;
        expect(normalised({ kind: 'profile_url', text: variant })).toEqual(canonical);
        expect(normalised({ kind: 'profile_url', text: `${host}/people/${path}` })).toEqual(canonical);
      }),
      { numRuns: 100 },
    );
  });

  it('reduces links on known social sites to the profile they belong to', () => {
    const same = (a: string, b: string) => expect(normalised({ kind: 'profile_url', text: a })).toEqual(normalised({ kind: 'profile_url', text: b }));
    same('https://twitter.com/Rafa_Invented/status/123?s=20', 'x.com/rafa_invented');
    same('https://mobile.twitter.com/RAFA_INVENTED/', 'https://x.com/rafa_invented');
    same('https://m.facebook.com/profile.php?id=100012345&ref=bookmarks', 'facebook.com/profile.php?id=100012345');
    same('https://www.linkedin.com/in/Noor-Example-12ab/details/experience/', 'linkedin.com/in/noor-example-12ab');
    same('https://www.instagram.com/Noor.Example/', 'instagram.com/noor.example');
    same('https://www.tiktok.com/@Noor.Example/video/1', 'tiktok.com/@noor.example');
    same('https://www.youtube.com/@NoorExample/videos', 'youtube.com/@noorexample');
    expect(normalised({ kind: 'profile_url', text: 'youtube.com/channel/UCaBcD' })).toEqual({ kind: 'profile_url', value: 'https://youtube.com/channel/UCaBcD' });
    expect(parseIdentifier({ kind: 'profile_url', text: 'https://x.com/home' })).toMatchObject({ ok: false, problem: 'url_not_profile' });
    expect(parseIdentifier({ kind: 'profile_url', text: 'https://www.instagram.com/p/Cx1/' })).toMatchObject({ ok: false, problem: 'url_not_profile' });
  });

  it('folds names and organisations: case, spacing, punctuation and (by default) diacritics', () => {
    const fold = (name: string, organisation: string) => normalised({ kind: 'name_and_organisation', name, organisation });
    expect(fold('  José  O’Brien-García ', 'ACME  Relief')).toEqual(fold("jose o'brien garcia", 'acme relief'));
    expect(fold('Ｎｏｏｒ Straße', 'Ｘ')).toEqual(fold('noor strasse', 'x'));
    expect(fold('Zoë', 'Org')).toEqual({ kind: 'name_and_organisation', name: 'zoe', organisation: 'org' });
    expect(parseIdentifier({ kind: 'name_and_organisation', name: 'Zoë', organisation: 'Org' }, { diacritics: 'keep' })).toMatchObject({
      ok: true,
      identifier: { name: 'zoë' },
    });
  });

  it('answers malformed input with a typed problem and never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom('email', 'phone', 'profile_url', 'name_and_organisation', 'other'), (junk, kind) => {
        const inputs = [junk, { kind, text: junk }, { kind, name: junk, organisation: junk }, { kind, text: '+44 20 7946 0958', defaultRegion: junk }];
        for (const input of inputs) {
          const result = parseIdentifier(input as IdentifierInput);
          if (!result.ok) expect(problems).toContain(result.problem);
        }
      }),
      { numRuns: 300 },
    );
    const refused: [IdentifierInput, IdentifierProblem][] = [
      [{ kind: 'email', text: 'no-at-sign.example.org' }, 'email_malformed'],
      [{ kind: 'email', text: 'two@@example.org' }, 'email_malformed'],
      [{ kind: 'email', text: '"quoted"@example.org' }, 'email_malformed'],
      [{ kind: 'email', text: 'ana@localhost' }, 'email_domain_invalid'],
      [{ kind: 'email', text: 'ana@exa mple.org' }, 'email_malformed'],
      [{ kind: 'email', text: `${'a'.repeat(65)}@example.org` }, 'email_malformed'],
      [{ kind: 'phone', text: '12', defaultRegion: 'GB' }, 'phone_invalid'],
      [{ kind: 'phone', text: '020 7946 0958' }, 'phone_needs_country'],
      [{ kind: 'phone', text: '020 7946 0958', defaultRegion: 'ZZ' }, 'phone_region_unknown'],
      [{ kind: 'profile_url', text: 'javascript:alert(1)' }, 'url_not_web'],
      [{ kind: 'profile_url', text: 'https://user:secret@example.org/ana' }, 'url_malformed'],
      [{ kind: 'profile_url', text: 'https://' }, 'url_malformed'],
      [{ kind: 'name_and_organisation', name: '—', organisation: 'Org' }, 'name_missing'],
      [{ kind: 'name_and_organisation', name: 'Noor', organisation: ' ' }, 'organisation_missing'],
      [{ kind: 'email', text: '   ' }, 'empty'],
      [{ kind: 'email', text: `${'a'.repeat(400)}@example.org` }, 'too_long'],
    ];
    for (const [input, problem] of refused) expect(parseIdentifier(input), JSON.stringify(input)).toMatchObject({ ok: false, problem });
  });

  it('raises ESCROW_IDENTIFIER_INVALID at a boundary that needs an identifier', () => {
    expect(() => requireIdentifier({ kind: 'email', text: 'nope' })).toThrow(AppError);
    expect(() => requireIdentifier({ kind: 'email', text: 'nope' })).toThrowError(expect.objectContaining({ code: 'ESCROW_IDENTIFIER_INVALID' }));
  });
});

describe('identifier encoding', () => {
  it('is unambiguous: two identifiers share an encoding only if they are equal', () => {
    const identifier = fc.oneof(
      fc.record({ kind: fc.constant('name_and_organisation' as const), name: fc.string({ minLength: 1, maxLength: 12 }), organisation: fc.string({ minLength: 1, maxLength: 12 }) }),
      fc.record({ kind: fc.constantFrom('email' as const, 'profile_url' as const), text: fc.oneof(fc.emailAddress(), fc.webUrl()) }),
    );
    fc.assert(
      fc.property(identifier, identifier, (a, b) => {
        const first = parseIdentifier(a);
        const second = parseIdentifier(b);
        if (!first.ok || !second.ok) return;
        const sameBytes = Buffer.from(encodeIdentifier(first.identifier)).equals(encodeIdentifier(second.identifier));
        expect(sameBytes).toBe(JSON.stringify(first.identifier) === JSON.stringify(second.identifier));
      }),
      { numRuns: 300 },
    );
    const split = (name: string, organisation: string) => encodeIdentifier(normalised({ kind: 'name_and_organisation', name, organisation }));
    expect(split('ana b', 'org')).not.toEqual(split('ana', 'b org'));
    const kindAndValue = [1, 0, 5, ...Buffer.from('email'), 0, 7, ...Buffer.from('a@b.org')];
    expect([...encodeIdentifier(normalised({ kind: 'email', text: 'A@B.org' }))]).toEqual(kindAndValue);
  });
});
