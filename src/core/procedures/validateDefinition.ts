/**
 * Accepts a procedure definition only if it can be followed to the end and keeps its promises.
 * Admins edit copies of the templates, so an edited definition is parsed (shape) and then
 * checked as a whole: every step reachable and leading to closure, no cycle, guards where they
 * mean something, no step reaching the respondent on a path that promises none, and — for a
 * due-process definition — every safeguard of the formal template in place: the decision comes
 * after written notice, the respondent's response period, the evidence review of at least
 * 10 days and the investigation report, none of them skippable; the decider never investigated;
 * the appeal reviewer took no other part; appeals exist for both parties.
 */
import { AppError } from '../errors.ts';
import { procedureDefinitionSchema, type Guard, type ProcedureDefinition, type StepDefinition } from './definition.ts';
import { stepActionsReachingRespondent, type Duty, type NoticeContent, type StepActionType } from './vocabulary.ts';

export const definitionProblemCodes = [
  'SHAPE',
  'DUPLICATE_STEP',
  'DUPLICATE_ACTION',
  'DUPLICATE_DEADLINE',
  'UNKNOWN_STEP',
  'DEADLINE_STARTS_AT_ITSELF',
  'CLOSURE_MISSING',
  'STEP_UNREACHABLE',
  'STEP_NOT_BEFORE_CLOSURE',
  'STEP_MUST_NOT_BE_SKIPPABLE',
  'GUARD_MISPLACED',
  'GUARD_NEEDS_EARLIER_STEP',
  'RESPONDENT_CONTACT_ON_PATH',
  'APPEALS_WITHOUT_OUTCOME',
  'CLOSURE_BEFORE_APPEALS',
  'CONSENT_GUARD_MISSING',
  'DUE_PROCESS_STEP_MISSING',
  'DECISION_WITHOUT_SAFEGUARD',
  'OUTCOME_BEFORE_DECISION',
  'STEP_DUTY_WRONG',
  'RESPONSE_PERIOD_TOO_SHORT',
  'EVIDENCE_REVIEW_TOO_SHORT',
  'NOTICE_CONTENTS_MISSING',
  'SEPARATION_MISSING',
  'APPEALS_MISSING',
] as const;
export type DefinitionProblemCode = (typeof definitionProblemCodes)[number];

export type DefinitionProblem = { code: DefinitionProblemCode; messageKey: string; params: Record<string, string | number> };
export type DefinitionVerdict = { ok: true; definition: ProcedureDefinition } | { ok: false; problems: DefinitionProblem[] };

/** Due-process minimums (34 CFR 106.45 as the model): days, not negotiable by editing. */
export const dueProcessMinimums = { responseDays: 10, evidenceReviewDays: 10 } as const;
const requiredNotice: readonly NoticeContent[] = ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview'];
const safeguardsBeforeDecision: readonly StepActionType[] = ['notifyRespondent', 'openEvidenceReview', 'closeEvidenceReview', 'submitInvestigationReport'];
const requiredSeparation: readonly [Duty, Duty][] = [
  ['decide', 'investigate'],
  ['reviewAppeal', 'handle'],
  ['reviewAppeal', 'investigate'],
  ['reviewAppeal', 'decide'],
  ['reviewAppeal', 'facilitate'],
];
const guardPlaces: Partial<Record<Guard['kind'], StepActionType>> = {
  noticeIncludes: 'notifyRespondent',
  evidenceReviewMinimum: 'closeEvidenceReview',
  appealsSettled: 'close',
};
const pathsThatNeverReachTheRespondent = new Set(['record-only', 'escrow']);

function problem(code: DefinitionProblemCode, params: Record<string, string | number> = {}): DefinitionProblem {
  return { code, messageKey: `procedures.problems.${code}`, params };
}

export function validateDefinition(input: unknown): DefinitionVerdict {
  const parsed = procedureDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => problem('SHAPE', { path: issue.path.join('.') || 'definition', detail: issue.message })),
    };
  }
  const definition = parsed.data;
  const structural = structureProblems(definition);
  // Reachability and due process only make sense once every reference resolves.
  const problems = structural.length > 0 ? structural : [...flowProblems(definition), ...promiseProblems(definition)];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

function structureProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const ids = new Set<string>();
  const actions = new Set<string>();
  for (const step of definition.steps) {
    if (ids.has(step.id)) problems.push(problem('DUPLICATE_STEP', { step: step.id }));
    if (actions.has(step.action)) problems.push(problem('DUPLICATE_ACTION', { action: step.action }));
    ids.add(step.id);
    actions.add(step.action);
  }
  const known = (id: string, where: string) => (ids.has(id) ? [] : [problem('UNKNOWN_STEP', { step: id, where })]);
  for (const step of definition.steps) problems.push(...step.after.flatMap((id) => known(id, `steps.${step.id}.after`)));
  const deadlineIds = new Set<string>();
  for (const deadline of definition.deadlines) {
    if (deadlineIds.has(deadline.id)) problems.push(problem('DUPLICATE_DEADLINE', { deadline: deadline.id }));
    deadlineIds.add(deadline.id);
    problems.push(...known(deadline.step, `deadlines.${deadline.id}.step`));
    if (deadline.from.kind === 'stepCompleted') {
      problems.push(...known(deadline.from.step, `deadlines.${deadline.id}.from`));
      if (deadline.from.step === deadline.step) problems.push(problem('DEADLINE_STARTS_AT_ITSELF', { deadline: deadline.id }));
    }
  }
  problems.push(...definition.staffing.exemptSteps.flatMap((id) => known(id, 'staffing.exemptSteps')));
  if (!actions.has('close')) problems.push(problem('CLOSURE_MISSING'));
  return problems;
}

/** Steps each step needs before it, directly or not; null marks a step caught in a cycle. */
function prerequisites(definition: ProcedureDefinition): Map<string, Set<string> | null> {
  const result = new Map<string, Set<string> | null>();
  const visiting = new Set<string>();
  const visit = (id: string): Set<string> | null => {
    if (result.has(id)) return result.get(id) ?? null;
    if (visiting.has(id)) return null;
    visiting.add(id);
    const step = definition.steps.find((candidate) => candidate.id === id);
    const all = new Set<string>();
    let blocked = false;
    for (const earlier of step?.after ?? []) {
      const before = visit(earlier);
      if (before === null) blocked = true;
      else for (const each of [earlier, ...before]) all.add(each);
    }
    visiting.delete(id);
    result.set(id, blocked ? null : all);
    return blocked ? null : all;
  };
  for (const step of definition.steps) visit(step.id);
  return result;
}

function flowProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const before = prerequisites(definition);
  const unreachable = definition.steps.filter((step) => before.get(step.id) === null).map((step) => step.id);
  if (unreachable.length > 0) problems.push(problem('STEP_UNREACHABLE', { steps: unreachable.join(', ') }));
  const closure = definition.steps.find((step) => step.action === 'close');
  const beforeClosure = (closure && before.get(closure.id)) || new Set<string>();
  for (const step of definition.steps) {
    if (step !== closure && !unreachable.includes(step.id) && !beforeClosure.has(step.id)) {
      problems.push(problem('STEP_NOT_BEFORE_CLOSURE', { step: step.id }));
    }
  }
  if (closure?.skippable) problems.push(problem('STEP_MUST_NOT_BE_SKIPPABLE', { step: closure.id }));
  for (const step of definition.steps) problems.push(...guardProblems(definition, step, before.get(step.id) ?? new Set()));
  return problems;
}

function guardProblems(definition: ProcedureDefinition, step: StepDefinition, before: Set<string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const comesAfter = (action: StepActionType) => definition.steps.some((other) => other.action === action && before.has(other.id));
  for (const guard of step.guards) {
    const place = guardPlaces[guard.kind];
    if (place && place !== step.action) problems.push(problem('GUARD_MISPLACED', { step: step.id, guard: guard.kind }));
    if (guard.kind === 'responsePeriod' && !comesAfter('notifyRespondent')) {
      problems.push(problem('GUARD_NEEDS_EARLIER_STEP', { step: step.id, guard: guard.kind, needs: 'notifyRespondent' }));
    }
    if (guard.kind === 'evidenceReviewMinimum' && !comesAfter('openEvidenceReview')) {
      problems.push(problem('GUARD_NEEDS_EARLIER_STEP', { step: step.id, guard: guard.kind, needs: 'openEvidenceReview' }));
    }
  }
  return problems;
}

function promiseProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (pathsThatNeverReachTheRespondent.has(definition.path)) {
    for (const step of definition.steps.filter((candidate) => stepActionsReachingRespondent.has(candidate.action))) {
      problems.push(problem('RESPONDENT_CONTACT_ON_PATH', { step: step.id, path: definition.path }));
    }
  }
  const outcome = definition.steps.find((step) => step.action === 'issueOutcome');
  const closure = definition.steps.find((step) => step.action === 'close');
  if (definition.appeals && !outcome) problems.push(problem('APPEALS_WITHOUT_OUTCOME'));
  if (definition.appeals && outcome && !closure?.guards.some((guard) => guard.kind === 'appealsSettled')) {
    problems.push(problem('CLOSURE_BEFORE_APPEALS'));
  }
  if (definition.path === 'informal') problems.push(...informalProblems(definition));
  if (definition.dueProcess) problems.push(...dueProcessProblems(definition));
  return problems;
}

function informalProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const agreement = definition.steps.find((step) => step.action === 'recordAgreement');
  if (agreement && !agreement.guards.some((guard) => guard.kind === 'bothPartiesConsent')) {
    problems.push(problem('CONSENT_GUARD_MISSING', { step: agreement.id }));
  }
  problems.push(...separationProblems(definition, [['facilitate', 'investigate']]));
  return problems;
}

function dueProcessProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const byAction = (action: StepActionType) => definition.steps.find((step) => step.action === action);
  const required: StepActionType[] = [...safeguardsBeforeDecision, 'decide', 'issueOutcome'];
  for (const action of required) {
    const step = byAction(action);
    if (!step) problems.push(problem('DUE_PROCESS_STEP_MISSING', { action }));
    else if (step.skippable) problems.push(problem('STEP_MUST_NOT_BE_SKIPPABLE', { step: step.id }));
  }
  const decision = byAction('decide');
  const outcome = byAction('issueOutcome');
  if (!decision || !outcome) return problems;
  const before = prerequisites(definition);
  const beforeDecision = before.get(decision.id) ?? new Set<string>();
  for (const action of safeguardsBeforeDecision) {
    const safeguard = byAction(action);
    if (safeguard && !beforeDecision.has(safeguard.id)) problems.push(problem('DECISION_WITHOUT_SAFEGUARD', { step: decision.id, missing: action }));
  }
  if (!(before.get(outcome.id) ?? new Set()).has(decision.id)) problems.push(problem('OUTCOME_BEFORE_DECISION', { step: outcome.id }));
  problems.push(...dutyProblems(definition), ...periodProblems(definition), ...separationProblems(definition, requiredSeparation));
  if (!definition.appeals) problems.push(problem('APPEALS_MISSING'));
  return problems;
}

function dutyProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const expected: Partial<Record<StepActionType, Duty>> = {
    decide: 'decide',
    openEvidenceReview: 'investigate',
    closeEvidenceReview: 'investigate',
    submitInvestigationReport: 'investigate',
  };
  return definition.steps.flatMap((step) => {
    const duty = expected[step.action];
    return duty && step.duty !== duty ? [problem('STEP_DUTY_WRONG', { step: step.id, duty })] : [];
  });
}

function periodProblems(definition: ProcedureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const guardOf = <K extends Guard['kind']>(action: StepActionType, kind: K) =>
    definition.steps.find((step) => step.action === action)?.guards.find((guard): guard is Extract<Guard, { kind: K }> => guard.kind === kind);
  const response = guardOf('decide', 'responsePeriod');
  if (!response || response.days < dueProcessMinimums.responseDays) {
    problems.push(problem('RESPONSE_PERIOD_TOO_SHORT', { days: response?.days ?? 0, minimum: dueProcessMinimums.responseDays }));
  }
  const review = guardOf('closeEvidenceReview', 'evidenceReviewMinimum');
  if (!review || review.days < dueProcessMinimums.evidenceReviewDays) {
    problems.push(problem('EVIDENCE_REVIEW_TOO_SHORT', { days: review?.days ?? 0, minimum: dueProcessMinimums.evidenceReviewDays }));
  }
  const notice = guardOf('notifyRespondent', 'noticeIncludes');
  const missing = requiredNotice.filter((content) => !notice?.contents.includes(content));
  if (missing.length > 0) problems.push(problem('NOTICE_CONTENTS_MISSING', { missing: missing.join(', ') }));
  return problems;
}

function separationProblems(definition: ProcedureDefinition, pairs: readonly [Duty, Duty][]): DefinitionProblem[] {
  const has = (a: Duty, b: Duty) =>
    definition.separationOfDuties.some((rule) => (rule.duty === a && rule.never.includes(b)) || (rule.duty === b && rule.never.includes(a)));
  return pairs.filter(([a, b]) => !has(a, b)).map(([a, b]) => problem('SEPARATION_MISSING', { duty: a, never: b }));
}

/** The error a use-case throws for a rejected definition; the page lists `problems` itself. */
export function definitionError(problems: readonly DefinitionProblem[]): AppError {
  return new AppError('PROCEDURE_INVALID', { detail: problems.map((entry) => entry.code).join(', ') });
}
