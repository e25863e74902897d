/**
 * Charts as SVG text, drawn on the server so they show without JavaScript and print as they
 * look. They take already-published cells (results.ts) and translated labels, so a chart can
 * never show more than the table beside it. Colours are one blue ramp (readable in greyscale
 * and for colour-blind readers); no style attributes, only presentation attributes, for the CSP.
 */
import type { PublishedScore } from './results.ts';
import { BAND_COUNT } from './scoring.ts';

const INK = '#1b1b1f';
const MUTED = '#4a4a55';
const GRID = '#c9c9d2';
const BAND_COLOURS = ['#e3e8f2', '#b7c4dd', '#8399c2', '#4f6ea5', '#1d3b72'];
const SERIES_COLOURS = ['#8399c2', '#4f6ea5', '#1d3b72', '#0b1d3f'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function textElement(x: number, y: number, content: string, options: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; weight?: string } = {}): string {
  return `<text x="${x}" y="${y}" font-size="${options.size ?? 13}" fill="${options.fill ?? INK}" text-anchor="${options.anchor ?? 'start'}"${options.weight ? ` font-weight="${options.weight}"` : ''}>${escapeXml(content)}</text>`;
}

function frame(width: number, height: number, id: string, title: string, description: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="chart">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${body}</svg>`
  );
}

export type DomainChartLabels = {
  title: string;
  description: string;
  hidden: string;
  /** Labels of the five score bands, lowest first, for the legend. */
  bands: string[];
  mean: (value: number) => string;
};

const LABEL_WIDTH = 300;
const BAR_WIDTH = 400;
const ROW_HEIGHT = 34;

/**
 * Scores by domain: each row a bar split into the share of respondents in each score band
 * (the spread), with a line and the figure for the mean.
 */
export function domainScoresChart(id: string, rows: readonly { label: string; score: PublishedScore }[], labels: DomainChartLabels): string {
  const top = 30;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const legendY = top + rows.length * ROW_HEIGHT + 20;
  const height = legendY + 30;
  const parts: string[] = [];
  for (const tick of [0, 20, 40, 60, 80, 100]) {
    const x = LABEL_WIDTH + (tick / 100) * BAR_WIDTH;
    parts.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${top + rows.length * ROW_HEIGHT}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(textElement(x, top - 10, String(tick), { anchor: 'middle', size: 11, fill: MUTED }));
  }
  rows.forEach((row, index) => {
    const y = top + index * ROW_HEIGHT;
    parts.push(textElement(LABEL_WIDTH - 8, y + 21, truncate(row.label, 42), { anchor: 'end' }));
    if (!row.score.shown) {
      parts.push(textElement(LABEL_WIDTH + 6, y + 21, labels.hidden, { fill: MUTED, size: 12 }));
      return;
    }
    const { bands, n, mean } = row.score.summary;
    let x = LABEL_WIDTH;
    bands.forEach((count, band) => {
      const segment = n === 0 ? 0 : (count / n) * BAR_WIDTH;
      if (segment > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y + 6}" width="${segment.toFixed(1)}" height="20" fill="${BAND_COLOURS[band] ?? INK}"/>`);
      x += segment;
    });
    const meanX = LABEL_WIDTH + (mean / 100) * BAR_WIDTH;
    parts.push(`<line x1="${meanX.toFixed(1)}" y1="${y + 2}" x2="${meanX.toFixed(1)}" y2="${y + 30}" stroke="${INK}" stroke-width="3"/>`);
    parts.push(textElement(LABEL_WIDTH + BAR_WIDTH + 8, y + 21, labels.mean(mean), { weight: '600' }));
  });
  parts.push(legend(legendY, labels.bands));
  return frame(width, height, id, labels.title, labels.description, parts.join(''));
}

function legend(y: number, bandLabels: readonly string[]): string {
  const parts: string[] = [];
  for (let band = 0; band < BAND_COUNT; band += 1) {
    const x = LABEL_WIDTH + band * 84;
    parts.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${BAND_COLOURS[band] ?? INK}" stroke="${MUTED}" stroke-width="0.5"/>`);
    parts.push(textElement(x + 18, y, bandLabels[band] ?? '', { size: 11, fill: MUTED }));
  }
  return parts.join('');
}

export type TrendChartLabels = { title: string; description: string; hidden: string };

/**
 * Scores by domain across rounds: for each domain, one thin bar per round (oldest first),
 * so change over time reads down the page. At most four rounds are drawn.
 */
export function trendChart(id: string, rounds: readonly string[], rows: readonly { label: string; scores: readonly PublishedScore[] }[], labels: TrendChartLabels): string {
  const drawn = rounds.slice(-SERIES_COLOURS.length);
  const offset = rounds.length - drawn.length;
  const barHeight = 12;
  const groupHeight = drawn.length * (barHeight + 3) + 14;
  const top = 10;
  const legendY = top + rows.length * groupHeight + 16;
  const height = legendY + drawn.length * 18 + 4;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const parts: string[] = [];
  rows.forEach((row, index) => {
    const y = top + index * groupHeight;
    parts.push(textElement(LABEL_WIDTH - 8, y + 14, truncate(row.label, 42), { anchor: 'end' }));
    drawn.forEach((_round, roundIndex) => {
      const score = row.scores[offset + roundIndex];
      const barY = y + roundIndex * (barHeight + 3);
      if (!score?.shown) {
        parts.push(textElement(LABEL_WIDTH + 4, barY + 10, labels.hidden, { size: 10, fill: MUTED }));
        return;
      }
      const length = (score.summary.mean / 100) * BAR_WIDTH;
      parts.push(`<rect x="${LABEL_WIDTH}" y="${barY}" width="${length.toFixed(1)}" height="${barHeight}" fill="${SERIES_COLOURS[roundIndex] ?? INK}"/>`);
      parts.push(textElement(LABEL_WIDTH + length + 4, barY + 10, String(score.summary.mean), { size: 10 }));
    });
  });
  drawn.forEach((round, roundIndex) => {
    const y = legendY + roundIndex * 18;
    parts.push(`<rect x="${LABEL_WIDTH}" y="${y - 11}" width="14" height="14" fill="${SERIES_COLOURS[roundIndex] ?? INK}"/>`);
    parts.push(textElement(LABEL_WIDTH + 20, y, round, { size: 12 }));
  });
  return frame(width, height, id, labels.title, labels.description, parts.join(''));
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
