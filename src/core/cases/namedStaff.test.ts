import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeToNetwork, staffNamedIn } from './namedStaff.ts';

const directory = [
  { staffId: 'a', name: 'Rosa Delgado Ruiz', email: 'rosa.delgado@lakeside.example' },
  { staffId: 'b', name: 'Kofi Mensah', email: 'k.mensah@lakeside.example' },
  { staffId: 'c', name: 'Ana', email: 'ana@lakeside.example' },
];

describe('finding staff named in a report', () => {
  it('finds a full name whatever the case, accents and spacing', () => {
    expect(staffNamedIn(['It was  ROSA delgado ruíz, at the retreat.'], directory)).toEqual(['a']);
    expect(staffNamedIn(['kofi\nmensah kept texting me'], directory)).toEqual(['b']);
  });

  it('finds an e-mail address written anywhere, in any case', () => {
    expect(staffNamedIn(['His address is K.Mensah@Lakeside.example.'], directory)).toEqual(['b']);
  });

  it('does not match part of a longer word or a one-word name', () => {
    expect(staffNamedIn(['Kofi Mensahson is someone else', 'Ana said nothing'], directory)).toEqual([]);
  });

  it('never throws and only ever names people from the directory', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 5 }), (texts) => {
        const named = staffNamedIn(texts, directory);
        expect(named.every((id) => directory.some((person) => person.staffId === id))).toBe(true);
      }),
    );
  });

  it('finds anyone whose full name is embedded in arbitrary surrounding text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), (before, after) => {
        expect(staffNamedIn([`${before} Kofi Mensah ${after}`], directory)).toContain('b');
      }),
    );
  });

  it('sends a report naming an organisation admin to the network, and only then', () => {
    expect(routeToNetwork('org', ['b'], ['b'])).toBe(true);
    expect(routeToNetwork('org', ['a'], ['b'])).toBe(false);
    expect(routeToNetwork(null, ['b'], ['b'])).toBe(false);
  });
});
