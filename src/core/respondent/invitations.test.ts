import { describe, expect, it } from 'vitest';
import { formalInvestigation } from '../procedures/templates/formalInvestigation.ts';
import { informalResolution } from '../procedures/templates/informalResolution.ts';
import { formalCaseAtReport, fullNotice, people, Scenario } from '../procedures/testing/scenario.ts';
import { accessStatus, contactProblem, invitationProblem } from './invitations.ts';
import { documentLabel, formalToResume, respondentActions, respondentTimeline } from './portalView.ts';

const { amara, bruno, chiara, dmitri, esme, reporter, respondent } = people;

function triaged(): Scenario {
  return new Scenario(formalInvestigation)
    .staff([
      [amara, 'handler'],
      [bruno, 'handler'],
      [chiara, 'investigator'],
      [dmitri, 'decision_maker'],
    ])
    .do(amara, { type: 'acknowledge' })
    .do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
}

describe('inviting the respondent', () => {
  it('is refused without the reporter’s consent or an approved safety exception', () => {
    const scenario = triaged();
    expect(invitationProblem(scenario.state, 'respondent', 'amara')).toBe('contactNotAllowed');
    scenario.do(amara, { type: 'requestSafetyException', reason: 'threats against the team' });
    expect(invitationProblem(scenario.state, 'respondent', 'amara')).toBe('contactNotAllowed');
    scenario.do(bruno, { type: 'approveSafetyException' });
    expect(invitationProblem(scenario.state, 'respondent', 'amara')).toBe('notNotified');
  });

  it('waits for the written notice, then is open to a handler or investigator on the case', () => {
    const scenario = triaged().do(reporter, { type: 'allowRespondentContact' });
    expect(invitationProblem(scenario.state, 'respondent', 'amara')).toBe('notNotified');
    scenario.do(amara, fullNotice);
    expect(invitationProblem(scenario.state, 'respondent', 'amara')).toBeNull();
    expect(invitationProblem(scenario.state, 'respondent', 'chiara')).toBeNull();
    expect(invitationProblem(scenario.state, 'respondent', 'dmitri')).toBe('notOnCase');
    expect(invitationProblem(scenario.state, 'respondent', 'esme')).toBe('notOnCase');
    expect(contactProblem(scenario.state, 'amara')).toBeNull();
  });

  it('invites an adviser only once the respondent has named one', () => {
    const scenario = triaged().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    expect(invitationProblem(scenario.state, 'adviser', 'amara')).toBe('adviserNotNamed');
    scenario.do(amara, { type: 'nameAdviser', party: 'reporter', adviserRef: 'the reporter’s adviser' });
    expect(invitationProblem(scenario.state, 'adviser', 'amara')).toBe('adviserNotNamed');
    scenario.do(respondent, { type: 'nameAdviser', party: 'respondent', adviserRef: 'adviser-1' });
    expect(invitationProblem(scenario.state, 'adviser', 'amara')).toBeNull();
  });

  it('tells apart active, expired, revoked and locked invitations', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    const later = new Date('2026-05-31T10:00:00Z');
    expect(accessStatus({ revokedAt: null, expiresAt: later, failedAttempts: 4 }, now)).toBe('active');
    expect(accessStatus({ revokedAt: null, expiresAt: now, failedAttempts: 0 }, now)).toBe('expired');
    expect(accessStatus({ revokedAt: now, expiresAt: later, failedAttempts: 0 }, now)).toBe('revoked');
    expect(accessStatus({ revokedAt: null, expiresAt: later, failedAttempts: 5 }, now)).toBe('locked');
  });
});

describe('what the portal shows the respondent', () => {
  it('gives the response period, the evidence review and the appeal window as days', () => {
    const scenario = formalCaseAtReport(formalInvestigation);
    const timeline = respondentTimeline(scenario.definition, scenario.state, scenario.now);
    expect(timeline).toMatchObject({
      noticeOn: scenario.day(1),
      response: { atLeastUntil: scenario.day(11), given: 0, open: true },
      evidenceReview: { openedOn: scenario.day(3), closesNotBefore: scenario.day(13), closedOn: scenario.day(13) },
      appeal: null,
      informal: null,
      closedOn: null,
    });
    scenario.do(dmitri, { type: 'decide', outcome: 'notResponsible', standardOfEvidence: 'preponderanceOfEvidence', reasonsRef: 'r', sanctions: [], remedies: [] });
    scenario.later(1).do(amara, { type: 'issueOutcome', letterRef: 'letter' });
    const after = respondentTimeline(scenario.definition, scenario.state, scenario.now);
    expect(after.response.open).toBe(false);
    expect(after.appeal).toEqual({ until: scenario.day(24), open: true, filed: false, decided: false });
    expect(respondentActions(scenario.definition, scenario.state, scenario.now)).toEqual(['nameAdviser', 'fileAppeal']);
    scenario.do(respondent, { type: 'fileAppeal', by: 'respondent', grounds: ['newEvidence'], statementRef: 's' });
    expect(respondentTimeline(scenario.definition, scenario.state, scenario.now).appeal).toMatchObject({ filed: true, open: false });
    expect(respondentActions(scenario.definition, scenario.state, scenario.now)).toEqual(['nameAdviser']);
    scenario.do(esme, { type: 'declareNoConflict' }).do(people.hugo, { type: 'assign', staffId: 'esme', as: 'appeal_reviewer' });
    scenario.do(esme, { type: 'decideAppeal', appealId: 'appeal-1', result: 'upheld', reasonsRef: 'reasons' });
    expect(respondentTimeline(scenario.definition, scenario.state, scenario.now).appeal).toMatchObject({ decided: true });
  });

  it('offers the respondent only what the engine would accept, and nothing before the notice', () => {
    const before = triaged().do(reporter, { type: 'allowRespondentContact' });
    expect(respondentActions(before.definition, before.state, before.now)).toEqual([]);
    before.do(amara, fullNotice);
    expect(respondentActions(before.definition, before.state, before.now)).toEqual(['recordResponse', 'addEvidence', 'nameAdviser']);
  });

  it('offers consent and its withdrawal on the informal path, and returns to the last formal procedure', () => {
    const scenario = triaged().do(reporter, { type: 'allowRespondentContact' }).do(amara, fullNotice);
    expect(formalToResume(scenario.state)).toEqual({ id: 'formal-investigation', version: 1, path: 'formal' });
    scenario.do(reporter, { type: 'changePath', to: { id: informalResolution.id, version: informalResolution.version, path: 'informal' } }).follow(informalResolution);
    expect(respondentActions(scenario.definition, scenario.state, scenario.now)).toContain('recordConsent');
    scenario.do(respondent, { type: 'recordConsent', party: 'respondent' });
    expect(respondentTimeline(scenario.definition, scenario.state, scenario.now).informal).toEqual({ consented: true });
    expect(respondentActions(scenario.definition, scenario.state, scenario.now)).toContain('withdrawConsent');
    expect(formalToResume(scenario.state)).toEqual({ id: 'formal-investigation', version: 1, path: 'formal' });
  });

  it('names each document by the field it came from, and unknown kinds generically', () => {
    expect(documentLabel('notifyRespondent.noticeRef')).toBe('notice');
    expect(documentLabel('issueOutcome.letterRef')).toBe('outcome');
    expect(documentLabel('redaction.respondent')).toBe('redactedReport');
    expect(documentLabel('someday.newKind')).toBe('document');
  });
});
