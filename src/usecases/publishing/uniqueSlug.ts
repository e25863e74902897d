/**
 * Two people saving the same new address at the same moment: the database's unique index
 * decides, and the loser gets POST_SLUG_TAKEN rather than an internal error.
 */
import { AppError } from '../../core/errors.ts';

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export function slugConflict(error: unknown, slug: string): AppError | undefined {
  if (!isUniqueViolation(error)) return undefined;
  return new AppError('POST_SLUG_TAKEN', { slug }, { slug: 'editorial.form.slugTaken' });
}
