import { describe, expect, it } from 'vitest';
import { domainScoresChart, escapeXml, trendChart } from './charts.ts';

const labels = {
  title: 'Scores <by> domain',
  description: 'Bars show the spread',
  hidden: 'Not shown: fewer than 5',
  bands: ['0–19', '20–39', '40–59', '60–79', '80–100'],
  mean: (value: number) => `${value}`,
};

describe('charts', () => {
  it('draw a labelled SVG with bands and a mean for shown rows, and only a note for hidden ones', () => {
    const svg = domainScoresChart('c1', [
      { label: 'Policy & "code"', score: { shown: true, summary: { n: 10, mean: 62.5, spread: 10, bands: [0, 1, 2, 3, 4] } } },
      { label: 'Culture', score: { shown: false, reason: 'too-few' } },
    ], labels);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('Scores &#60;by&#62; domain');
    expect(svg).toContain('Policy &#38; &#34;code&#34;');
    expect(svg).toContain('62.5');
    expect(svg).toContain('Not shown: fewer than 5');
    expect((svg.match(/<rect /g) ?? []).length).toBe(4 + 5);
    expect(svg).not.toContain('style=');
    expect(svg).not.toContain('<script');
  });

  it('draw one bar per round and domain in the trend chart', () => {
    const shown = (mean: number) => ({ shown: true as const, summary: { n: 8, mean, spread: 0, bands: [0, 0, 0, 0, 8] } });
    const svg = trendChart('t', ['2025', '2026'], [{ label: 'Policy', scores: [shown(40), shown(55)] }], { title: 't', description: 'd', hidden: 'hidden' });
    expect(svg).toContain('>40<');
    expect(svg).toContain('>55<');
    expect(escapeXml(`<&>"'`)).toBe('&#60;&#38;&#62;&#34;&#39;');
  });
});
