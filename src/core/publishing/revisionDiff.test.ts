import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from './revisionDiff.ts';

const lineText = fc.array(fc.constantFrom('alpha', 'beta', 'gamma', 'delta', ''), { maxLength: 12 }).map((lines) => lines.join('\n'));

describe('comparing revisions', () => {
  it('shows a changed line as removed then added, among unchanged ones', () => {
    expect(diffLines('Title\nOld sentence.\nEnd', 'Title\nNew sentence.\nEnd')).toEqual([
      { kind: 'same', text: 'Title' },
      { kind: 'removed', text: 'Old sentence.' },
      { kind: 'added', text: 'New sentence.' },
      { kind: 'same', text: 'End' },
    ]);
  });

  it('handles empty texts', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a')).toEqual([{ kind: 'added', text: 'a' }]);
    expect(diffLines('a', '')).toEqual([{ kind: 'removed', text: 'a' }]);
  });

  it('always rebuilds both texts from its lines, with as few changes as any line diff', () => {
    fc.assert(
      fc.property(lineText, lineText, (before, after) => {
        const diff = diffLines(before, after);
        const old = diff.filter((line) => line.kind !== 'added').map((line) => line.text).join('\n');
        const next = diff.filter((line) => line.kind !== 'removed').map((line) => line.text).join('\n');
        expect(old).toBe(before);
        expect(next).toBe(after);
        const a = before === '' ? [] : before.split('\n');
        const b = after === '' ? [] : after.split('\n');
        const lcs = longestCommon(a, b);
        expect(diff.filter((line) => line.kind !== 'same').length).toBe(a.length + b.length - 2 * lcs);
      }),
      { numRuns: 300 },
    );
  });
});

function longestCommon(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = table[i] as number[];
      row[j] = a[i - 1] === b[j - 1] ? (table[i - 1]?.[j - 1] ?? 0) + 1 : Math.max(table[i - 1]?.[j] ?? 0, row[j - 1] ?? 0);
    }
  }
  return table[a.length]?.[b.length] ?? 0;
}
