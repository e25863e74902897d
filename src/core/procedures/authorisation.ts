/**
 * Who may take each action on a case. Access to the case at all is decided by `core/policy.ts`
 * before the engine is asked; here the question is narrower: is this person, in the part they
 * hold on this case, allowed to do this now? Conflicted staff may do nothing; staff must have
 * declared "no conflict" before acting; a party acts only for themself, and staff who record a
 * party's choice on their behalf must point to the party's written statement.
 */
import type { ActionType, CaseAction } from './actions.ts';
import { activeAssignments, activeHandlers, isConflicted, respondentKnows, type Actor, type ActorRef, type CaseState } from './caseState.ts';
import type { StepDefinition } from './definition.ts';
import { refusal, type Refusal } from './refusals.ts';
import { dutyOfCaseRole, grantForCaseRole, type CaseRole, type Duty, type Party } from './vocabulary.ts';

type StaffRule =
  /** The case roles of the step being taken (from the definition). */
  | { kind: 'step' }
  | { kind: 'roles'; roles: CaseRole[] }
  /** An admin, or a handler on the case; or anyone with the handler grant taking an unstaffed case. */
  | { kind: 'assigner' }
  | { kind: 'admin' }
  /** Any staff member who may see the case (policy decided that). */
  | { kind: 'anyone' };

type Rule = {
  staff: StaffRule | null;
  /** The party who may take the action themself. */
  party?: (action: CaseAction) => Party | null;
  /** Staff taking it for a party must cite the party's written statement. */
  needsStatement?: boolean;
  system?: boolean;
  /** No part in the case, for separation of duties: administration, not handling. */
  administrative?: boolean;
};

const handler: StaffRule = { kind: 'roles', roles: ['handler'] };
const handlerOrFacilitator: StaffRule = { kind: 'roles', roles: ['handler', 'facilitator'] };
const caseWorker: StaffRule = { kind: 'roles', roles: ['handler', 'investigator'] };
const reporter = () => 'reporter' as const;

const rules: Record<ActionType, Rule> = {
  assign: { staff: { kind: 'assigner' }, administrative: true },
  unassign: { staff: { kind: 'assigner' }, administrative: true },
  declareNoConflict: { staff: { kind: 'anyone' }, administrative: true },
  recordConflict: { staff: { kind: 'anyone' }, system: true, administrative: true },
  allowRespondentContact: { staff: handler, party: reporter, needsStatement: true },
  revokeRespondentContact: { staff: handler, party: reporter, needsStatement: true },
  requestSafetyException: { staff: caseWorker },
  approveSafetyException: { staff: handler },
  acknowledge: { staff: { kind: 'step' } },
  triage: { staff: { kind: 'step' } },
  recordFollowUp: { staff: { kind: 'step' } },
  giveFeedback: { staff: { kind: 'step' } },
  notifyRespondent: { staff: { kind: 'step' } },
  openEvidenceReview: { staff: { kind: 'step' } },
  closeEvidenceReview: { staff: { kind: 'step' } },
  submitInvestigationReport: { staff: { kind: 'step' } },
  decide: { staff: { kind: 'step' } },
  issueOutcome: { staff: { kind: 'step' } },
  proposeInformal: { staff: { kind: 'step' } },
  recordAgreement: { staff: { kind: 'step' } },
  reviewAgreement: { staff: { kind: 'step' } },
  recordEscrowMatch: { staff: { kind: 'step' }, system: true },
  informReporterOfMatch: { staff: { kind: 'step' } },
  close: { staff: { kind: 'step' } },
  recordResponse: { staff: caseWorker, party: () => 'respondent' },
  addEvidence: { staff: caseWorker, party: (action) => (action.type === 'addEvidence' && action.from !== 'investigation' ? action.from : null) },
  nameAdviser: { staff: handler, party: (action) => (action.type === 'nameAdviser' ? action.party : null) },
  fileAppeal: { staff: handler, party: (action) => (action.type === 'fileAppeal' ? action.by : null), needsStatement: true },
  decideAppeal: { staff: { kind: 'roles', roles: ['appeal_reviewer'] } },
  recordConsent: { staff: handlerOrFacilitator, party: (action) => (action.type === 'recordConsent' ? action.party : null), needsStatement: true },
  withdrawConsent: { staff: handlerOrFacilitator, party: (action) => (action.type === 'withdrawConsent' ? action.party : null), needsStatement: true },
  changePath: { staff: handler, party: reporter, needsStatement: true },
  withdrawReport: { staff: handler, party: reporter, needsStatement: true },
  scheduleCheckIn: { staff: handlerOrFacilitator },
  recordCheckIn: { staff: handlerOrFacilitator },
  addMeasure: { staff: handler },
  endMeasure: { staff: handler },
  skipStep: { staff: handler },
  pauseDeadline: { staff: handler },
  resumeDeadline: { staff: handler },
  extendDeadline: { staff: handler },
  placeLegalHold: { staff: { kind: 'admin' }, administrative: true },
  liftLegalHold: { staff: { kind: 'admin' }, administrative: true },
};

