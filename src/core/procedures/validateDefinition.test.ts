import { describe, expect, it } from 'vitest';
import type { ProcedureDefinition, StepDefinition } from './definition.ts';
import { templates } from './templates/index.ts';
import { formalInvestigation } from './templates/formalInvestigation.ts';
import { informalResolution } from './templates/informalResolution.ts';
import { recordOnly } from './templates/recordOnly.ts';
import { validateDefinition } from './validateDefinition.ts';

function codes(input: unknown): string[] {
  const verdict = validateDefinition(input);
  return verdict.ok ? [] : verdict.problems.map((problem) => problem.code);
}

function withStep(definition: ProcedureDefinition, id: string, change: Partial<StepDefinition>): ProcedureDefinition {
  return { ...definition, steps: definition.steps.map((step) => (step.id === id ? { ...step, ...change } : step)) };
}

describe('validating a procedure definition', () => {
  it('accepts every shipped template, also after a round trip through JSON', () => {
    for (const template of templates) {
      expect(codes(template), template.id).toEqual([]);
      expect(validateDefinition(JSON.parse(JSON.stringify(template)))).toMatchObject({ ok: true });
    }
  });

  it('explains a definition of the wrong shape field by field', () => {
    const verdict = validateDefinition({ ...formalInvestigation, version: 0, steps: 'none' });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.problems.map((problem) => problem.params.path)).toEqual(expect.arrayContaining(['version', 'steps']));
      expect(verdict.problems.every((problem) => problem.messageKey === 'procedures.problems.SHAPE')).toBe(true);
    }
    expect(codes(null)).toEqual(['SHAPE']);
  });

  it('rejects duplicate steps, steps taken by the same action, and references to unknown steps', () => {
    const duplicate = { ...recordOnly, steps: [...recordOnly.steps, { ...recordOnly.steps[0] }] };
    expect(codes(duplicate)).toEqual(expect.arrayContaining(['DUPLICATE_STEP', 'DUPLICATE_ACTION']));
    expect(codes(withStep(recordOnly, 'closure', { after: ['filing'] }))).toEqual(['UNKNOWN_STEP']);
    expect(codes({ ...recordOnly, staffing: { minimumHandlers: 2, exemptSteps: ['nothing'] } })).toEqual(['UNKNOWN_STEP']);
  });

  it('rejects a definition without a closing step', () => {
    expect(codes({ ...recordOnly, steps: recordOnly.steps.filter((step) => step.action !== 'close') })).toContain('CLOSURE_MISSING');
  });

  it('rejects a cycle, whose steps could never be reached', () => {
    const cyclic = withStep(withStep(formalInvestigation, 'triage', { after: ['acknowledge', 'outcome'] }), 'acknowledge', {});
    const verdict = validateDefinition(cyclic);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problems.find((problem) => problem.code === 'STEP_UNREACHABLE')?.params.steps).toContain('triage');
  });

  it('rejects a step from which the case never needs to go on to closure', () => {
    const deadEnd = withStep(formalInvestigation, 'closure', { after: ['outcome'] });
    expect(codes(deadEnd)).toEqual(['STEP_NOT_BEFORE_CLOSURE']);
  });

  it('rejects a formal procedure whose decision is reachable without notice to the respondent', () => {
    const noNotice = withStep(withStep(formalInvestigation, 'evidenceReviewOpen', { after: ['triage'] }), 'notice', { after: ['triage'] });
    const shortcut = withStep(noNotice, 'closure', { after: ['outcome', 'feedback', 'notice'] });
    // Two answers to the same fault: the decision's response period, too, needs the notice first.
    expect(codes(shortcut).sort()).toEqual(['DECISION_WITHOUT_SAFEGUARD', 'GUARD_NEEDS_EARLIER_STEP']);
  });

  it('rejects a formal procedure whose due-process steps can be skipped or left out', () => {
    expect(codes(withStep(formalInvestigation, 'notice', { skippable: true }))).toEqual(['STEP_MUST_NOT_BE_SKIPPABLE']);
    const noReport = {
      ...formalInvestigation,
      steps: formalInvestigation.steps.filter((step) => step.id !== 'report').map((step) => (step.id === 'decision' ? { ...step, after: ['evidenceReviewClosed'] } : step)),
      deadlines: formalInvestigation.deadlines.filter((deadline) => deadline.step !== 'report'),
    };
    expect(codes(noReport)).toContain('DUE_PROCESS_STEP_MISSING');
  });

  it('insists on an evidence review and a response period of at least 10 days', () => {
    expect(codes(withStep(formalInvestigation, 'evidenceReviewClosed', { guards: [{ kind: 'evidenceReviewMinimum', days: 5 }] }))).toEqual([
      'EVIDENCE_REVIEW_TOO_SHORT',
    ]);
    expect(codes(withStep(formalInvestigation, 'decision', { guards: [] }))).toEqual(['RESPONSE_PERIOD_TOO_SHORT']);
  });

  it('insists that the notice states the allegations, rights, presumption, adviser and evidence review', () => {
    expect(codes(withStep(formalInvestigation, 'notice', { guards: [{ kind: 'noticeIncludes', contents: ['allegations'] }] }))).toEqual([
      'NOTICE_CONTENTS_MISSING',
    ]);
  });

  it('insists that the decider never investigated and the appeal reviewer took no other part', () => {
    const loose = { ...formalInvestigation, separationOfDuties: [{ duty: 'facilitate' as const, never: ['investigate' as const] }] };
    expect(codes(loose).filter((code) => code === 'SEPARATION_MISSING')).toHaveLength(5);
  });

  it('insists on a decision by a step that counts as deciding', () => {
    expect(codes(withStep(formalInvestigation, 'decision', { duty: 'handle' }))).toEqual(['STEP_DUTY_WRONG']);
  });

  it('insists on appeals in a formal procedure, settled before closure', () => {
    expect(codes({ ...formalInvestigation, appeals: null })).toEqual(['APPEALS_MISSING']);
    expect(codes(withStep(formalInvestigation, 'closure', { guards: [] }))).toEqual(['CLOSURE_BEFORE_APPEALS']);
  });

  it('rejects a step reaching the respondent on a record-only path', () => {
    const leaky = {
      ...recordOnly,
      steps: [
        ...recordOnly.steps.filter((step) => step.id !== 'closure'),
        { id: 'notice', nameKey: 'procedures.steps.notice', action: 'notifyRespondent', after: ['acknowledge'], roles: ['handler'], duty: 'handle', guards: [], skippable: false },
        { ...recordOnly.steps[1], after: ['notice'] },
      ],
    };
    expect(codes(leaky)).toEqual(['RESPONDENT_CONTACT_ON_PATH']);
  });

  it('rejects an informal agreement that does not need both parties’ consent', () => {
    expect(codes(withStep(informalResolution, 'agreement', { guards: [] }))).toEqual(['CONSENT_GUARD_MISSING']);
  });

  it('rejects guards put where they mean nothing', () => {
    expect(codes(withStep(recordOnly, 'acknowledge', { guards: [{ kind: 'evidenceReviewMinimum', days: 10 }] }))).toEqual(
      expect.arrayContaining(['GUARD_MISPLACED', 'GUARD_NEEDS_EARLIER_STEP']),
    );
    expect(codes(withStep(recordOnly, 'closure', { guards: [{ kind: 'responsePeriod', days: 10 }] }))).toEqual(['GUARD_NEEDS_EARLIER_STEP']);
  });
});
