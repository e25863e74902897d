import { describe, expect, it } from 'vitest';
import { deadlinesNeedingAttention } from './deadlines.ts';
import { formalInvestigation } from './templates/formalInvestigation.ts';
import { recordOnly } from './templates/recordOnly.ts';
import { formalCaseAtReport, fullNotice, people, Scenario } from './testing/scenario.ts';

const { amara, bruno, dmitri, esme, hugo, reporter } = people;

function staffedCase(): Scenario {
  return new Scenario(formalInvestigation).staff([
    [amara, 'handler'],
    [bruno, 'handler'],
  ]);
}

describe('deadlines', () => {
  it('go from upcoming to due in the reminder days, then overdue after the last day', () => {
    const scenario = staffedCase();
    expect(scenario.deadline('acknowledgement').status).toBe('upcoming');
    scenario.later(4);
    expect(scenario.deadline('acknowledgement').status).toBe('upcoming');
    scenario.later(1);
    expect(scenario.deadline('acknowledgement').status).toBe('due');
    scenario.later(2);
    expect(scenario.deadline('acknowledgement')).toMatchObject({ status: 'due', dueOn: scenario.day(7) });
    scenario.later(1);
    expect(scenario.deadline('acknowledgement').status).toBe('overdue');
  });

  it('are raised to the sweeper only when due or overdue', () => {
    const scenario = staffedCase();
    expect(deadlinesNeedingAttention(formalInvestigation, scenario.state, scenario.now)).toEqual([]);
    scenario.later(8);
    expect(deadlinesNeedingAttention(formalInvestigation, scenario.state, scenario.now).map((view) => view.id)).toEqual(['acknowledgement']);
  });

  it('start only once their step can be taken', () => {
    const scenario = staffedCase();
    expect(scenario.deadlines().map((view) => view.id)).toEqual(['acknowledgement', 'feedback']);
    scenario.later(2).do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    expect(scenario.deadline('notice')).toMatchObject({ startedOn: scenario.day(2), dueOn: scenario.day(16) });
  });

  it('stop while paused, and then move on by the whole days of the pause', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    scenario.do(amara, { type: 'pauseDeadline', deadline: 'notice', reason: 'the reporter asked for time' });
    expect(scenario.attempt(amara, { type: 'pauseDeadline', deadline: 'notice', reason: 'twice' })).toMatchObject({ ok: false, error: { code: 'DEADLINE_PAUSED' } });
    scenario.later(40);
    expect(scenario.deadline('notice')).toMatchObject({ status: 'paused', pausedSince: scenario.day(0) });
    scenario.do(amara, { type: 'resumeDeadline', deadline: 'notice' });
    expect(scenario.deadline('notice')).toMatchObject({ status: 'upcoming', dueOn: scenario.day(54), pausedDays: 40 });
    expect(scenario.attempt(amara, { type: 'resumeDeadline', deadline: 'notice' })).toMatchObject({ ok: false, error: { code: 'DEADLINE_NOT_PAUSED' } });
  });

  it('cannot be adjusted once met', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    scenario.do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    expect(scenario.attempt(amara, { type: 'extendDeadline', deadline: 'notice', days: 3, reason: 'too late' })).toMatchObject({
      ok: false,
      error: { code: 'DEADLINE_ALREADY_MET' },
    });
  });

  it('are waived when their step is skipped with a reason, or the case closes without it', () => {
    const skippable = { ...recordOnly, id: 'record-skippable', steps: recordOnly.steps.map((step) => (step.id === 'acknowledge' ? { ...step, skippable: true } : step)) };
    const scenario = new Scenario(skippable).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(amara, { type: 'skipStep', step: 'acknowledge', reason: 'the reporter gave no way to reach them' });
    expect(scenario.lastEvents).toEqual([{ type: 'stepSkipped', step: 'acknowledge', reason: 'the reporter gave no way to reach them' }]);
    expect(scenario.deadline('acknowledgement').status).toBe('waived');
    const withdrawn = staffedCase().do(reporter, { type: 'withdrawReport' }).later(30);
    expect(withdrawn.deadline('acknowledgement').status).toBe('waived');
  });

  it('include each appeal, to be decided within 20 days', () => {
    const scenario = formalCaseAtReport(formalInvestigation)
      .do(dmitri, { type: 'decide', outcome: 'notResponsible', standardOfEvidence: 'clearAndConvincing', reasonsRef: 'r', sanctions: [], remedies: [] })
      .do(amara, { type: 'issueOutcome', letterRef: 'l' })
      .do(reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['newEvidence'] });
    expect(scenario.deadline('appeal-1')).toMatchObject({ kind: 'appealDecision', dueOn: scenario.day(13 + 20), status: 'upcoming' });
    scenario.do(esme, { type: 'declareNoConflict' }).do(hugo, { type: 'assign', staffId: 'esme', as: 'appeal_reviewer' });
    scenario.later(3).do(esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'upheld', reasonsRef: 'r' });
    expect(scenario.deadline('appeal-1')).toMatchObject({ status: 'met', late: false });
  });

  it('include check-ins, which go on after the case closes', () => {
    const scenario = new Scenario(recordOnly).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(amara, { type: 'acknowledge' }).do(amara, { type: 'close', summaryRef: 'filed' });
    scenario.do(amara, { type: 'scheduleCheckIn', with: 'reporter', topic: 'wellbeing', dueOn: scenario.day(30) });
    expect(scenario.attempt(amara, { type: 'scheduleCheckIn', with: 'reporter', topic: 'wellbeing', dueOn: scenario.day(-1) })).toMatchObject({
      ok: false,
      error: { code: 'CHECK_IN_IN_PAST' },
    });
    scenario.later(31);
    expect(scenario.deadline('check-in-1')).toMatchObject({ kind: 'checkIn', status: 'overdue', nameKey: 'procedures.checkInTopics.wellbeing' });
  });
});
