/**
 * What staff may submit for the case work around the procedure, as zod schemas shared by the
 * pages and the API: an internal note, labels and a category, a link to another case by its
 * number, a referral to an outside service, and a break-glass request. Problems carry message
 * keys of the `caseWork` catalogue, so a form shows them next to the field.
 */
import { z } from 'zod';
import { defaultQuestionnaire } from '../intake/defaultQuestionnaire.ts';
import { isDay } from '../procedures/calendar.ts';
import { parties } from '../procedures/vocabulary.ts';

export const NOTE_MAX_CHARS = 20_000;
export const LABEL_MAX_CHARS = 40;
export const LABELS_MAX = 10;
export const BREAK_GLASS_HOURS = { min: 1, max: 24, default: 4 } as const;

/**
 * The categories a case can be filed under: the vocabulary of the questionnaire's "kinds"
 * question, so statistics count reports and cases in the same words.
 */
export const caseCategories: readonly string[] = (() => {
  const kinds = defaultQuestionnaire.questions.find((question) => question.id === 'kinds');
  return kinds && 'options' in kinds ? kinds.options.map((option) => option.value) : [];
})();

export function isCaseCategory(value: unknown): value is string {
  return typeof value === 'string' && caseCategories.includes(value);
}

const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;

/**
 * Labels arrive as one comma-separated field; each is trimmed, its inner spaces collapsed and
 * lower-cased, duplicates dropped. Letters, digits, spaces and hyphens only, so a label is a
 * tag and never a place to write case content at length.
 */
export function parseLabels(input: string): { ok: true; labels: string[] } | { ok: false; messageKey: string } {
  const labels = [
    ...new Set(
      input
        .split(',')
        .map((label) => label.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en'))
        .filter((label) => label !== ''),
    ),
  ];
  if (labels.some((label) => label.length > LABEL_MAX_CHARS)) return { ok: false, messageKey: 'caseWork.labels.tooLong' };
  if (labels.some((label) => !LABEL.test(label))) return { ok: false, messageKey: 'caseWork.labels.characters' };
  if (labels.length > LABELS_MAX) return { ok: false, messageKey: 'caseWork.labels.tooMany' };
  return { ok: true, labels };
}

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const noteInput = z.object({ note: trimmed(1, NOTE_MAX_CHARS) });

export const labelsInput = z.object({
  labels: z
    .string()
    .max(1_000)
    .optional()
    .default('')
    .transform((value, context) => {
      const parsed = parseLabels(value);
      if (parsed.ok) return parsed.labels;
      context.addIssue({ code: 'custom', params: { messageKey: parsed.messageKey } });
      return z.NEVER;
    }),
  category: z
    .string()
    .optional()
    .default('')
    .refine((value) => value === '' || isCaseCategory(value), { params: { messageKey: 'caseWork.category.unknown' } })
    .transform((value) => (value === '' ? null : value)),
});

export const linkInput = z.object({
  caseNumber: z
    .string()
    .trim()
    .min(1)
    .max(15)
    .refine((value) => /^#?\d+$/.test(value), { params: { messageKey: 'caseWork.links.numberFormat' } })
    .transform((value) => Number(value.replace('#', ''))),
});

export const unlinkInput = z.object({ linked: z.uuid() });

/** Field names carry a prefix: the case page holds several forms, and field ids must be unique on it. */
export const referralInput = z.object({
  referralService: trimmed(1, 200),
  referralDate: z.string().trim().refine(isDay, { params: { messageKey: 'caseWork.referrals.day' } }),
  referralParty: z.enum(parties),
  referralWhat: trimmed(1, 4_000),
  referralConsent: z
    .string()
    .optional()
    .refine((value) => value === 'yes' || value === 'no', { params: { messageKey: 'caseWork.referrals.consentMissing' } })
    .transform((value): 'yes' | 'no' => (value === 'yes' ? 'yes' : 'no')),
});

export const breakGlassInput = z.object({
  reason: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => value.length >= 10, { params: { messageKey: 'caseWork.breakGlass.reasonTooShort' } }),
  hours: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : String(BREAK_GLASS_HOURS.default)))
    .refine((value) => /^\d{1,2}$/.test(value) && Number(value) >= BREAK_GLASS_HOURS.min && Number(value) <= BREAK_GLASS_HOURS.max, {
      params: { messageKey: 'caseWork.breakGlass.hoursRange' },
    })
    .transform(Number),
});

export type NoteInput = z.infer<typeof noteInput>;
export type LabelsInput = z.infer<typeof labelsInput>;
export type LinkInput = z.infer<typeof linkInput>;
export type ReferralInput = z.infer<typeof referralInput>;
export type BreakGlassInput = z.infer<typeof breakGlassInput>;

