/**
 * The state of one case as a plain value (JSON-serialisable, never mutated): which path and
 * procedure it follows, the steps done on each, the team, conflicts, consents, the parties'
 * submissions, appeals, check-ins, measures, deadline pauses and extensions, closure, legal
 * hold, and the full history of accepted actions (who, in which role, when, with what reason).
 * Step progress is kept per procedure, so a case that leaves the formal path for an informal
 * resolution and then resumes it finds its formal steps where it left them.
 */
import type { StaffRole } from '../roles.ts';
import type { CaseAction } from './actions.ts';
import { sameProcedure, refOf, type ProcedureDefinition, type ProcedureRef, type StepDefinition } from './definition.ts';
import { actionsCarriedAcrossPaths, type CaseRole, type Duty, type Party, type StepActionType } from './vocabulary.ts';

/** An ISO 8601 instant in UTC. */
export type Instant = string;

/** Who is acting. Staff carry the grants they hold in the case's organisation. */
export type Actor =
  | { kind: 'staff'; staffId: string; grants: readonly StaffRole[] }
  | { kind: 'reporter' }
  | { kind: 'respondent' }
  /** Redress itself: intake recording a conflict, the escrow matcher recording a match. */
  | { kind: 'system' };

/** Who acted, as kept in the history: staff with the case roles they held at that moment. */
export type ActorRef =
  | { kind: 'staff'; staffId: string; caseRoles: CaseRole[] }
  | { kind: 'reporter' }
  | { kind: 'respondent' }
  | { kind: 'system' };

export type StepRecord = {
  procedure: { id: string; version: number };
  step: string;
  stepAction: StepActionType;
  status: 'completed' | 'skipped';
  at: Instant;
  by: ActorRef;
  /** The completing action (with its details, e.g. the decision) or the skip with its reason. */
  action: CaseAction;
};

export type Assignment = { staffId: string; role: CaseRole; since: Instant; until: Instant | null };
export type Conflict = { staffId: string; basis: 'namedInCase' | 'relatedToParty'; reason: string; at: Instant };
export type SafetyException = {
  reason: string;
  requestedBy: string;
  requestedAt: Instant;
  approvedBy: string | null;
  approvedAt: Instant | null;
};
export type Evidence = { id: string; from: 'reporter' | 'respondent' | 'investigation'; kind: 'document' | 'witness'; evidenceRef: string; at: Instant };
export type Appeal = {
  id: string;
  by: Party;
  grounds: string[];
  filedAt: Instant;
  decision: { result: string; reasonsRef: string; at: Instant; by: string } | null;
};
export type InformalConsent = { party: Party; at: Instant; statementRef: string | null; withdrawnAt: Instant | null };
export type CheckIn = {
  id: string;
  with: Party;
  topic: string;
  dueOn: string;
  scheduledAt: Instant;
  held: { at: Instant; noteRef: string; concernRaised: boolean } | null;
};
export type Measure = { id: string; for: Party; kind: 'supportive' | 'interim'; descriptionRef: string; at: Instant; endedAt: Instant | null };
export type DeadlineAdjustment = {
  procedure: { id: string; version: number };
  deadline: string;
  kind: 'pause' | 'resume' | 'extend';
  at: Instant;
  days: number;
  reason: string | null;
};
export type PathSegment = { procedure: ProcedureRef; since: Instant };
export type HistoryEntry = { at: Instant; by: ActorRef; action: CaseAction };

export type CaseState = {
  receivedAt: Instant;
  origin: 'report' | 'escrowMatch';
  procedure: ProcedureRef;
  /** Every path the case has followed, oldest first; the last is the current one. */
  paths: PathSegment[];
  steps: StepRecord[];
  team: Assignment[];
  /** Staff who declared, on first opening the case, that they have no conflict. */
  noConflictDeclared: string[];
  conflicts: Conflict[];
  /** Every part each staff member has taken or been assigned, for separation of duties. */
  involvement: Record<string, Duty[]>;
  /** The reporter's consent to contact the respondent, or null. */
  respondentContactConsent: { at: Instant; statementRef: string | null } | null;
  safetyException: SafetyException | null;
  responses: { at: Instant; statementRef: string }[];
  evidence: Evidence[];
  advisers: { party: Party; adviserRef: string; at: Instant }[];
  appeals: Appeal[];
  informalConsents: InformalConsent[];
  checkIns: CheckIn[];
  measures: Measure[];
  adjustments: DeadlineAdjustment[];
  closure: { at: Instant; kind: 'completed' | 'withdrawn' } | null;
  legalHold: { since: Instant; reason: string } | null;
  history: HistoryEntry[];
};

