/**
 * Results as CSV, from published cells only: a hidden cell is an empty figure with the reason
 * in the status column. Values that a spreadsheet would run as a formula are defused.
 */
import type { Hidden, PublishedScore, Report, Rollup } from './results.ts';
import { roleGroups } from './roleGroups.ts';

export function csvLine(values: readonly (string | number)[]): string {
  return values
    .map((value) => {
      let text = String(value);
      if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

export type CsvLabels = {
  domain: (key: string) => string;
  question: (key: string) => string;
  role: (role: string) => string;
  hidden: (hidden: Hidden) => string;
  all: string;
};

const HEADER = ['kind', 'domain', 'question', 'group', 'people', 'score', 'spread', 'band_0_19', 'band_20_39', 'band_40_59', 'band_60_79', 'band_80_100', 'status'];

function scoreColumns(score: PublishedScore, labels: CsvLabels): (string | number)[] {
  if (!score.shown) return ['', '', '', '', '', '', '', '', labels.hidden(score)];
  const { n, mean, spread, bands } = score.summary;
  return [n, mean, spread, ...bands, 'shown'];
}

export function reportCsv(report: Report, comments: readonly { questionKey: string; text: string }[], labels: CsvLabels): string {
  const lines = [csvLine(HEADER)];
  if (report.respondents.shown) lines.push(csvLine(['respondents', '', '', labels.all, report.respondents.n, '', '', '', '', '', '', '', 'shown']));
  else lines.push(csvLine(['respondents', '', '', labels.all, '', '', '', '', '', '', '', '', labels.hidden(report.respondents)]));
  for (const role of roleGroups) {
    const cell = report.respondentsByRole[role];
    lines.push(csvLine(['respondents', '', '', labels.role(role), cell.shown ? cell.n : '', '', '', '', '', '', '', '', cell.shown ? 'shown' : labels.hidden(cell)]));
  }
  for (const domain of report.domains) {
    lines.push(csvLine(['domain', labels.domain(domain.key), '', labels.all, ...scoreColumns(domain.overall, labels)]));
    for (const role of roleGroups) lines.push(csvLine(['domain', labels.domain(domain.key), '', labels.role(role), ...scoreColumns(domain.byRole[role], labels)]));
  }
  for (const question of report.questions) {
    const result = question.result;
    lines.push(
      csvLine(
        result.shown
          ? ['question', labels.domain(question.domainKey), labels.question(question.key), labels.all, result.asked, result.mean, '', '', '', '', '', '', `shown; answers scored: ${result.scored}; ${result.counts.map((count) => `${count.choice}=${count.n}`).join(' ')}`]
          : ['question', labels.domain(question.domainKey), labels.question(question.key), labels.all, '', '', '', '', '', '', '', '', labels.hidden(result)],
      ),
    );
  }
  for (const comment of comments) lines.push(csvLine(['comment', '', labels.question(comment.questionKey), '', '', '', '', '', '', '', '', '', comment.text]));
  return `${lines.join('\r\n')}\r\n`;
}

export function rollupCsv(rollup: Rollup, domainKeys: readonly string[], organisationName: (orgId: string) => string, labels: CsvLabels): string {
  const lines = [csvLine(['kind', 'domain', 'organisation', 'organisations', 'people', 'score', 'spread', 'band_0_19', 'band_20_39', 'band_40_59', 'band_60_79', 'band_80_100', 'status'])];
  for (const domain of rollup.network) lines.push(csvLine(['network', labels.domain(domain.key), labels.all, domain.organisations, ...scoreColumns(domain.score, labels)]));
  for (const row of rollup.organisations) {
    row.domains.forEach((score, index) => {
      lines.push(csvLine(['organisation', labels.domain(domainKeys[index] ?? ''), organisationName(row.orgId), '', ...scoreColumns(score, labels)]));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}
