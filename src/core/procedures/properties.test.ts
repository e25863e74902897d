/**
 * Property tests: random people take random actions at random times on cases following any
 * template (moving between paths as the reporter chooses), and after every attempt the
 * promises of the procedures still hold. Most attempts are drawn from what is accepted at
 * that moment, so runs get deep (decisions, appeals, closures); the rest are arbitrary and
 * mostly refused. A final check makes sure the deep states were actually reached.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../roles.ts';
import type { CaseAction } from './actions.ts';
import { applyAction, type ActionResult } from './applyAction.ts';
import { dayOf, daysBetween } from './calendar.ts';
import { respondentContactAllowed, startCase, type Actor, type CaseState, type StepRecord } from './caseState.ts';
import { deadlines, type DeadlineStatus } from './deadlines.ts';
import { refOf, sameProcedure, type ProcedureDefinition } from './definition.ts';
import { reachesRespondent } from './events.ts';
import { templates } from './templates/index.ts';
import { caseRoles, noticeContents, parties, type Party } from './vocabulary.ts';

const staff = (staffId: string, grants: StaffRole[]): Actor => ({ kind: 'staff', staffId, grants });
/** Invented people, most holding several grants so that only the engine keeps duties apart. */
const cast: Actor[] = [
  staff('ines', ['handler', 'investigator', 'decision_maker', 'appeal_reviewer']),
  staff('jon', ['handler', 'decision_maker', 'appeal_reviewer', 'investigator']),
  staff('kofi', ['investigator', 'decision_maker', 'appeal_reviewer', 'handler']),
  staff('lena', ['appeal_reviewer', 'handler', 'investigator', 'decision_maker']),
  staff('mo', ['admin', 'handler']),
  staff('nadia', ['handler', 'investigator', 'decision_maker', 'appeal_reviewer', 'admin']),
  { kind: 'reporter' },
  { kind: 'respondent' },
  { kind: 'system' },
];
const staffIds = ['ines', 'jon', 'kofi', 'lena', 'mo', 'nadia'];
const named = ['nadia'];
const formal = templates.find((template) => template.path === 'formal') as ProcedureDefinition;

function definitionOf(state: CaseState): ProcedureDefinition {
  return templates.find((template) => sameProcedure(template, state.procedure)) as ProcedureDefinition;
}

function stepActions(definition: ProcedureDefinition, short: boolean): CaseAction[] {
  return definition.steps.map((step): CaseAction => {
    switch (step.action) {
      case 'triage':
        return { type: 'triage', priority: 'high', retaliationRisk: 'high' };
      case 'recordFollowUp':
      case 'giveFeedback':
        return { type: step.action, summaryRef: 's' };
      case 'notifyRespondent':
        return { type: 'notifyRespondent', noticeRef: 'n', contents: short ? ['allegations'] : [...noticeContents] };
      case 'submitInvestigationReport':
        return { type: 'submitInvestigationReport', reportRef: 'r' };
      case 'decide':
        return { type: 'decide', outcome: 'responsible', standardOfEvidence: 'clearAndConvincing', reasonsRef: 'r', sanctions: [], remedies: [] };
      case 'issueOutcome':
        return { type: 'issueOutcome', letterRef: 'l' };
      case 'recordAgreement':
        return { type: 'recordAgreement', agreementRef: 'a' };
      case 'reviewAgreement':
        return { type: 'reviewAgreement', kept: false, noteRef: 'n' };
      case 'recordEscrowMatch':
        return { type: 'recordEscrowMatch', matchRef: 'm' };
      case 'close':
        return { type: 'close', summaryRef: 'c' };
      default:
        return { type: step.action };
    }
  });
}

