import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages as spoken } from '../i18n/index.ts';
import { countryCodes, countryName, isCountryCode, isLanguageCode, isSlug, languageCodes, namedCountries, namedLanguages } from './organisations.ts';

describe('organisation short names', () => {
  it('accept lowercase letters, digits and inner single hyphens, 2 to 40 long', () => {
    for (const slug of ['ab', 'riverside', 'riverside-centre', 'k9', 'a-b-c', 'x'.repeat(40), '2024-campaign']) expect(isSlug(slug), slug).toBe(true);
  });

  it('refuse anything else', () => {
    for (const slug of ['', 'a', 'x'.repeat(41), '-ab', 'ab-', 'a--b', 'Ab', 'a b', 'a_b', 'vállée', 'a/b', 'ab\n']) expect(isSlug(slug), JSON.stringify(slug)).toBe(false);
  });

  it('are always safe as one URL path segment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (candidate) => {
        if (isSlug(candidate)) expect(encodeURIComponent(candidate)).toBe(candidate);
      }),
    );
  });
});

describe('language and country codes', () => {
  it('are the current ISO 639-1 and ISO 3166-1 alpha-2 lists, without duplicates', () => {
    expect(languageCodes).toHaveLength(183);
    expect(new Set(languageCodes).size).toBe(183);
    expect(countryCodes).toHaveLength(249);
    expect(new Set(countryCodes).size).toBe(249);
  });

  it('are recognised exactly, case included', () => {
    expect(isLanguageCode('sw')).toBe(true);
    expect(isLanguageCode('SW')).toBe(false);
    expect(isLanguageCode('swa')).toBe(false);
    expect(isCountryCode('KE')).toBe(true);
    expect(isCountryCode('ke')).toBe(false);
    expect(isCountryCode('XK')).toBe(false);
    expect(isCountryCode(42)).toBe(false);
  });

  it('all have names in the languages Redress speaks, sorted for a picker', () => {
    for (const language of spoken) {
      const countries = namedCountries(language);
      const languages = namedLanguages(language);
      expect(countries.filter((entry) => entry.name === entry.code)).toEqual([]);
      expect(languages.filter((entry) => entry.name === entry.code)).toEqual([]);
      const collator = new Intl.Collator(language);
      expect(countries.every((entry, index) => index === 0 || collator.compare(countries[index - 1]?.name ?? '', entry.name) <= 0)).toBe(true);
    }
    expect(countryName('PE', 'es')).toBe('Perú');
  });
});
