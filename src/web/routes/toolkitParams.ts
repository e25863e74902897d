/** Route parameters of the toolkit pages: anything malformed is answered like a missing record. */
import { z as zod, type z } from 'zod';
import { AppError } from '../../core/errors.ts';

export function paramsOf<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

/** A calendar day as a date input sends it (YYYY-MM-DD), and a real one. */
export const isoDay = zod.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));