/** Everything worth trying on this case now, by anyone. */
function menu(state: CaseState, now: Date, pathChanges: boolean): CaseAction[] {
  const definition = definitionOf(state);
  const today = dayOf(now);
  const forParties = (make: (party: Party) => CaseAction) => parties.map(make);
  return [
    ...stepActions(definition, false),
    ...stepActions(definition, true).filter((action) => action.type === 'notifyRespondent'),
    ...staffIds.flatMap((staffId) => caseRoles.map((as): CaseAction => ({ type: 'assign', staffId, as }))),
    ...state.team.map((a): CaseAction => ({ type: 'unassign', staffId: a.staffId, as: a.role, reason: 'rota' })),
    { type: 'declareNoConflict' },
    { type: 'recordConflict', staffId: 'jon', basis: 'relatedToParty', reason: 'cousin' },
    { type: 'allowRespondentContact', statementRef: 's' },
    { type: 'revokeRespondentContact', statementRef: 's' },
    { type: 'requestSafetyException', reason: 'risk to others' },
    { type: 'approveSafetyException' },
    { type: 'recordResponse', statementRef: 's' },
    ...(['reporter', 'respondent', 'investigation'] as const).map((from): CaseAction => ({ type: 'addEvidence', from, kind: 'witness', evidenceRef: 'e' })),
    ...forParties((party) => ({ type: 'nameAdviser', party, adviserRef: 'a' })),
    ...forParties((by) => ({ type: 'fileAppeal', by, grounds: ['newEvidence'], statementRef: 's' })),
    ...state.appeals.map((appeal): CaseAction => ({ type: 'decideAppeal', appealId: appeal.id, result: 'overturned', reasonsRef: 'r' })),
    ...forParties((party) => ({ type: 'recordConsent', party, statementRef: 's' })),
    ...(pathChanges ? pathChoices() : []),
    ...forParties((party) => ({ type: 'scheduleCheckIn', with: party, topic: 'agreement', dueOn: today })),
    ...state.checkIns.map((checkIn): CaseAction => ({ type: 'recordCheckIn', checkInId: checkIn.id, noteRef: 'n', concernRaised: false })),
    ...definition.steps.map((step): CaseAction => ({ type: 'skipStep', step: step.id, reason: 'no longer needed' })),
    ...definition.deadlines.flatMap((deadline): CaseAction[] => [
      { type: 'pauseDeadline', deadline: deadline.id, reason: 'leave' },
      { type: 'resumeDeadline', deadline: deadline.id },
      { type: 'extendDeadline', deadline: deadline.id, days: 3, reason: 'more time' },
    ]),
    { type: 'placeLegalHold', reason: 'court' },
    { type: 'liftLegalHold', reason: 'court' },
  ];
}

function pathChoices(): CaseAction[] {
  return [
    ...parties.map((party): CaseAction => ({ type: 'withdrawConsent', party, statementRef: 's', resume: refOf(formal) })),
    ...templates.map((template): CaseAction => ({ type: 'changePath', to: refOf(template), statementRef: 's' })),
    { type: 'withdrawReport', statementRef: 's' },
  ];
}

const statusRank: Record<DeadlineStatus, number> = { upcoming: 0, due: 1, overdue: 2, paused: -1, met: -2, waived: -3 };

/**
 * States are values the engine never mutates, so each is frozen as it is made: any attempt to
 * change one in place would throw. Parts shared with earlier states are frozen already.
 */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const reached = { decisions: 0, appealDecisions: 0, closures: 0, pathChanges: 0, refusals: 0, accepted: 0 };

function recordsOf(state: CaseState, procedure: StepRecord['procedure']): StepRecord[] {
  return state.steps.filter((record) => sameProcedure(record.procedure, procedure) && record.status === 'completed');
}

/** No decision without notice, the response period, a 10-day evidence review and a report. */
function checkDueProcess(state: CaseState): void {
  for (const decided of state.steps.filter((record) => record.stepAction === 'decide')) {
    const same = recordsOf(state, decided.procedure);
    const find = (action: StepRecord['stepAction']) => same.find((record) => record.stepAction === action);
    const notice = find('notifyRespondent');
    const opened = find('openEvidenceReview');
    const closed = find('closeEvidenceReview');
    const report = find('submitInvestigationReport');
    expect(decided.status).toBe('completed');
    expect(notice && opened && closed && report).toBeTruthy();
    if (!notice || !opened || !closed || !report) return;
    expect(notice.at <= opened.at && opened.at <= closed.at && closed.at <= report.at && report.at <= decided.at).toBe(true);
    expect(daysBetween(dayOf(opened.at), dayOf(closed.at))).toBeGreaterThanOrEqual(10);
    const answered = state.responses.some((response) => response.at >= notice.at && response.at <= decided.at);
    expect(answered || daysBetween(dayOf(notice.at), dayOf(decided.at)) >= 10).toBe(true);
  }
}

