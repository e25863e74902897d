import { describe, expect, it } from 'vitest';
import { refOf } from '../definition.ts';
import { validateDefinition } from '../validateDefinition.ts';
import { fullNotice, people, Scenario } from '../testing/scenario.ts';
import { formalInvestigation } from './formalInvestigation.ts';
import { informalResolution } from './informalResolution.ts';

const { amara, bruno, chiara, farid, hugo, reporter, respondent } = people;
const formal = refOf(formalInvestigation);

function proposedCase(): Scenario {
  return new Scenario(informalResolution)
    .staff([
      [amara, 'handler'],
      [bruno, 'handler'],
      [farid, 'facilitator'],
    ])
    .do(amara, { type: 'acknowledge' })
    .do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' })
    .do(reporter, { type: 'allowRespondentContact' })
    .do(reporter, { type: 'recordConsent', party: 'reporter', statementRef: 'consent-reporter' })
    .do(amara, { type: 'proposeInformal' });
}

describe('the informal resolution template', () => {
  it('is a valid definition', () => {
    expect(validateDefinition(informalResolution).ok).toBe(true);
  });

  it('proposes informal resolution to the respondent only with the reporter’s consent to contact', () => {
    const scenario = new Scenario(informalResolution)
      .staff([
        [amara, 'handler'],
        [bruno, 'handler'],
      ])
      .do(amara, { type: 'acknowledge' })
      .do(amara, { type: 'triage', priority: 'normal', retaliationRisk: 'low' });
    expect(scenario.attempt(amara, { type: 'proposeInformal' })).toMatchObject({ ok: false, error: { code: 'RESPONDENT_CONTACT_NOT_ALLOWED' } });
  });

  it('records no agreement without the written consent of both parties', () => {
    const scenario = proposedCase();
    expect(scenario.attempt(farid, { type: 'recordAgreement', agreementRef: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_MISSING', params: { party: 'respondent' } },
    });
    expect(scenario.attempt(amara, { type: 'recordConsent', party: 'respondent' })).toMatchObject({ ok: false, error: { code: 'STATEMENT_REQUIRED' } });
    scenario.do(respondent, { type: 'recordConsent', party: 'respondent', statementRef: 'consent-respondent' });
    scenario.do(farid, { type: 'recordAgreement', agreementRef: 'agreement-1' });
    expect(scenario.lastEvents).toContainEqual({ type: 'deliver', to: ['reporter', 'respondent'], what: 'agreement' });
  });

  it('takes the respondent’s consent only once they have been told', () => {
    const scenario = new Scenario(informalResolution);
    expect(scenario.attempt(respondent, { type: 'recordConsent', party: 'respondent', statementRef: 's' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
  });

  it('never lets an investigator facilitate, nor a facilitator investigate', () => {
    const scenario = proposedCase().do(chiara, { type: 'declareNoConflict' });
    scenario.do(hugo, { type: 'assign', staffId: 'chiara', as: 'investigator' });
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'chiara', as: 'facilitator' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
    expect(scenario.attempt(hugo, { type: 'assign', staffId: 'farid', as: 'investigator' })).toMatchObject({ ok: false, error: { code: 'SEPARATION_OF_DUTIES' } });
  });

  it('resumes the formal path when either party withdraws, keeping the acknowledgement and triage', () => {
    for (const party of ['reporter', 'respondent'] as const) {
      const scenario = proposedCase().do(respondent, { type: 'recordConsent', party: 'respondent', statementRef: 's' });
      const actor = party === 'reporter' ? reporter : respondent;
      scenario.do(actor, { type: 'withdrawConsent', party, resume: formal });
      expect(scenario.state.procedure).toEqual(formal);
      expect(scenario.lastEvents).toContainEqual({ type: 'pathChanged', from: refOf(informalResolution), to: formal });
      expect(scenario.attempt(farid, { type: 'recordAgreement', agreementRef: 'a' })).toMatchObject({ ok: false, error: { code: 'WRONG_PROCEDURE' } });
      scenario.follow(formalInvestigation);
      expect(scenario.available(amara).map((action) => action.type)).toContain('notifyRespondent');
      scenario.do(amara, fullNotice);
    }
  });

  it('refuses a withdrawal that would resume anything but the formal path', () => {
    const scenario = proposedCase();
    const result = scenario.attempt(reporter, { type: 'withdrawConsent', party: 'reporter', resume: { id: 'record-only', version: 1, path: 'record-only' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
  });

  it('follows the agreement up with at least one check-in before the case closes', () => {
    const scenario = proposedCase()
      .do(respondent, { type: 'recordConsent', party: 'respondent', statementRef: 's' })
      .do(farid, { type: 'recordAgreement', agreementRef: 'agreement-1' })
      .do(amara, { type: 'giveFeedback', summaryRef: 'fb' });
    expect(scenario.attempt(farid, { type: 'reviewAgreement', kept: true, noteRef: 'n' })).toMatchObject({
      ok: false,
      error: { code: 'CHECK_INS_MISSING', params: { topic: 'agreement', minimum: 1, held: 0 } },
    });
    scenario.do(farid, { type: 'scheduleCheckIn', with: 'reporter', topic: 'agreement', dueOn: scenario.day(30) }).later(30);
    scenario.do(farid, { type: 'recordCheckIn', checkInId: 'check-in-1', noteRef: 'all well', concernRaised: false });
    scenario.do(farid, { type: 'reviewAgreement', kept: true, noteRef: 'kept' }).do(amara, { type: 'close', summaryRef: 'c' });
    expect(scenario.state.closure).not.toBeNull();
  });
});
