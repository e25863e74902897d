import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../validateDefinition.ts';
import { decision, formalCaseAtReport, fullNotice, people, Scenario } from '../testing/scenario.ts';
import { formalInvestigation } from './formalInvestigation.ts';

const { amara, bruno, chiara, dmitri, esme, hugo, reporter, respondent } = people;

function staffedFormalCase(): Scenario {
  return new Scenario(formalInvestigation).staff([
    [amara, 'handler'],
    [bruno, 'handler'],
    [chiara, 'investigator'],
    [dmitri, 'decision_maker'],
  ]);
}

function triagedFormalCase(): Scenario {
  return staffedFormalCase()
    .do(amara, { type: 'acknowledge' })
    .do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
}

function decidedFormalCase(): Scenario {
  return formalCaseAtReport(formalInvestigation).do(dmitri, decision);
}

function outcomeIssuedCase(): Scenario {
  return decidedFormalCase().do(amara, { type: 'issueOutcome', letterRef: 'letter-1' });
}

describe('the formal investigation template', () => {
  it('is a valid due-process definition', () => {
    expect(validateDefinition(formalInvestigation)).toEqual({ ok: true, definition: formalInvestigation });
  });

  it('asks for an acknowledgement within 7 days of receipt, which nobody can pause or extend', () => {
    const scenario = staffedFormalCase();
    expect(scenario.deadline('acknowledgement')).toMatchObject({ dueOn: scenario.day(7), status: 'upcoming', adjustable: false });
    const paused = scenario.attempt(amara, { type: 'pauseDeadline', deadline: 'acknowledgement', reason: 'the team is away' });
    expect(paused).toMatchObject({ ok: false, error: { code: 'DEADLINE_NOT_ADJUSTABLE' } });
    scenario.later(8);
    expect(scenario.deadline('acknowledgement').status).toBe('overdue');
    scenario.do(amara, { type: 'acknowledge' });
    expect(scenario.deadline('acknowledgement')).toMatchObject({ status: 'met', late: true });
  });

  it('counts the 3-month feedback deadline from the acknowledgement', () => {
    const scenario = staffedFormalCase().later(2).do(amara, { type: 'acknowledge' });
    expect(scenario.deadline('feedback').dueOn).toBe('2025-06-05');
  });

  it('counts the feedback deadline from the end of the 7 days when the acknowledgement is late', () => {
    const scenario = staffedFormalCase();
    expect(scenario.deadline('feedback').dueOn).toBe('2025-06-10');
    scenario.later(12).do(amara, { type: 'acknowledge' });
    expect(scenario.deadline('feedback').dueOn).toBe('2025-06-10');
  });

  it('needs two handlers on the case before any step after the acknowledgement', () => {
    const scenario = new Scenario(formalInvestigation).staff([[amara, 'handler']]).do(amara, { type: 'acknowledge' });
    const triage = scenario.attempt(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    expect(triage).toMatchObject({ ok: false, error: { code: 'TEAM_INCOMPLETE', params: { have: 1, need: 2 } } });
  });

  it('never notifies the respondent without the reporter’s consent', () => {
    const scenario = triagedFormalCase();
    expect(scenario.attempt(amara, fullNotice)).toMatchObject({ ok: false, error: { code: 'RESPONDENT_CONTACT_NOT_ALLOWED' } });
    scenario.do(reporter, { type: 'allowRespondentContact' });
    scenario.do(amara, fullNotice);
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['respondent'], what: 'notice' });
  });

  it('notifies the respondent without consent only after a safety exception approved by a second person', () => {
    const scenario = triagedFormalCase().do(amara, { type: 'requestSafetyException', reason: 'risk to other staff on the same team' });
    expect(scenario.attempt(amara, fullNotice)).toMatchObject({ ok: false, error: { code: 'RESPONDENT_CONTACT_NOT_ALLOWED' } });
    expect(scenario.attempt(amara, { type: 'approveSafetyException' })).toMatchObject({ ok: false, error: { code: 'SAFETY_EXCEPTION_SAME_PERSON' } });
    scenario.do(bruno, { type: 'approveSafetyException' }).do(amara, fullNotice);
    expect(scenario.state.safetyException).toMatchObject({ requestedBy: 'amara', approvedBy: 'bruno' });
  });

  it('lets the reporter revoke consent only until the respondent has been told', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' });
    scenario.do(reporter, { type: 'revokeRespondentContact' }).do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    expect(scenario.attempt(reporter, { type: 'revokeRespondentContact' })).toMatchObject({ ok: false, error: { code: 'CONSENT_ALREADY_ACTED_ON' } });
  });

  it('refuses a notice that leaves out the allegations, rights, presumption or adviser', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' });
    const result = scenario.attempt(amara, { type: 'notifyRespondent', noticeRef: 'n', contents: ['allegations', 'rights'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOTICE_INCOMPLETE' } });
    if (!result.ok) expect(String(result.error.params.missing)).toContain('presumptionOfNoResponsibility');
  });

  it('keeps the evidence open to both parties for at least 10 days', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice).do(chiara, { type: 'openEvidenceReview' });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter', 'respondent'], what: 'evidenceForReview' });
    scenario.later(9);
    expect(scenario.attempt(chiara, { type: 'closeEvidenceReview' })).toMatchObject({
      ok: false,
      error: { code: 'EVIDENCE_REVIEW_TOO_SHORT', params: { until: scenario.day(10) } },
    });
    scenario.later(1).do(chiara, { type: 'closeEvidenceReview' });
  });

  it('will not take the report before the evidence review has closed', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice).do(chiara, { type: 'openEvidenceReview' });
    expect(scenario.attempt(chiara, { type: 'submitInvestigationReport', reportRef: 'r' })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_READY', params: { step: 'report', missing: 'evidenceReviewClosed' } },
    });
  });

  it('will not decide before written notice, whatever else is done', () => {
    const scenario = triagedFormalCase();
    expect(scenario.attempt(dmitri, decision)).toMatchObject({ ok: false, error: { code: 'STEP_NOT_READY', params: { step: 'decision' } } });
  });

  it('waits for the respondent’s response period before the decision, unless they have answered', () => {
    // In the template the 10-day evidence review already outlasts the 10-day response period;
    // a longer response period shows the guard on its own.
    const longer = {
      ...formalInvestigation,
      id: 'formal-long-response',
      steps: formalInvestigation.steps.map((step) => (step.id === 'decision' ? { ...step, guards: [{ kind: 'responsePeriod' as const, days: 30 }] } : step)),
    };
    const waiting = formalCaseAtReport(longer);
    expect(waiting.attempt(dmitri, decision)).toMatchObject({ ok: false, error: { code: 'RESPONSE_PERIOD_RUNNING', params: { until: waiting.day(31) } } });
    expect(formalCaseAtReport(longer).later(18).attempt(dmitri, decision).ok).toBe(true);
    waiting.do(respondent, { type: 'recordResponse', statementRef: 'response-1' });
    expect(waiting.attempt(dmitri, decision).ok).toBe(true);
  });

  it('never lets someone who investigated decide, in either order', () => {
    const scenario = formalCaseAtReport(formalInvestigation);
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'chiara', as: 'decision_maker' })).toMatchObject({
      ok: false,
      error: { code: 'SEPARATION_OF_DUTIES', params: { duty: 'decide', earlier: 'investigate' } },
    });
    scenario.do(dmitri, decision);
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'dmitri', as: 'investigator' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it('counts evidence gathered by a handler as investigating, which bars them from deciding', () => {
    const scenario = staffedFormalCase();
    scenario.do(amara, { type: 'addEvidence', from: 'investigation', kind: 'document', evidenceRef: 'e' });
    expect(scenario.state.involvement.amara).toEqual(['handle', 'investigate']);
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'amara', as: 'decision_maker' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it('counts an assignment to investigate as taking part, before any work is done', () => {
    const scenario = staffedFormalCase().do(hugo, { type: 'assign', staffId: 'bruno', as: 'investigator' });
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'bruno', as: 'decision_maker' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it('records the standard of evidence with the decision, and refuses a decision without one', () => {
    const scenario = formalCaseAtReport(formalInvestigation);
    const { standardOfEvidence: _left, ...withoutStandard } = decision as Extract<typeof decision, { type: 'decide' }>;
    expect(scenario.attempt(dmitri, withoutStandard)).toMatchObject({ ok: false, error: { code: 'ACTION_INVALID' } });
    scenario.do(dmitri, decision);
    expect(scenario.state.steps.find((record) => record.step === 'decision')?.action).toMatchObject({ standardOfEvidence: 'preponderanceOfEvidence' });
  });

  it('sends nothing to either party on the decision itself, and the written outcome to both in one event', () => {
    const scenario = decidedFormalCase();
    expect(scenario.lastEvents.filter((event) => event.type === 'deliver')).toEqual([]);
    scenario.do(amara, { type: 'issueOutcome', letterRef: 'letter-1' });
    expect(scenario.lastEvents.filter((event) => event.type === 'deliver')).toEqual([{ type: 'deliver', to: ['reporter', 'respondent'], what: 'outcome' }]);
  });

  it('opens the appeal window to both parties on the same terms', () => {
    const decided = decidedFormalCase();
    for (const party of ['reporter', 'respondent'] as const) {
      expect(decided.attempt(amara, { type: 'fileAppeal', by: party, grounds: ['newEvidence'], statementRef: 's' })).toMatchObject({
        ok: false,
        error: { code: 'APPEAL_WINDOW_NOT_OPEN' },
      });
    }
    const scenario = outcomeIssuedCase().later(10);
    scenario.do(reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['disproportionateSanction'] });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['respondent'], what: 'appealFiled' });
    scenario.do(respondent, { type: 'fileAppeal', by: 'respondent', grounds: ['proceduralIrregularity'] });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter'], what: 'appealFiled' });
  });

  it('closes the appeal window for both parties after 10 days', () => {
    const scenario = outcomeIssuedCase().later(11);
    for (const actor of [reporter, respondent]) {
      const by = actor.kind === 'reporter' ? 'reporter' : 'respondent';
      expect(scenario.attempt(actor, { type: 'fileAppeal', by, grounds: ['newEvidence'] })).toMatchObject({ ok: false, error: { code: 'APPEAL_WINDOW_CLOSED' } });
    }
  });

  it('takes one appeal from each party, and only from that party', () => {
    const scenario = outcomeIssuedCase().do(reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['newEvidence'] });
    expect(scenario.attempt(reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['newEvidence'] })).toMatchObject({
      ok: false,
      error: { code: 'APPEAL_ALREADY_FILED' },
    });
    expect(scenario.attempt(reporter, { type: 'fileAppeal', by: 'respondent', grounds: ['newEvidence'] })).toMatchObject({
      ok: false,
      error: { code: 'PARTY_MISMATCH' },
    });
    expect(scenario.attempt(amara, { type: 'fileAppeal', by: 'respondent', grounds: ['newEvidence'] })).toMatchObject({
      ok: false,
      error: { code: 'STATEMENT_REQUIRED' },
    });
  });

  it('has each appeal decided once, by someone who took no other part, with the answer to both', () => {
    const scenario = outcomeIssuedCase().do(respondent, { type: 'fileAppeal', by: 'respondent', grounds: ['proceduralIrregularity'] });
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'amara', as: 'appeal_reviewer' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
    scenario.do(esme, { type: 'declareNoConflict' }).do(hugo, { type: 'assign', staffId: 'esme', as: 'appeal_reviewer' });
    scenario.do(esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'upheld', reasonsRef: 'appeal-reasons' });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter', 'respondent'], what: 'appealDecision' });
    expect(scenario.attempt(esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'overturned', reasonsRef: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'APPEAL_ALREADY_DECIDED' },
    });
    expect(scenario.attempt(esme, { type: 'acknowledge' })).toMatchObject({ ok: false });
  });

  it('will not close while the appeal window is open or an appeal is undecided', () => {
    const scenario = outcomeIssuedCase().do(amara, { type: 'giveFeedback', summaryRef: 'f' });
    expect(scenario.attempt(amara, { type: 'close', summaryRef: 'c' })).toMatchObject({ ok: false, error: { code: 'APPEAL_WINDOW_RUNNING' } });
    scenario.do(reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['newEvidence'] }).later(11);
    expect(scenario.attempt(amara, { type: 'close', summaryRef: 'c' })).toMatchObject({ ok: false, error: { code: 'APPEAL_PENDING' } });
    scenario.do(esme, { type: 'declareNoConflict' }).do(hugo, { type: 'assign', staffId: 'esme', as: 'appeal_reviewer' });
    scenario.do(esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'upheld', reasonsRef: 'r' });
    scenario.do(amara, { type: 'close', summaryRef: 'c' });
    expect(scenario.state.closure).toMatchObject({ kind: 'completed' });
  });

  it('lets both parties bring evidence on equal terms until the evidence review closes', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' });
    expect(scenario.attempt(respondent, { type: 'addEvidence', from: 'respondent', kind: 'witness', evidenceRef: 'w' }).ok).toBe(false);
    scenario.do(amara, fullNotice);
    scenario.do(reporter, { type: 'addEvidence', from: 'reporter', kind: 'witness', evidenceRef: 'w1' });
    scenario.do(respondent, { type: 'addEvidence', from: 'respondent', kind: 'witness', evidenceRef: 'w2' });
    scenario.do(chiara, { type: 'openEvidenceReview' }).later(10).do(chiara, { type: 'closeEvidenceReview' });
    for (const [actor, from] of [[reporter, 'reporter'], [respondent, 'respondent']] as const) {
      expect(scenario.attempt(actor, { type: 'addEvidence', from, kind: 'document', evidenceRef: 'late' })).toMatchObject({
        ok: false,
        error: { code: 'EVIDENCE_CLOSED' },
      });
    }
  });

  it('lets each party name an adviser', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    scenario.do(reporter, { type: 'nameAdviser', party: 'reporter', adviserRef: 'adviser-a' });
    scenario.do(respondent, { type: 'nameAdviser', party: 'respondent', adviserRef: 'adviser-b' });
    expect(scenario.state.advisers.map((adviser) => adviser.party)).toEqual(['reporter', 'respondent']);
  });

  it('refuses to skip any due-process step, even with a reason', () => {
    const scenario = triagedFormalCase();
    expect(scenario.attempt(amara, { type: 'skipStep', step: 'notice', reason: 'the respondent left the organisation' })).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_SKIPPABLE' },
    });
  });

  it('lets a handler pause and extend the report deadline, each with a reason', () => {
    const scenario = triagedFormalCase().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    expect(scenario.deadline('report').dueOn).toBe(scenario.day(90));
    scenario.do(amara, { type: 'pauseDeadline', deadline: 'report', reason: 'the respondent is on sick leave' });
    expect(scenario.deadline('report').status).toBe('paused');
    scenario.later(5).do(amara, { type: 'resumeDeadline', deadline: 'report' });
    scenario.do(amara, { type: 'extendDeadline', deadline: 'report', days: 10, reason: 'a witness is abroad' });
    expect(scenario.deadline('report')).toMatchObject({ dueOn: scenario.day(105), pausedDays: 5, extendedDays: 10, status: 'upcoming' });
    expect(scenario.attempt(amara, { type: 'extendDeadline', deadline: 'report', days: 5, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'ACTION_INVALID' },
    });
  });
});
