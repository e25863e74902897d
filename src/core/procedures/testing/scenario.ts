/**
 * Test support for the procedure engine (used only by *.test.ts): invented staff, and a
 * `Scenario` that walks one case through a procedure on a controllable calendar. `do` insists
 * the action is accepted (setting up), `attempt` returns the verdict and keeps the case as it
 * was unless accepted — the same contract pages will rely on.
 */
import type { StaffRole } from '../../roles.ts';
import type { CaseAction } from '../actions.ts';
import { applyAction, type ActionResult } from '../applyAction.ts';
import { availableActions } from '../availableActions.ts';
import { addDays } from '../calendar.ts';
import { startCase, type Actor, type CaseState } from '../caseState.ts';
import { deadlines } from '../deadlines.ts';
import type { ProcedureDefinition } from '../definition.ts';
import type { CaseEvent } from '../events.ts';
import type { CaseRole } from '../vocabulary.ts';

function staffMember(staffId: string, grants: StaffRole[]): Extract<Actor, { kind: 'staff' }> {
  return { kind: 'staff', staffId, grants };
}

/** Invented people; none is anyone real. */
export const people = {
  amara: staffMember('amara', ['handler']),
  bruno: staffMember('bruno', ['handler']),
  chiara: staffMember('chiara', ['investigator', 'decision_maker']),
  dmitri: staffMember('dmitri', ['decision_maker', 'investigator']),
  esme: staffMember('esme', ['appeal_reviewer', 'handler']),
  farid: staffMember('farid', ['handler']),
  greta: staffMember('greta', ['escrow_counsellor']),
  hugo: staffMember('hugo', ['admin']),
  reporter: { kind: 'reporter' } as Actor,
  respondent: { kind: 'respondent' } as Actor,
  system: { kind: 'system' } as Actor,
};

export const receivedOn = '2025-03-03';

export class Scenario {
  state: CaseState;
  definition: ProcedureDefinition;
  now: Date;
  lastEvents: CaseEvent[] = [];

  constructor(definition: ProcedureDefinition, options: { namedStaff?: string[]; origin?: CaseState['origin'] } = {}) {
    this.definition = definition;
    this.now = new Date(`${receivedOn}T09:00:00.000Z`);
    this.state = startCase(definition, { receivedAt: this.now, ...options });
  }

  /** Moves the calendar on by whole days (same time of day). */
  later(days: number): this {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
    return this;
  }

  /** The calendar day `days` after receipt. */
  day(days: number): string {
    return addDays(receivedOn, days);
  }

  attempt(actor: Actor, action: CaseAction | Record<string, unknown>): ActionResult {
    const result = applyAction(this.definition, this.state, action, actor, this.now);
    if (result.ok) {
      this.state = result.state;
      this.lastEvents = result.events;
    }
    return result;
  }

  do(actor: Actor, action: CaseAction): this {
    const result = this.attempt(actor, action);
    if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.code} ${JSON.stringify(result.error.params)}`);
    return this;
  }

  /** Follows a path change: later actions are judged by the new definition. */
  follow(definition: ProcedureDefinition): this {
    this.definition = definition;
    return this;
  }

  deadlines() {
    return deadlines(this.definition, this.state, this.now);
  }

  deadline(id: string) {
    const found = this.deadlines().find((view) => view.id === id);
    if (!found) throw new Error(`no deadline ${id}`);
    return found;
  }

  available(actor: Actor) {
    return availableActions(this.definition, this.state, actor, this.now);
  }

  /** Puts staff on the case in these roles, each declaring no conflict first. */
  staff(assignments: [Extract<Actor, { kind: 'staff' }>, CaseRole][]): this {
    for (const [person] of assignments) {
      if (!this.state.noConflictDeclared.includes(person.staffId)) this.do(person, { type: 'declareNoConflict' });
    }
    if (!this.state.noConflictDeclared.includes('hugo')) this.do(people.hugo, { type: 'declareNoConflict' });
    for (const [person, as] of assignments) this.do(people.hugo, { type: 'assign', staffId: person.staffId, as });
    return this;
  }
}

export const fullNotice: CaseAction = {
  type: 'notifyRespondent',
  noticeRef: 'notice-1',
  contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'],
};

export const decision: CaseAction = {
  type: 'decide',
  outcome: 'responsible',
  standardOfEvidence: 'preponderanceOfEvidence',
  reasonsRef: 'reasons-1',
  sanctions: ['written-warning'],
  remedies: ['no-contact'],
};

/** A formal case staffed and taken up to the investigation report. */
export function formalCaseAtReport(definition: ProcedureDefinition): Scenario {
  const { amara, bruno, chiara, dmitri, reporter } = people;
  const scenario = new Scenario(definition).staff([
    [amara, 'handler'],
    [bruno, 'handler'],
    [chiara, 'investigator'],
    [dmitri, 'decision_maker'],
  ]);
  return scenario
    .do(amara, { type: 'acknowledge' })
    .later(1)
    .do(amara, { type: 'triage', priority: 'high', retaliationRisk: 'medium' })
    .do(reporter, { type: 'allowRespondentContact' })
    .do(amara, fullNotice)
    .later(2)
    .do(chiara, { type: 'openEvidenceReview' })
    .later(10)
    .do(chiara, { type: 'closeEvidenceReview' })
    .do(chiara, { type: 'submitInvestigationReport', reportRef: 'report-1' });
}
