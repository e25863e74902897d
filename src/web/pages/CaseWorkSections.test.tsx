import fc from 'fast-check';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { executableMarkupIn } from '../../../tests/support/executableMarkup.ts';
import { hostileText } from '../../../tests/support/hostileInput.ts';
import { caseCategories } from '../../core/cases/caseWorkInput.ts';
import { translator } from '../../i18n/index.ts';
import type { CaseWork } from '../../usecases/cases/caseWork.ts';
import { CaseWorkSections } from './CaseWorkSections.tsx';

const caseId = '5d1c7a4e-8b2f-4e6a-9c3d-1f0e2b3a4c5d';
const fileId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const at = new Date('2026-03-03T09:30:00Z');

function work(text: string, overrides: Partial<CaseWork> = {}): CaseWork {
  return {
    caseId,
    ref: 42,
    notes: [{ id: 'n1', text, authorName: text, at }],
    labels: ['night shift'],
    category: 'bullying',
    categories: caseCategories,
    links: [{ id: '0f1e2d3c-4b5a-4968-8776-655443322110', ref: 7, status: 'in_progress' }],
    referrals: [{ id: 'r1', service: text, referredOn: '2026-03-02', party: 'reporter', consent: 'yes', what: text, authorName: null, at }],
    evidence: [
      { entry: 'file', id: fileId, at, name: text, type: 'application/pdf', receivedSize: 3000, receivedSha256: 'cd'.repeat(32), cleaned: false, storedSize: 3100, from: 'staff', byName: text },
      { entry: 'record', id: 'evidence-1', at, from: 'reporter', kind: 'document', text, attachment: { id: fileId, name: text }, recordedBy: { kind: 'staff', name: null } },
      { entry: 'record', id: 'evidence-2', at, from: 'investigation', kind: 'witness', text: null, attachment: null, recordedBy: { kind: 'respondent' } },
    ],
    breakGlass: [{ id: 'g1', staffName: text, mine: false, startedAt: at, expiresAt: at, endedAt: at, live: false, reason: text }],
    viewerBreakGlass: null,
    ...overrides,
  };
}

function render(caseWork: CaseWork, extra: Partial<Parameters<typeof CaseWorkSections>[0]> = {}): string {
  const context = { t: translator('en'), language: 'en' as const, csrfToken: 'token', path: `/cases/${caseId}` };
  return renderToString(<CaseWorkSections context={context} caseId={caseId} work={caseWork} {...extra} />);
}

describe('the case work sections', () => {
  it('show every section with download links to the audited route and the chain of custody', () => {
    const html = render(work('Rota for March'));
    for (const title of ['Internal notes', 'Labels and category', 'Related cases', 'Referrals', 'Evidence log', 'Break-glass access']) expect(html).toContain(title);
    expect(html).toContain(`href="/cases/${caseId}/attachments/${fileId}"`);
    expect(html).toContain('cd'.repeat(32));
    expect(html).toContain('Attached by Rota for March');
    expect(html).toContain('Bullying or intimidation');
    expect(html).toContain('Case 7');
    expect(html).toContain('Recorded by the party');
    expect(html).not.toContain('You are reading this case through break-glass access');
  });

  it('warn clearly when the reader is using break-glass access', () => {
    const html = render(work('x', { viewerBreakGlass: { expiresAt: new Date('2026-03-03T13:30:00Z') } }));
    expect(html).toContain('You are reading this case through break-glass access, until Mar 3, 2026, 1:30 PM.');
    expect(html).toContain(`href="/cases/${caseId}/break-glass"`);
  });

  it('show a refused form again with its problem next to the field and the text as typed', () => {
    const html = render(work('x'), { problem: { form: 'referral', fields: { referralDate: 'caseWork.referrals.day' } }, typed: { referralService: 'Hill Shelter', referralDate: 'soon' } });
    expect(html).toContain('Enter a real date as YYYY-MM-DD.');
    expect(html).toContain('value="Hill Shelter"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('never turn what staff wrote into markup', () => {
    const allowance = { elements: ['form', 'input', 'button', 'textarea', 'select'] };
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(executableMarkupIn(render(work(text)), allowance)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
