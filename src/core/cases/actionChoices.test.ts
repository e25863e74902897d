import { describe, expect, it } from 'vitest';
import { formalInvestigation, informalResolution, templates } from '../procedures/templates/index.ts';
import { people, Scenario } from '../procedures/testing/scenario.ts';
import { actionChoices, type Colleague } from './actionChoices.ts';

const colleagues: Colleague[] = [
  { staffId: 'amara', roles: ['handler', 'facilitator'] },
  { staffId: 'bruno', roles: ['handler', 'facilitator'] },
  { staffId: 'chiara', roles: ['investigator', 'decision_maker'] },
  { staffId: 'dmitri', roles: ['investigator', 'decision_maker'] },
  { staffId: 'esme', roles: ['appeal_reviewer', 'handler', 'facilitator'] },
];

describe('the choices the case page offers', () => {
  it('lets the first handler take an unstaffed case, and nobody else be assigned by them yet', () => {
    const scenario = new Scenario(formalInvestigation).do(people.amara, { type: 'declareNoConflict' });
    const choices = actionChoices(scenario.definition, scenario.state, people.amara, scenario.now, colleagues, templates);
    expect(choices.assignable).toEqual({ handler: ['amara'] });
  });

  it('never offers as decision-maker someone who investigated, nor a conflicted colleague', () => {
    const scenario = new Scenario(formalInvestigation).staff([
      [people.amara, 'handler'],
      [people.chiara, 'investigator'],
    ]);
    scenario.do(people.amara, { type: 'recordConflict', staffId: 'dmitri', basis: 'relatedToParty', reason: 'his sister is the respondent' });
    const choices = actionChoices(scenario.definition, scenario.state, people.amara, scenario.now, colleagues, templates);
    expect(choices.assignable.decision_maker).toBeUndefined();
    expect(choices.assignable.investigator).toBeUndefined();
    expect(choices.assignable.handler).toEqual(['bruno', 'esme']);
    // Esme could review an appeal only because she took no other part yet.
    expect(choices.assignable.appeal_reviewer).toEqual(['esme']);
    expect(choices.conflictable).not.toContain('dmitri');
    expect(choices.conflictable).toContain('amara');
    expect(choices.available.some((action) => action.type === 'assign')).toBe(false);
  });

  it('offers the other procedures as new paths, and only formal ones to resume after informal resolution', () => {
    const formal = new Scenario(formalInvestigation).staff([[people.amara, 'handler']]);
    const paths = actionChoices(formal.definition, formal.state, people.amara, formal.now, colleagues, templates).paths.map((option) => option.value);
    expect(paths).not.toContain('formal/formal-investigation@1');
    expect(paths).toContain('informal/informal-resolution@1');

    const informal = new Scenario(informalResolution).staff([[people.amara, 'handler']]);
    informal.do(people.amara, { type: 'recordConsent', party: 'reporter', statementRef: 'her e-mail of 4 March' });
    const resumable = actionChoices(informal.definition, informal.state, people.amara, informal.now, colleagues, templates).resumable;
    expect(resumable.reporter?.map((option) => option.value)).toEqual(['formal/formal-investigation@1']);
    expect(resumable.respondent).toBeUndefined();
  });

  it('offers an organisation’s adapted procedure in place of the template it adapts, and nothing it was not given', () => {
    const adapted = { ...informalResolution, id: 'riverbend-restorative', version: 3 };
    const formal = new Scenario(formalInvestigation).staff([[people.amara, 'handler']]);
    const options = actionChoices(formal.definition, formal.state, people.amara, formal.now, colleagues, [formalInvestigation, adapted]).paths;
    expect(options).toEqual([{ value: 'informal/riverbend-restorative@3', nameKey: informalResolution.nameKey, procedure: { id: 'riverbend-restorative', version: 3, path: 'informal' } }]);
  });
});
