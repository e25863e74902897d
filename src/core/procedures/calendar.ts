/**
 * Calendar arithmetic for deadlines, in whole UTC days. A deadline is a calendar day
 * (`YYYY-MM-DD`), not an instant: "within 7 days" of something that happened on 3 March means
 * "on or before 10 March", whatever the hour. Days are UTC so that a deadline does not move
 * with the viewer's time zone or with daylight saving; the pages may show it in local terms.
 * Adding months or years clamps to the end of a shorter month (31 Jan + 1 month = 28/29 Feb),
 * which never gives a person less time than a month would count in days.
 */

/** A calendar day, `YYYY-MM-DD`, in UTC. Such strings sort chronologically. */
export type Day = string;

const millisecondsPerDay = 86_400_000;

const utcInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function dayOf(instant: Date | string): Day {
  // Instants stored by the engine are already UTC ISO strings: their first ten characters are
  // the day (a fast path, as deadlines are computed for every case in a sweep).
  if (typeof instant === 'string' && utcInstant.test(instant)) return instant.slice(0, 10);
  return new Date(instant).toISOString().slice(0, 10);
}

function dayToDate(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(dayToDate(value).getTime()) && dayOf(dayToDate(value)) === value;
}

export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(dayToDate(day).getTime() + days * millisecondsPerDay));
}

export function addMonths(day: Day, months: number): Day {
  const date = dayToDate(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfTarget))));
}

export function addYears(day: Day, years: number): Day {
  return addMonths(day, years * 12);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / millisecondsPerDay);
}

export function earlierDay(a: Day, b: Day): Day {
  return a < b ? a : b;
}