export type StartCaseInput = {
  receivedAt: Date;
  origin?: CaseState['origin'];
  /** Staff named in the report: a conflict from the first moment (SPEC: conflict of interest). */
  namedStaff?: readonly string[];
};

export function startCase(definition: ProcedureDefinition, input: StartCaseInput): CaseState {
  const at = input.receivedAt.toISOString();
  return {
    receivedAt: at,
    origin: input.origin ?? 'report',
    procedure: refOf(definition),
    paths: [{ procedure: refOf(definition), since: at }],
    steps: [],
    team: [],
    noConflictDeclared: [],
    conflicts: (input.namedStaff ?? []).map((staffId) => ({ staffId, basis: 'namedInCase', reason: 'named in the report', at })),
    involvement: {},
    respondentContactConsent: null,
    safetyException: null,
    responses: [],
    evidence: [],
    advisers: [],
    appeals: [],
    informalConsents: [],
    checkIns: [],
    measures: [],
    adjustments: [],
    closure: null,
    legalHold: null,
    history: [],
  };
}

export function currentPathSince(state: CaseState): Instant {
  return state.paths[state.paths.length - 1]?.since ?? state.receivedAt;
}

/**
 * The record for a step on the current procedure; for facts about the report itself
 * (acknowledged, triaged) a record made on an earlier path counts too.
 */
export function stepRecord(definition: ProcedureDefinition, state: CaseState, step: StepDefinition): StepRecord | undefined {
  const own = state.steps.find((record) => sameProcedure(record.procedure, definition) && record.step === step.id);
  if (own || !actionsCarriedAcrossPaths.has(step.action)) return own;
  return state.steps.find((record) => record.stepAction === step.action && record.status === 'completed');
}

export function isDone(definition: ProcedureDefinition, state: CaseState, step: StepDefinition): boolean {
  return stepRecord(definition, state, step) !== undefined;
}

/** When a step could first be taken on the current path, or null while earlier steps are open. */
export function readyAt(definition: ProcedureDefinition, state: CaseState, step: StepDefinition): Instant | null {
  let latest = currentPathSince(state);
  for (const id of step.after) {
    const earlier = definition.steps.find((candidate) => candidate.id === id);
    const record = earlier ? stepRecord(definition, state, earlier) : undefined;
    if (!record) return null;
    if (record.at > latest) latest = record.at;
  }
  return latest;
}

/** The steps that can be taken now: not done, every earlier step done. */
export function currentSteps(definition: ProcedureDefinition, state: CaseState): StepDefinition[] {
  if (state.closure) return [];
  return definition.steps.filter((step) => !isDone(definition, state, step) && readyAt(definition, state, step) !== null);
}

/** The completed record of the step taken by `action` on the current procedure, if any. */
export function completedStep(definition: ProcedureDefinition, state: CaseState, action: StepActionType): StepRecord | undefined {
  const step = definition.steps.find((candidate) => candidate.action === action);
  const record = step ? stepRecord(definition, state, step) : undefined;
  return record?.status === 'completed' ? record : undefined;
}

/** Whether the respondent has been told of the case, on any path. */
export function respondentKnows(state: CaseState): boolean {
  return state.steps.some(
    (record) => record.status === 'completed' && (record.stepAction === 'notifyRespondent' || record.stepAction === 'proposeInformal'),
  );
}

/** SPEC: nothing reaches the respondent without the reporter's consent or a safety exception. */
export function respondentContactAllowed(state: CaseState): boolean {
  return state.respondentContactConsent !== null || state.safetyException?.approvedAt != null;
}

export function activeAssignments(state: CaseState, staffId: string): Assignment[] {
  return state.team.filter((assignment) => assignment.staffId === staffId && assignment.until === null);
}

export function activeHandlers(state: CaseState): string[] {
  return [...new Set(state.team.filter((a) => a.role === 'handler' && a.until === null).map((a) => a.staffId))];
}

export function isConflicted(state: CaseState, staffId: string): boolean {
  return state.conflicts.some((conflict) => conflict.staffId === staffId);
}

export function informalConsentOf(state: CaseState, party: Party): InformalConsent | undefined {
  return state.informalConsents.find((consent) => consent.party === party && consent.withdrawnAt === null);
}
