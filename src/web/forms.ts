/**
 * Form parsing for every route: one zod schema per form, field problems as translatable
 * message keys, and the submitted values kept so the form can be shown again as typed.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.ts';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; fields: FieldErrors; values: Record<string, string> };

function messageKeyFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'validation.required' : 'validation.tooShort';
    case 'too_big':
      return 'validation.tooLong';
    case 'invalid_format':
      return issue.format === 'email' ? 'validation.email' : 'validation.invalid';
    case 'invalid_type':
      return issue.input === undefined ? 'validation.required' : 'validation.invalid';
    case 'custom':
      return typeof issue.params?.messageKey === 'string' ? issue.params.messageKey : 'validation.invalid';
    default:
      return 'validation.invalid';
  }
}

/** Flattens a body to its string fields (a repeated field keeps its last value). */
export function formValues(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value) && typeof value.at(-1) === 'string') values[key] = value.at(-1) as string;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= messageKeyFor(issue);
  }
  return { ok: false, fields, values: formValues(body) };
}

/** For JSON and route parameters: parse or throw BAD_INPUT. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${messageKeyFor(issue)}`).join('; ');
  throw new AppError('BAD_INPUT', { detail });
}

/** Reusable field schemas: trimmed, bounded text. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional().default('');
export const email = z.string().trim().max(254).pipe(z.email());
export const password = z.string().min(1).max(1024);