/** The decider never investigated; each appeal reviewer took no other part. */
function checkSeparation(state: CaseState): void {
  for (const decided of state.steps.filter((record) => record.stepAction === 'decide')) {
    if (decided.by.kind !== 'staff') throw new Error('a decision must be taken by staff');
    const decider = decided.by.staffId;
    expect(state.involvement[decider]).not.toContain('investigate');
    expect(state.team.some((a) => a.staffId === decider && a.role === 'investigator')).toBe(false);
    const investigative = new Set(['addEvidence', 'openEvidenceReview', 'closeEvidenceReview', 'submitInvestigationReport']);
    expect(state.history.some((entry) => entry.by.kind === 'staff' && entry.by.staffId === decider && investigative.has(entry.action.type))).toBe(false);
  }
  for (const appeal of state.appeals) {
    if (!appeal.decision) continue;
    expect(state.involvement[appeal.decision.by]).toEqual(['reviewAppeal']);
  }
}

function resultFor(state: CaseState, actor: Actor, action: CaseAction, now: Date): ActionResult {
  return applyAction(definitionOf(state), state, action, actor, now);
}

/** Either party's appeal is accepted or refused alike, by the party or by staff on their behalf. */
function checkAppealsEqual(state: CaseState, now: Date): void {
  if (state.appeals.length > 0) return;
  const appeal = (by: Party): CaseAction => ({ type: 'fileAppeal', by, grounds: ['proceduralIrregularity'], statementRef: 's' });
  for (const actor of cast.filter((candidate) => candidate.kind === 'staff')) {
    const [reporter, respondent] = parties.map((party) => resultFor(state, actor, appeal(party), now));
    expect(reporter?.ok).toBe(respondent?.ok);
    if (reporter && !reporter.ok && respondent && !respondent.ok) expect(reporter.error.code).toBe(respondent.error.code);
  }
  const byReporter = resultFor(state, { kind: 'reporter' }, appeal('reporter'), now);
  const byRespondent = resultFor(state, { kind: 'respondent' }, appeal('respondent'), now);
  expect(byReporter.ok).toBe(byRespondent.ok);
}

/** While nothing happens, every deadline's status only moves forward in time. */
function checkDeadlinesMonotone(state: CaseState, now: Date, laterBy: number): void {
  const definition = definitionOf(state);
  const later = new Date(now.getTime() + laterBy * 3_600_000);
  const before = deadlines(definition, state, now);
  const after = new Map(deadlines(definition, state, later).map((view) => [view.id, view]));
  expect(after.size).toBe(before.length);
  for (const view of before) {
    const next = after.get(view.id);
    if (!next) throw new Error(`deadline ${view.id} vanished`);
    if (statusRank[view.status] < 0) expect(next.status).toBe(view.status);
    else expect(statusRank[next.status]).toBeGreaterThanOrEqual(statusRank[view.status]);
  }
}

/**
 * How a move is chosen: `progress` picks among accepted moves that advance the case (the
 * steps at hand, the people and consents they need, appeals); `accepted` picks among
 * everything the drawn person may do now; `arbitrary` tries anything, usually refused.
 */
type Move = { actor: number; pick: number; hours: number; mode: 'progress' | 'accepted' | 'arbitrary' };

function progressOptions(state: CaseState, now: Date): CaseAction[] {
  const definition = definitionOf(state);
  const rolesNeeded = new Set(definition.steps.flatMap((step) => step.roles));
  return [
    { type: 'declareNoConflict' },
    ...staffIds.flatMap((staffId) => [...rolesNeeded, 'appeal_reviewer' as const].map((as): CaseAction => ({ type: 'assign', staffId, as }))),
    { type: 'allowRespondentContact', statementRef: 's' },
    ...parties.map((party): CaseAction => ({ type: 'recordConsent', party, statementRef: 's' })),
    { type: 'scheduleCheckIn', with: 'reporter', topic: 'agreement', dueOn: dayOf(now) },
    ...state.checkIns.map((checkIn): CaseAction => ({ type: 'recordCheckIn', checkInId: checkIn.id, noteRef: 'n', concernRaised: false })),
    ...parties.map((by): CaseAction => ({ type: 'fileAppeal', by, grounds: ['newEvidence'], statementRef: 's' })),
    ...state.appeals.map((appeal): CaseAction => ({ type: 'decideAppeal', appealId: appeal.id, result: 'upheld', reasonsRef: 'r' })),
  ];
}

