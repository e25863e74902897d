import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, dayOf, daysBetween, isDay } from './calendar.ts';

const days = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map(dayOf);

describe('calendar days for deadlines', () => {
  it('takes the day in UTC, whatever the hour', () => {
    expect(dayOf('2025-03-03T23:59:59.999Z')).toBe('2025-03-03');
    expect(dayOf('2025-03-03T23:30:00-05:00')).toBe('2025-03-04');
  });

  it('adds months by the calendar, ending on the last day of a shorter month', () => {
    expect(addMonths('2025-03-03', 3)).toBe('2025-06-03');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 7)).toBe('2031-02-28');
  });

  it('recognises real calendar days only', () => {
    expect(isDay('2025-02-28')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-2-3')).toBe(false);
  });

  it('counts back exactly the days it added', () => {
    fc.assert(fc.property(days, fc.integer({ min: -4000, max: 4000 }), (day, n) => daysBetween(day, addDays(day, n)) === n));
  });

  it('never gives less time for a month than 28 days, nor more than 31', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 24 }), (day, months) => {
        const gained = daysBetween(day, addMonths(day, months));
        return gained >= 28 * months && gained <= 31 * months;
      }),
    );
  });
});
