import { describe, expect, it } from 'vitest';
import { refOf } from '../definition.ts';
import { purgeDue } from '../retention.ts';
import { validateDefinition } from '../validateDefinition.ts';
import { fullNotice, people, Scenario } from '../testing/scenario.ts';
import { escrow } from './escrow.ts';
import { formalInvestigation } from './formalInvestigation.ts';
import { recordOnly } from './recordOnly.ts';

const { amara, bruno, greta, hugo, reporter, system } = people;

describe('the record-only template', () => {
  it('is a valid definition', () => {
    expect(validateDefinition(recordOnly).ok).toBe(true);
  });

  it('acknowledges, files and never reaches the respondent', () => {
    const scenario = new Scenario(recordOnly).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(reporter, { type: 'allowRespondentContact' }).do(amara, { type: 'acknowledge' });
    expect(scenario.attempt(amara, fullNotice)).toMatchObject({ ok: false, error: { code: 'STEP_NOT_IN_PROCEDURE' } });
    scenario.do(amara, { type: 'close', summaryRef: 'filed' });
    expect(scenario.state.closure).toMatchObject({ kind: 'completed' });
  });

  it('moves to the formal path when the reporter chooses it, keeping the acknowledgement', () => {
    const scenario = new Scenario(recordOnly).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(amara, { type: 'acknowledge' }).later(20);
    scenario.do(reporter, { type: 'changePath', to: refOf(formalInvestigation) }).follow(formalInvestigation);
    expect(scenario.deadline('acknowledgement').status).toBe('met');
    expect(scenario.available(amara).map((action) => action.type)).toContain('triage');
  });

  it('keeps a closed record for 7 years, longer under legal hold', () => {
    const scenario = new Scenario(recordOnly).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    scenario.do(amara, { type: 'acknowledge' }).do(amara, { type: 'close', summaryRef: 'filed' });
    expect(purgeDue(recordOnly, scenario.state, scenario.now)).toEqual({ due: false, purgeOn: '2032-03-03', reason: 'retentionRunning' });
    expect(purgeDue(recordOnly, scenario.state, new Date('2032-03-03T00:00:00Z'))).toEqual({ due: true, purgeOn: '2032-03-03' });
    scenario.do(hugo, { type: 'placeLegalHold', reason: 'litigation notice received' });
    expect(purgeDue(recordOnly, scenario.state, new Date('2040-01-01T00:00:00Z'))).toMatchObject({ due: false, reason: 'legalHold' });
  });
});

describe('the escrow template', () => {
  it('is a valid definition', () => {
    expect(validateDefinition(escrow).ok).toBe(true);
  });

  function matchedCase(): Scenario {
    return new Scenario(escrow, { origin: 'escrowMatch' })
      .do(system, { type: 'recordEscrowMatch', matchRef: 'match-1' })
      .staff([[greta, 'escrow_counsellor']]);
  }

  it('starts with a match recorded by Redress and has a counsellor tell the reporter within 7 days', () => {
    const scenario = matchedCase();
    expect(scenario.deadline('reporterInformed')).toMatchObject({ dueOn: scenario.day(7) });
    scenario.do(greta, { type: 'informReporterOfMatch' });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter'], what: 'escrowMatch' });
  });

  it('lets the matched reporter proceed on the formal path', () => {
    const scenario = matchedCase().do(greta, { type: 'informReporterOfMatch' });
    scenario.do(reporter, { type: 'changePath', to: refOf(formalInvestigation) });
    expect(scenario.state.procedure).toEqual(refOf(formalInvestigation));
    expect(scenario.state.origin).toBe('escrowMatch');
  });

  it('closes when the matched reporter declines to go further', () => {
    const scenario = matchedCase().do(greta, { type: 'informReporterOfMatch' }).do(greta, { type: 'close', summaryRef: 'declined' });
    expect(scenario.state.closure).toMatchObject({ kind: 'completed' });
    expect(purgeDue(escrow, scenario.state, scenario.now)).toMatchObject({ purgeOn: '2027-03-03' });
  });

  it('refuses to put a case back in escrow once the respondent has been told', () => {
    const scenario = new Scenario(formalInvestigation)
      .staff([
        [amara, 'handler'],
        [bruno, 'handler'],
      ])
      .do(amara, { type: 'acknowledge' })
      .do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' })
      .do(reporter, { type: 'allowRespondentContact' })
      .do(amara, fullNotice);
    expect(scenario.attempt(reporter, { type: 'changePath', to: refOf(escrow) })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });
});
