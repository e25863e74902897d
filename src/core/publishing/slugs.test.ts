import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstFreeSlug, isSlug, SLUG_MAX, slugify } from './slugs.ts';

describe('slugs', () => {
  it('turns any text into a valid slug', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(isSlug(slugify(text))).toBe(true);
      }),
    );
  });

  it('folds accents and punctuation into readable words', () => {
    expect(slugify('Rendición de cuentas: ¿qué aprendimos?')).toBe('rendicion-de-cuentas-que-aprendimos');
    expect(slugify('  Partnership & Accountability — 2024 ')).toBe('partnership-accountability-2024');
    expect(slugify('Straße Ærø')).toBe('strasse-aero');
  });

  it('falls back to a neutral word for titles without Latin letters', () => {
    expect(slugify('مساءلة', 'post')).toBe('post');
  });

  it('never exceeds the length limit, and never ends in a hyphen', () => {
    const slug = slugify(`${'a'.repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('finds the first free variant of a taken slug', () => {
    expect(firstFreeSlug('statement', new Set())).toBe('statement');
    expect(firstFreeSlug('statement', new Set(['statement', 'statement-2']))).toBe('statement-3');
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'a-2', 'a-3', 'a-4', 'b'), { maxLength: 5 }), (taken) => {
        const set = new Set<string>(taken);
        const free = firstFreeSlug('a', set);
        expect(set.has(free)).toBe(false);
        expect(isSlug(free)).toBe(true);
      }),
    );
  });

  it('steps around addresses the series uses for its own pages', () => {
    expect(firstFreeSlug('conduct', new Set())).toBe('conduct-2');
  });

  it('rejects anything that is not a slug', () => {
    for (const bad of ['', 'A', 'a--b', '-a', 'a-', 'a b', 'a/b', '..', 'x'.repeat(81), 42]) expect(isSlug(bad)).toBe(false);
  });
});
