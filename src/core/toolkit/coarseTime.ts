/**
 * Coarsened times for anything stored next to an answer: an exact time would let someone match
 * an answer to the moment a colleague said "I've just done it". Answers keep only the Monday of
 * the week they arrived (UTC), as an ISO date.
 */
export function weekOf(moment: Date): string {
  const day = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}
