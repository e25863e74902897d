/**
 * Slugs: the readable last part of a post, tag or author address. Lower-case ASCII letters,
 * digits and single hyphens, derived from a title in any script (accents folded; a title with
 * no Latin letters falls back to a neutral word the caller chooses).
 */
export const SLUG_MAX = 80;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Addresses under /blog/ that are pages of their own, never post addresses. */
export const reservedSlugs: ReadonlySet<string> = new Set(['conduct', 'tags', 'authors', 'organisations', 'images', 'page']);

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= SLUG_MAX && slugPattern.test(value);
}

export function slugify(text: string, fallback = 'post'): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/œ/gi, 'oe')
    .replace(/đ/gi, 'd')
    .replace(/ł/gi, 'l')
    .toLowerCase();
  const slug = folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** The slug itself if free, otherwise the first of slug-2, slug-3, … that is. */
export function firstFreeSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug) && !reservedSlugs.has(slug)) return slug;
  for (let suffix = 2; ; suffix += 1) {
    const tail = `-${suffix}`;
    const candidate = `${slug.slice(0, SLUG_MAX - tail.length).replace(/-+$/, '')}${tail}`;
    if (!taken.has(candidate)) return candidate;
  }
}
