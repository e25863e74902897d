/** A moment as the case pages show it (date and time, in UTC so every reader sees the same). */
export function formatDate(language: string, date: Date): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}
