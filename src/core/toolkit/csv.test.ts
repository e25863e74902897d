import { describe, expect, it } from 'vitest';
import { csvLine, reportCsv } from './csv.ts';
import { publishReport, type Respondent } from './results.ts';
import { respondentDomainScores } from './scoring.ts';
import type { TemplateDefinition } from './template.ts';

const definition: TemplateDefinition = {
  domains: [{ key: 'one', title: { key: 'a.b' }, summary: { key: 'a.c' }, questions: [{ key: 'one.q', kind: 'agreement', text: { key: 'a.d' }, short: true }] }],
};
const labels = { domain: (key: string) => key, question: (key: string) => key, role: (role: string) => role, hidden: () => 'hidden', all: 'all' };

describe('CSV exports', () => {
  it('quote separators and defuse spreadsheet formulas', () => {
    expect(csvLine(['a,b', 'say "hi"', '=SUM(A1)', 3])).toBe('"a,b","say ""hi""",\'=SUM(A1),3');
  });

  it('carry only published figures: a hidden cell has no number, only its reason', () => {
    const make = (roleGroup: Respondent['roleGroup'], choice: number): Respondent => ({ orgId: 'o', roleGroup, choices: [choice], domainScores: respondentDomainScores(definition, [choice]) });
    const report = publishReport(definition, [make('staff', 5), make('staff', 4), make('staff', 4), make('staff', 5), make('staff', 5), make('leadership', 1)]);
    const lines = reportCsv(report, [], labels).trim().split('\r\n');
    expect(lines).toContain('respondents,,,all,6,,,,,,,,shown');
    expect(lines).toContain('domain,one,,leadership,,,,,,,,,hidden');
    expect(lines).toContain('domain,one,,staff,,,,,,,,,hidden');
    expect(lines.find((line) => line.startsWith('domain,one,,all,'))).toMatch(/^domain,one,,all,6,75,35\.4,1,0,0,2,3,shown$/);
  });
});
