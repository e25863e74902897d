import { describe, expect, it } from 'vitest';
import { formalInvestigation } from '../procedures/templates/formalInvestigation.ts';
import { informalResolution } from '../procedures/templates/informalResolution.ts';
import { fullNotice, people, Scenario } from '../procedures/testing/scenario.ts';
import { actionSchema, type CaseAction } from '../procedures/index.ts';
import { documentRef } from './handling.ts';
import { documentsForReporter, formalProcedureToResume, reporterReads, reporterSituation } from './reporterView.ts';

const doc = (n: number) => documentRef(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);

/** A formal case taken to its written outcome, every text a document reference. */
function formalCaseAtOutcome(): Scenario {
  const { amara, bruno, chiara, dmitri, esme, reporter, respondent } = people;
  return new Scenario(formalInvestigation)
    .staff([
      [amara, 'handler'],
      [bruno, 'handler'],
      [chiara, 'investigator'],
      [dmitri, 'decision_maker'],
      [esme, 'appeal_reviewer'],
    ])
    .do(amara, { type: 'acknowledge' })
    .do(amara, { type: 'triage', priority: 'high', retaliationRisk: 'medium' })
    .do(amara, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: doc(1) })
    .do(amara, { type: 'giveFeedback', summaryRef: doc(3) })
    .do(reporter, { type: 'allowRespondentContact' })
    .do(amara, { type: 'addMeasure', for: 'respondent', kind: 'interim', descriptionRef: doc(2) })
    .do(reporter, { type: 'nameAdviser', party: 'reporter', adviserRef: doc(4) })
    .do(amara, { type: 'notifyRespondent', noticeRef: doc(5), contents: fullNotice.type === 'notifyRespondent' ? fullNotice.contents : [] })
    .do(respondent, { type: 'recordResponse', statementRef: doc(6) })
    .later(1)
    .do(chiara, { type: 'openEvidenceReview' })
    .do(chiara, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: doc(8) })
    .later(10)
    .do(chiara, { type: 'closeEvidenceReview' })
    .do(chiara, { type: 'submitInvestigationReport', reportRef: doc(9) })
    .do(dmitri, { type: 'decide', outcome: 'responsible', standardOfEvidence: 'preponderanceOfEvidence', reasonsRef: doc(10), sanctions: [doc(11)], remedies: [] })
    .do(amara, { type: 'issueOutcome', letterRef: doc(12) });
}

