/**
 * Comparing two revisions of a post line by line (Myers' O(ND) algorithm), so an editor sees
 * what an author changed after a request for changes. Pure; the page shows the result.
 */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n');
}

/** The shortest edit script from `before` to `after`, as lines kept, removed and added. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const max = a.length + b.length;
  const offset = max + 1;
  const frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let depth = 0; depth <= max && !found; depth += 1) {
    trace.push(frontier.slice());
    for (let diagonal = -depth; diagonal <= depth; diagonal += 2) {
      const down = diagonal === -depth || (diagonal !== depth && (frontier[offset + diagonal - 1] ?? 0) < (frontier[offset + diagonal + 1] ?? 0));
      let x = down ? (frontier[offset + diagonal + 1] ?? 0) : (frontier[offset + diagonal - 1] ?? 0) + 1;
      let y = x - diagonal;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      frontier[offset + diagonal] = x;
      if (x >= a.length && y >= b.length) {
        found = true;
        break;
      }
    }
  }
  return backtrack(trace, a, b, offset);
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number): DiffLine[] {
  const lines: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let depth = trace.length - 1; depth >= 0; depth -= 1) {
    const frontier = trace[depth] ?? new Int32Array();
    const diagonal = x - y;
    const down = diagonal === -depth || (diagonal !== depth && (frontier[offset + diagonal - 1] ?? 0) < (frontier[offset + diagonal + 1] ?? 0));
    const previousDiagonal = down ? diagonal + 1 : diagonal - 1;
    const previousX = frontier[offset + previousDiagonal] ?? 0;
    const previousY = previousX - previousDiagonal;
    while (x > previousX && y > previousY) {
      lines.push({ kind: 'same', text: a[x - 1] ?? '' });
      x -= 1;
      y -= 1;
    }
    if (depth > 0) {
      if (down) lines.push({ kind: 'added', text: b[y - 1] ?? '' });
      else lines.push({ kind: 'removed', text: a[x - 1] ?? '' });
    }
    x = previousX;
    y = previousY;
  }
  return lines.reverse();
}
