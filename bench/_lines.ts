/**
 * What every benchmark prints: one JSON line per figure, with the floor measured in the same run
 * and the share of it reached (README: "Performance is measured, not asserted in tests").
 */
export type Line = { name: string; value: number; unit: string; floor: number; ratio_to_floor: number };

export function print(line: Line): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The value below which `share` of the values fall (nearest rank, rounding down). */
export function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}
