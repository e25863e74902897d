/**
 * The escrow threshold t: how many distinct reporters must name the same person before their
 * entries can be opened. Set per network; never below 2 (one reporter alone never opens
 * anything), and at most 16 so that a counsellor's search for a consistent set of shares stays
 * small.
 */
import { AppError } from '../errors.ts';

declare const threshold: unique symbol;
export type Threshold = number & { readonly [threshold]: true };

export const minThreshold = 2;
export const maxThreshold = 16;
export const defaultThreshold = minThreshold as Threshold;

export function parseThreshold(value: unknown): Threshold {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < minThreshold || number > maxThreshold) {
    throw new AppError('ESCROW_THRESHOLD_INVALID', { detail: String(value) });
  }
  return number as Threshold;
}
