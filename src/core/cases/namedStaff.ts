/**
 * Conflict of interest from the first moment (SPEC: a staff member named in a case can never
 * open it, see it in lists or counts, or be assigned; a report naming an organisation's leader
 * or admin goes to the network channel by default). At submission the server holds the
 * reporter's words in the clear for an instant anyway, so it looks for staff named in them:
 * an e-mail address written anywhere, or a full name (at least two words) as whole words,
 * ignoring case, accents and spacing. Nothing about the match is kept beyond the conflict
 * itself. A name is a weak signal, so the rule errs towards excluding: a false match keeps one
 * more person out of a case, never lets one in.
 */
import type { Answers } from '../intake/answers.ts';

export type StaffIdentity = { staffId: string; name: string; email: string };

/** Lower case, accents removed, every run of non-letters/digits one space. */
export function normaliseForMatching(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+_-]+/gu, ' ')
    .trim()} `;
}

function nameWords(name: string): string | null {
  const words = normaliseForMatching(name).replace(/[@.+_-]+/g, ' ').trim().split(/\s+/).filter((word) => word.length > 0);
  return words.length >= 2 ? ` ${words.join(' ')} ` : null;
}

/** Every text a reporter wrote, flattened (choices and dates are not names). */
export function answerTexts(answers: Answers, extra: readonly string[] = []): string[] {
  const texts: string[] = [...extra];
  for (const answer of Object.values(answers)) {
    if (typeof answer === 'string') texts.push(answer);
  }
  return texts;
}

export function staffNamedIn(texts: readonly string[], directory: readonly StaffIdentity[]): string[] {
  const haystack = normaliseForMatching(texts.join(' \n '));
  const wordsOnly = haystack.replace(/[@.+_-]+/g, ' ').replace(/\s+/g, ' ');
  const named = new Set<string>();
  for (const person of directory) {
    const email = person.email.trim().toLowerCase();
    if (email.includes('@') && haystack.includes(email)) named.add(person.staffId);
    const name = nameWords(person.name);
    if (name && wordsOnly.includes(name)) named.add(person.staffId);
  }
  return [...named];
}

/**
 * Whether a report received by an organisation goes to the network instead: it names one of
 * the organisation's admins (its leadership in Redress's terms). A report already for the
 * network stays there.
 */
export function routeToNetwork(orgId: string | null, named: readonly string[], orgAdmins: readonly string[]): boolean {
  return orgId !== null && named.some((staffId) => orgAdmins.includes(staffId));
}
