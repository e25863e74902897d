import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../validateDefinition.ts';
import { fullNotice, people, Scenario } from '../testing/scenario.ts';
import { internalChannel } from './internalChannel.ts';

const { amara, bruno, chiara, reporter } = people;

function staffedCase(): Scenario {
  return new Scenario(internalChannel).staff([
    [amara, 'handler'],
    [bruno, 'handler'],
    [chiara, 'investigator'],
  ]);
}

describe('the internal channel template', () => {
  it('is a valid definition', () => {
    expect(validateDefinition(internalChannel).ok).toBe(true);
  });

  it('acknowledges receipt to the reporter within 7 days', () => {
    const scenario = staffedCase().later(5);
    expect(scenario.deadline('acknowledgement').status).toBe('due');
    scenario.do(amara, { type: 'acknowledge' });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter'], what: 'acknowledgement' });
    expect(scenario.deadline('acknowledgement')).toMatchObject({ status: 'met', late: false, legalReference: 'EU Directive 2019/1937 art. 9(1)(b)' });
  });

  it('gives feedback within 3 months of the acknowledgement', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'low', retaliationRisk: 'low' });
    expect(scenario.deadline('feedback')).toMatchObject({ dueOn: '2025-06-03', status: 'upcoming' });
    scenario.later(80);
    expect(scenario.deadline('feedback').status).toBe('due');
    scenario.later(13);
    expect(scenario.deadline('feedback').status).toBe('overdue');
    scenario.do(amara, { type: 'giveFeedback', summaryRef: 'feedback-1' });
    expect(scenario.deadline('feedback')).toMatchObject({ status: 'met', late: true });
  });

  it('has the follow-up done by a designated handler or investigator', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'low', retaliationRisk: 'low' });
    expect(scenario.attempt(reporter, { type: 'recordFollowUp', summaryRef: 's' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    scenario.do(chiara, { type: 'recordFollowUp', summaryRef: 'follow-up-1' });
  });

  it('closes only after the follow-up and the feedback', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'low', retaliationRisk: 'low' });
    scenario.do(amara, { type: 'recordFollowUp', summaryRef: 'f' });
    expect(scenario.attempt(amara, { type: 'close', summaryRef: 'c' })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_READY', params: { step: 'closure', missing: 'feedback' } },
    });
    scenario.do(amara, { type: 'giveFeedback', summaryRef: 'fb' }).do(amara, { type: 'close', summaryRef: 'c' });
    expect(scenario.state.closure).toMatchObject({ kind: 'completed' });
  });

  it('has no step that reaches the person concerned', () => {
    const scenario = staffedCase().do(reporter, { type: 'allowRespondentContact' });
    expect(scenario.attempt(amara, fullNotice)).toMatchObject({ ok: false, error: { code: 'STEP_NOT_IN_PROCEDURE' } });
  });
});