function chooseMove(state: CaseState, now: Date, move: Move, pathChanges: boolean): [Actor, CaseAction] | null {
  if (move.mode === 'progress') {
    // Steps first; people and consents only when no step can be taken, from the first person
    // (counting from the drawn one) who has something to do.
    const definition = definitionOf(state);
    const steps = stepActions(definition, false).flatMap((action) =>
      cast.filter((actor) => resultFor(state, actor, action, now).ok).map((actor): [Actor, CaseAction] => [actor, action]),
    );
    if (steps.length > 0) return steps[move.pick % steps.length] ?? null;
    const options = progressOptions(state, now);
    for (let offset = 0; offset < cast.length; offset += 1) {
      const actor = cast[(move.actor + offset) % cast.length] as Actor;
      const accepted = options.filter((action) => resultFor(state, actor, action, now).ok);
      if (accepted.length > 0) return [actor, accepted[move.pick % accepted.length] as CaseAction];
    }
    return null;
  }
  const actor = cast[move.actor % cast.length] as Actor;
  const options = menu(state, now, pathChanges);
  const pool = move.mode === 'accepted' ? options.filter((action) => resultFor(state, actor, action, now).ok) : options;
  const action = pool[move.pick % Math.max(pool.length, 1)];
  return action ? [actor, action] : null;
}

/** Plays the moves; without path changes a run stays on its path and gets further along it. */
function play(start: ProcedureDefinition, moves: Move[], pathChanges: boolean): void {
  let now = new Date('2025-01-06T08:00:00.000Z');
  let state = deepFreeze(startCase(start, { receivedAt: now, namedStaff: named }));
  for (const move of moves) {
    now = new Date(now.getTime() + move.hours * 3_600_000);
    const chosen = chooseMove(state, now, move, pathChanges);
    if (!chosen) continue;
    const [actor, action] = chosen;

    checkAppealsEqual(state, now);
    const before = state;
    const snapshot = JSON.stringify(state);
    const result = resultFor(state, actor, action, now);
    expect(JSON.stringify(state)).toBe(snapshot);
    if (!result.ok) {
      reached.refusals += 1;
      expect(result.error.messageKey).toBe(`procedures.refusals.${result.error.code}`);
      continue;
    }
    reached.accepted += 1;
    if (result.events.some(reachesRespondent)) expect(respondentContactAllowed(before)).toBe(true);
    if (named.includes(actor.kind === 'staff' ? actor.staffId : '')) throw new Error('a conflicted person acted');
    if (result.events.some((event) => event.type === 'pathChanged')) reached.pathChanges += 1;
    state = deepFreeze(result.state);
    checkDueProcess(state);
    checkSeparation(state);
    checkDeadlinesMonotone(state, now, move.hours * 7 + 1);
  }
  if (state.steps.some((record) => record.stepAction === 'decide')) reached.decisions += 1;
  if (state.appeals.some((appeal) => appeal.decision)) reached.appealDecisions += 1;
  if (state.closure) reached.closures += 1;
}

const moveArbitrary = fc.record({
  actor: fc.nat(),
  pick: fc.nat(),
  hours: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 12, max: 96 })),
  mode: fc.constantFrom<Move['mode']>('progress', 'progress', 'progress', 'accepted', 'arbitrary', 'arbitrary'),
});

describe('the procedure engine, under random sequences of actions', () => {
  afterAll(() => {
    // The properties mean something only if random play reached the states they speak of.
    expect(reached.decisions).toBeGreaterThan(0);
    expect(reached.appealDecisions).toBeGreaterThan(0);
    expect(reached.closures).toBeGreaterThan(0);
    expect(reached.pathChanges).toBeGreaterThan(0);
    expect(reached.refusals).toBeGreaterThan(0);
  });

  it('keeps every promise on formal cases', () => {
    fc.assert(
      fc.property(fc.array(moveArbitrary, { minLength: 60, maxLength: 120 }), (moves) => play(formal, moves, false)),
      { numRuns: 40 },
    );
  }, 120_000);

  it('keeps every promise whatever path the case starts on', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.array(moveArbitrary, { minLength: 10, maxLength: 80 }), (start, moves) => play(start, moves, true)),
      { numRuns: 40 },
    );
  }, 120_000);
});