/** Actions that remain possible on a closed case: staffing, check-ins, measures, legal hold. */
export const allowedAfterClosure: ReadonlySet<ActionType> = new Set([
  'assign',
  'unassign',
  'declareNoConflict',
  'recordConflict',
  'scheduleCheckIn',
  'recordCheckIn',
  'endMeasure',
  'placeLegalHold',
  'liftLegalHold',
]);

/** Who is acting and, for staff, the part this action counts as (null: administration). */
export type Permission = { by: ActorRef; duty: Duty | null };

export function authorise(state: CaseState, action: CaseAction, actor: Actor, step: StepDefinition | undefined): Permission | Refusal {
  const rule = rules[action.type];
  switch (actor.kind) {
    case 'system':
      return rule.system ? { by: { kind: 'system' }, duty: null } : refusal('NOT_ALLOWED');
    case 'reporter':
    case 'respondent':
      return authoriseParty(state, action, actor.kind, rule);
    case 'staff':
      return authoriseStaff(state, action, actor, rule, step);
  }
}

function authoriseParty(state: CaseState, action: CaseAction, party: Party, rule: Rule): Permission | Refusal {
  const allowedParty = rule.party?.(action) ?? null;
  if (allowedParty === null) return refusal('NOT_ALLOWED');
  if (allowedParty !== party) return refusal('PARTY_MISMATCH', { party: allowedParty });
  // A respondent who has not been told of the case cannot be acting on it.
  if (party === 'respondent' && !respondentKnows(state)) return refusal('NOT_ALLOWED');
  return { by: { kind: party }, duty: null };
}

function authoriseStaff(
  state: CaseState,
  action: CaseAction,
  actor: Extract<Actor, { kind: 'staff' }>,
  rule: Rule,
  step: StepDefinition | undefined,
): Permission | Refusal {
  if (isConflicted(state, actor.staffId)) return refusal('CONFLICT_OF_INTEREST');
  // Anyone who may see the case can declare their own conflict at once, before anything else;
  // recording someone else's takes them off the case, so it is for a handler on it or an admin,
  // who has declared first.
  const aboutSelf = action.type === 'recordConflict' && action.staffId === actor.staffId;
  const needsDeclaration = action.type !== 'declareNoConflict' && !aboutSelf;
  if (needsDeclaration && !state.noConflictDeclared.includes(actor.staffId)) return refusal('NO_CONFLICT_DECLARATION');
  const assignments = activeAssignments(state, actor.staffId);
  const by: ActorRef = { kind: 'staff', staffId: actor.staffId, caseRoles: assignments.map((assignment) => assignment.role) };
  if (rule.staff === null) return refusal('NOT_ALLOWED');
  if (rule.needsStatement && rule.party?.(action) && !('statementRef' in action && action.statementRef)) {
    return refusal('STATEMENT_REQUIRED');
  }
  const staffRule: StaffRule = action.type === 'recordConflict' && !aboutSelf ? { kind: 'assigner' } : rule.staff;
  switch (staffRule.kind) {
    case 'anyone':
      return { by, duty: null };
    case 'admin':
      return actor.grants.includes('admin') ? { by, duty: null } : refusal('NOT_ALLOWED');
    case 'assigner':
      return mayAssign(state, action, actor) ? { by, duty: null } : refusal('NOT_ALLOWED');
    case 'step':
      return step ? actingRole(actor, assignments, step.roles, step.duty, by) : refusal('NOT_ALLOWED');
    case 'roles':
      return actingRole(actor, assignments, staffRule.roles, null, by, rule.administrative);
  }
}

function actingRole(
  actor: Extract<Actor, { kind: 'staff' }>,
  assignments: ReturnType<typeof activeAssignments>,
  roles: readonly CaseRole[],
  stepDuty: Duty | null,
  by: ActorRef,
  administrative = false,
): Permission | Refusal {
  if (assignments.length === 0) return refusal('NOT_ON_CASE');
  const role = roles.find((candidate) => assignments.some((a) => a.role === candidate) && actor.grants.includes(grantForCaseRole[candidate]));
  if (!role) return refusal('NOT_ALLOWED', { roles: roles.join(', ') });
  return { by, duty: administrative ? null : (stepDuty ?? dutyOfCaseRole[role]) };
}

function mayAssign(state: CaseState, action: CaseAction, actor: Extract<Actor, { kind: 'staff' }>): boolean {
  if (actor.grants.includes('admin')) return true;
  if (activeAssignments(state, actor.staffId).some((a) => a.role === 'handler') && actor.grants.includes('handler')) return true;
  // Taking an unstaffed case: a handler may put themself on it as its first handler.
  return (
    action.type === 'assign' &&
    action.staffId === actor.staffId &&
    action.as === 'handler' &&
    actor.grants.includes('handler') &&
    activeHandlers(state).length === 0
  );
}
