/**
 * The minimum-group rule. No number is published unless at least MIN_GROUP people stand behind
 * it, and no two published numbers may be subtracted to isolate fewer than MIN_GROUP people:
 * when a breakdown hides a small cell while its total is shown, the smallest visible cells are
 * hidden too until the hidden cells together hold at least MIN_GROUP people (complementary
 * suppression). The query layer applies this before any page, export or chart sees a number.
 */
export const MIN_GROUP = 5;

export type CellCount<K extends string> = { key: K; n: number };

/** Why a cell is hidden: too few people in it, or hidden to protect a small neighbour. */
export type HiddenReason = 'too-few' | 'complement';

/** Which cells of one breakdown (whose total is published) must be hidden, and why. */
export function suppressBreakdown<K extends string>(cells: readonly CellCount<K>[]): Map<K, HiddenReason> {
  const hidden = new Map<K, HiddenReason>();
  let hiddenPeople = 0;
  for (const cell of cells) {
    if (cell.n > 0 && cell.n < MIN_GROUP) {
      hidden.set(cell.key, 'too-few');
      hiddenPeople += cell.n;
    }
    // An empty cell has nobody to protect and cannot help protect anybody: shown as "none".
  }
  if (hiddenPeople === 0 || hiddenPeople >= MIN_GROUP) return hidden;
  const visible = cells.filter((cell) => cell.n >= MIN_GROUP).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
  for (const cell of visible) {
    if (hiddenPeople >= MIN_GROUP) break;
    hidden.set(cell.key, 'complement');
    hiddenPeople += cell.n;
  }
  return hidden;
}

export function meetsThreshold(n: number): boolean {
  return n >= MIN_GROUP;
}
