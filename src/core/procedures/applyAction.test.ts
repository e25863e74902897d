import { describe, expect, it } from 'vitest';
import { applyAction } from './applyAction.ts';
import { startCase, type CaseState } from './caseState.ts';
import { formalInvestigation } from './templates/formalInvestigation.ts';
import { recordOnly } from './templates/recordOnly.ts';
import { decision, formalCaseAtReport, people, Scenario } from './testing/scenario.ts';

const { amara, bruno, chiara, dmitri, farid, hugo, reporter, respondent, system } = people;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function staffedCase(): Scenario {
  return new Scenario(formalInvestigation).staff([
    [amara, 'handler'],
    [bruno, 'handler'],
  ]);
}

/** Attempts the action on a frozen copy and checks that a refusal changed nothing. */
function refusedWithoutChange(scenario: Scenario, actor: Parameters<Scenario['attempt']>[0], action: unknown, now = scenario.now) {
  const before = structuredClone(scenario.state);
  const frozen = deepFreeze(structuredClone(scenario.state));
  const result = applyAction(scenario.definition, frozen, action, actor, now);
  expect(result.ok).toBe(false);
  expect(frozen).toEqual(before);
  return result.ok ? null : result.error;
}

describe('applying an action to a case', () => {
  it('lets anyone declare their own conflict at once, but only a declared handler on the case or an admin record someone else’s', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, farid, { type: 'recordConflict', staffId: 'bruno', basis: 'relatedToParty', reason: 'said to be his cousin' })).toMatchObject({ code: 'NO_CONFLICT_DECLARATION' });
    scenario.do(farid, { type: 'declareNoConflict' });
    expect(refusedWithoutChange(scenario, farid, { type: 'recordConflict', staffId: 'bruno', basis: 'relatedToParty', reason: 'said to be his cousin' })).toMatchObject({ code: 'NOT_ALLOWED' });
    const own = applyAction(scenario.definition, scenario.state, { type: 'recordConflict', staffId: 'chiara', basis: 'namedInCase', reason: 'I am named in it' }, chiara, scenario.now);
    expect(own.ok).toBe(true);
    scenario.do(amara, { type: 'recordConflict', staffId: 'bruno', basis: 'relatedToParty', reason: 'said to be his cousin' });
    expect(scenario.state.conflicts.map((conflict) => conflict.staffId)).toEqual(['bruno']);
  });

  it('refuses malformed actions with a clear reason, and changes nothing', () => {
    const scenario = staffedCase();
    for (const bad of [null, 42, 'acknowledge', {}, { type: 'explode' }, { type: 'triage', priority: 'extreme', retaliationRisk: 'low' }]) {
      const error = refusedWithoutChange(scenario, amara, bad);
      expect(error).toMatchObject({ code: 'ACTION_INVALID', messageKey: 'procedures.refusals.ACTION_INVALID' });
    }
    expect(refusedWithoutChange(scenario, amara, { type: 'skipStep', step: 'triage', reason: '' })?.params.detail).toContain('reason');
  });

  it('refuses a malformed actor instead of failing', () => {
    const scenario = staffedCase();
    for (const actor of [null, {}, { kind: 'staff' }, { kind: 'staff', staffId: '', grants: [] }, { kind: 'stranger' }]) {
      expect(refusedWithoutChange(scenario, actor as never, { type: 'acknowledge' })?.code).toBe('NOT_ALLOWED');
    }
  });

  it('refuses an invalid time, and a time before the last recorded action', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, amara, { type: 'acknowledge' }, new Date('not a date'))?.code).toBe('TIME_INVALID');
    expect(refusedWithoutChange(scenario, amara, { type: 'acknowledge' }, new Date('2025-03-01T00:00:00Z'))?.code).toBe('TIME_BEFORE_LAST_ACTION');
  });

  it('refuses to judge a case by a definition it does not follow', () => {
    const scenario = staffedCase();
    const result = applyAction(recordOnly, scenario.state, { type: 'acknowledge' }, amara, scenario.now);
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PROCEDURE', params: { expected: 'formal-investigation v1' } } });
  });

  it('refuses steps out of order, naming what is missing', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, amara, { type: 'issueOutcome', letterRef: 'l' })).toMatchObject({
      code: 'STEP_NOT_READY',
      params: { step: 'outcome', missing: 'decision' },
    });
  });

  it('refuses a double submission of the same step', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' });
    expect(refusedWithoutChange(scenario, bruno, { type: 'acknowledge' })).toMatchObject({ code: 'STEP_ALREADY_DONE', params: { step: 'acknowledge' } });
    const decided = formalCaseAtReport(formalInvestigation).do(dmitri, decision);
    expect(refusedWithoutChange(decided, dmitri, decision)?.code).toBe('STEP_ALREADY_DONE');
  });

  it('refuses everything after closure except check-ins, measures, staffing and legal hold', () => {
    const scenario = new Scenario(recordOnly).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(amara, { type: 'acknowledge' }).do(amara, { type: 'close', summaryRef: 'filed' });
    for (const action of [{ type: 'close', summaryRef: 'again' }, { type: 'acknowledge' }, { type: 'withdrawReport' }]) {
      expect(refusedWithoutChange(scenario, action.type === 'withdrawReport' ? reporter : amara, action)?.code).toBe('CASE_CLOSED');
    }
    scenario.do(amara, { type: 'scheduleCheckIn', with: 'reporter', topic: 'retaliation', dueOn: scenario.day(90) });
    scenario.later(90).do(amara, { type: 'recordCheckIn', checkInId: 'check-in-1', noteRef: 'changed team', concernRaised: true });
    expect(scenario.lastEvents).toContainEqual({ type: 'alertStaff', about: 'checkInConcern' });
    expect(refusedWithoutChange(scenario, amara, { type: 'recordCheckIn', checkInId: 'check-in-1', noteRef: 'again', concernRaised: false })?.code).toBe(
      'CHECK_IN_ALREADY_HELD',
    );
  });

  it('lets staff named in the case do nothing at all, nor be assigned', () => {
    const scenario = new Scenario(formalInvestigation, { namedStaff: ['farid'] });
    expect(refusedWithoutChange(scenario, farid, { type: 'declareNoConflict' })?.code).toBe('CONFLICT_OF_INTEREST');
    scenario.do(hugo, { type: 'declareNoConflict' });
    expect(refusedWithoutChange(scenario, hugo, { type: 'assign', staffId: 'farid', as: 'handler' })).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      params: { staffId: 'farid' },
    });
  });

  it('takes a staff member off the case the moment a conflict is recorded', () => {
    const scenario = staffedCase().do(bruno, { type: 'recordConflict', staffId: 'amara', basis: 'relatedToParty', reason: 'sibling of the respondent' });
    expect(scenario.state.team.filter((a) => a.staffId === 'amara' && a.until === null)).toEqual([]);
    expect(refusedWithoutChange(scenario, amara, { type: 'acknowledge' })?.code).toBe('CONFLICT_OF_INTEREST');
  });

  it('asks every staff member to declare no conflict before acting', () => {
    const scenario = staffedCase().do(hugo, { type: 'assign', staffId: 'chiara', as: 'investigator' });
    expect(refusedWithoutChange(scenario, chiara, { type: 'addEvidence', from: 'investigation', kind: 'document', evidenceRef: 'e' })?.code).toBe(
      'NO_CONFLICT_DECLARATION',
    );
    expect(refusedWithoutChange(staffedCase(), amara, { type: 'declareNoConflict' })?.code).toBe('ALREADY_RECORDED');
  });

  it('lets a handler take an unstaffed case, but not give themself other roles', () => {
    const scenario = new Scenario(formalInvestigation).do(amara, { type: 'declareNoConflict' });
    scenario.do(amara, { type: 'assign', staffId: 'amara', as: 'handler' });
    scenario.do(bruno, { type: 'declareNoConflict' });
    expect(refusedWithoutChange(scenario, bruno, { type: 'assign', staffId: 'bruno', as: 'handler' })?.code).toBe('NOT_ALLOWED');
    scenario.do(amara, { type: 'assign', staffId: 'bruno', as: 'handler' });
  });

  it('refuses staff acting outside their part in the case', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, hugo, { type: 'acknowledge' })?.code).toBe('NOT_ON_CASE');
    expect(refusedWithoutChange(scenario, system, { type: 'acknowledge' })?.code).toBe('NOT_ALLOWED');
    expect(refusedWithoutChange(scenario, reporter, { type: 'acknowledge' })?.code).toBe('NOT_ALLOWED');
    expect(refusedWithoutChange(scenario, amara, { type: 'placeLegalHold', reason: 'a lawsuit' })?.code).toBe('NOT_ALLOWED');
  });

  it('does not let a respondent who has not been told act on the case', () => {
    expect(refusedWithoutChange(staffedCase(), respondent, { type: 'recordResponse', statementRef: 's' })?.code).toBe('NOT_ALLOWED');
  });

  it('answers unknown appeals, check-ins, measures and deadlines by name', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, amara, { type: 'recordCheckIn', checkInId: 'check-in-9', noteRef: 'n', concernRaised: false })?.code).toBe(
      'CHECK_IN_UNKNOWN',
    );
    expect(refusedWithoutChange(scenario, amara, { type: 'endMeasure', measureId: 'measure-3', reason: 'over now' })?.code).toBe('MEASURE_UNKNOWN');
    expect(refusedWithoutChange(scenario, amara, { type: 'pauseDeadline', deadline: 'nonsense', reason: 'why not' })?.code).toBe('DEADLINE_UNKNOWN');
    expect(refusedWithoutChange(scenario, amara, { type: 'pauseDeadline', deadline: 'decision', reason: 'not yet' })?.code).toBe('DEADLINE_NOT_STARTED');
    expect(refusedWithoutChange(scenario, amara, { type: 'skipStep', step: 'nonsense', reason: 'why not' })?.code).toBe('STEP_NOT_IN_PROCEDURE');
  });

  it('never changes the state it is given, even when it accepts the action', () => {
    const frozen: CaseState = deepFreeze(startCase(formalInvestigation, { receivedAt: new Date('2025-03-03T09:00:00Z') }));
    const result = applyAction(formalInvestigation, frozen, { type: 'declareNoConflict' }, amara, new Date('2025-03-03T10:00:00Z'));
    expect(result.ok).toBe(true);
    expect(frozen.noConflictDeclared).toEqual([]);
    if (result.ok) expect(result.state.history).toEqual([{ at: '2025-03-03T10:00:00.000Z', by: { kind: 'staff', staffId: 'amara', caseRoles: [] }, action: { type: 'declareNoConflict' } }]);
  });

  it('records who acted, in which roles, when, and with what reason', () => {
    const scenario = staffedCase().do(amara, { type: 'acknowledge' }).do(amara, { type: 'requestSafetyException', reason: 'threats at work' });
    expect(scenario.state.history.at(-1)).toEqual({
      at: scenario.now.toISOString(),
      by: { kind: 'staff', staffId: 'amara', caseRoles: ['handler'] },
      action: { type: 'requestSafetyException', reason: 'threats at work' },
    });
  });

  it('lets the reporter withdraw before a decision, closing the case', () => {
    const scenario = staffedCase().do(reporter, { type: 'withdrawReport' });
    expect(scenario.state.closure).toMatchObject({ kind: 'withdrawn' });
    const decided = formalCaseAtReport(formalInvestigation).do(dmitri, decision);
    expect(refusedWithoutChange(decided, reporter, { type: 'withdrawReport' })?.code).toBe('PATH_CHANGE_TOO_LATE');
    expect(refusedWithoutChange(decided, reporter, { type: 'changePath', to: { id: 'record-only', version: 1, path: 'record-only' } })?.code).toBe(
      'PATH_CHANGE_TOO_LATE',
    );
  });

  it('places and lifts a legal hold only once each', () => {
    const scenario = staffedCase().do(hugo, { type: 'placeLegalHold', reason: 'court order 12/2025' });
    expect(refusedWithoutChange(scenario, hugo, { type: 'placeLegalHold', reason: 'again' })?.code).toBe('LEGAL_HOLD_ACTIVE');
    scenario.do(hugo, { type: 'liftLegalHold', reason: 'case dismissed by the court' });
    expect(refusedWithoutChange(scenario, hugo, { type: 'liftLegalHold', reason: 'again' })?.code).toBe('LEGAL_HOLD_NOT_ACTIVE');
  });

  it('informs the respondent of a measure concerning them only through the gate', () => {
    const scenario = staffedCase();
    expect(refusedWithoutChange(scenario, amara, { type: 'addMeasure', for: 'respondent', kind: 'interim', descriptionRef: 'no-contact' })?.code).toBe(
      'RESPONDENT_CONTACT_NOT_ALLOWED',
    );
    scenario.do(amara, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'counselling' });
    expect(scenario.lastEvents).toEqual([{ type: 'deliver', to: ['reporter'], what: 'measure' }]);
  });
});