describe('the documents a reporter reads', () => {
  it('lists only what was sent to the reporter and what they wrote themself, each through the action that refers to it', () => {
    const scenario = formalCaseAtOutcome()
      .later(1)
      .do(people.respondent, { type: 'fileAppeal', by: 'respondent', grounds: ['newEvidence'], statementRef: doc(13) })
      .do(people.reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['disproportionateSanction'], statementRef: doc(14) })
      .do(people.esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'upheld', reasonsRef: doc(15) });
    const listed = documentsForReporter(scenario.state);
    expect(listed.map((entry) => [entry.documentId.slice(-2), entry.rowKind, entry.what])).toEqual([
      ['01', 'addMeasure.descriptionRef', 'measure'],
      ['03', 'giveFeedback.summaryRef', 'feedback'],
      ['04', 'nameAdviser.adviserRef', 'yourAdviser'],
      ['09', 'submitInvestigationReport.reportRef', 'investigationReport'],
      ['12', 'issueOutcome.letterRef', 'outcome'],
      ['14', 'fileAppeal.statementRef', 'yourAppeal'],
      ['15', 'decideAppeal.reasonsRef', 'appealDecision'],
    ]);
  });

  it('never reads the notice, the respondent’s writing, evidence, a decision’s reasons, closing summaries or notes', () => {
    const sample = (input: Record<string, unknown>): CaseAction => actionSchema.parse(input);
    const hidden: [CaseAction, string][] = [
      [sample({ type: 'notifyRespondent', noticeRef: doc(1), contents: ['allegations'] }), 'noticeRef'],
      [sample({ type: 'recordResponse', statementRef: doc(1) }), 'statementRef'],
      [sample({ type: 'addEvidence', from: 'respondent', kind: 'document', evidenceRef: doc(1) }), 'evidenceRef'],
      [sample({ type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: doc(1) }), 'evidenceRef'],
      [sample({ type: 'decide', outcome: 'dismissed', standardOfEvidence: 'clearAndConvincing', reasonsRef: doc(1), sanctions: [], remedies: [] }), 'reasonsRef'],
      [sample({ type: 'close', summaryRef: doc(1) }), 'summaryRef'],
      [sample({ type: 'recordFollowUp', summaryRef: doc(1) }), 'summaryRef'],
      [sample({ type: 'recordCheckIn', checkInId: 'check-in-1', noteRef: doc(1), concernRaised: true }), 'noteRef'],
      [sample({ type: 'reviewAgreement', kept: true, noteRef: doc(1) }), 'noteRef'],
      [sample({ type: 'addMeasure', for: 'respondent', kind: 'interim', descriptionRef: doc(1) }), 'descriptionRef'],
      [sample({ type: 'nameAdviser', party: 'respondent', adviserRef: doc(1) }), 'adviserRef'],
      [sample({ type: 'fileAppeal', by: 'respondent', grounds: ['newEvidence'], statementRef: doc(1) }), 'statementRef'],
      [sample({ type: 'skipStep', step: 'feedback', reason: doc(1) }), 'reason'],
      [sample({ type: 'endMeasure', measureId: 'measure-1', reason: doc(1) }), 'reason'],
      [sample({ type: 'recordEscrowMatch', matchRef: doc(1) }), 'matchRef'],
    ];
    for (const [action, field] of hidden) expect(reporterReads(action, field), `${action.type}.${field}`).toBeNull();
  });
});

describe('where the case stands for the reporter', () => {
  it('shows the consent given, that the respondent was told, the appeal window and their appeal', () => {
    const scenario = formalCaseAtOutcome();
    const before = reporterSituation(scenario.definition, scenario.state);
    expect(before).toMatchObject({ respondentKnows: true, informal: null, ownAppeal: null });
    expect(before.contactConsentAt).not.toBeNull();
    expect(before.appealUntil).toBe(scenario.day(11 + 10));
    scenario.later(2).do(people.reporter, { type: 'fileAppeal', by: 'reporter', grounds: ['proceduralIrregularity'] });
    expect(reporterSituation(scenario.definition, scenario.state).ownAppeal).toMatchObject({ grounds: ['proceduralIrregularity'], decided: false });
  });

  it('lists the reporter’s own check-ins, not the respondent’s', () => {
    const scenario = formalCaseAtOutcome()
      .do(people.amara, { type: 'scheduleCheckIn', with: 'reporter', topic: 'wellbeing', dueOn: '2025-06-01' })
      .do(people.amara, { type: 'scheduleCheckIn', with: 'respondent', topic: 'measures', dueOn: '2025-06-02' });
    expect(reporterSituation(scenario.definition, scenario.state).checkIns).toEqual([{ dueOn: '2025-06-01', topic: 'wellbeing', held: false }]);
  });

  it('on the informal path, shows the reporter’s consent and finds the formal procedure to resume', () => {
    const { amara, bruno, reporter } = people;
    const scenario = new Scenario(formalInvestigation).staff([
      [amara, 'handler'],
      [bruno, 'handler'],
    ]);
    const informal = { id: informalResolution.id, version: informalResolution.version, path: informalResolution.path };
    scenario.do(reporter, { type: 'changePath', to: informal }).follow(informalResolution);
    expect(reporterSituation(scenario.definition, scenario.state).informal).toEqual({ consentAt: null });
    scenario.do(reporter, { type: 'recordConsent', party: 'reporter' });
    expect(reporterSituation(scenario.definition, scenario.state).informal?.consentAt).toBe(scenario.now.toISOString());
    expect(formalProcedureToResume(scenario.state)).toEqual({ id: 'formal-investigation', version: 1, path: 'formal' });
    expect(formalProcedureToResume(new Scenario(informalResolution).state)).toBeNull();
  });
});
