/**
 * What a person can do on a case right now, for the pages to offer only forms that will work.
 * Each candidate is tried against `applyAction` itself with sample details, so this list can
 * never promise an action the engine would refuse for reasons of order, role, conflict,
 * separation of duties, timing or the respondent-contact gate. (Details the person will type —
 * documents, reasons — are only placeholders here; the real submission is checked again.)
 */
import type { CaseAction } from './actions.ts';
import { applyAction } from './applyAction.ts';
import { dayOf } from './calendar.ts';
import { currentSteps, type Actor, type CaseState } from './caseState.ts';
import { deadlines } from './deadlines.ts';
import type { ProcedureDefinition, StepDefinition } from './definition.ts';
import { caseRoles, noticeContents, parties, type Party } from './vocabulary.ts';

export type AvailableAction = {
  type: CaseAction['type'];
  /** What the action is about, when there is a choice: a step, party, deadline, appeal… */
  target: string | null;
};

const draft = 'draft';
const reason = 'to be given';
const otherProcedure = { id: 'another-procedure', version: 1, path: 'formal' as const };

function sampleStepAction(step: StepDefinition): CaseAction {
  switch (step.action) {
    case 'triage':
      return { type: 'triage', priority: 'normal', retaliationRisk: 'low' };
    case 'recordFollowUp':
    case 'giveFeedback':
      return { type: step.action, summaryRef: draft };
    case 'notifyRespondent':
      return { type: 'notifyRespondent', noticeRef: draft, contents: [...noticeContents] };
    case 'submitInvestigationReport':
      return { type: 'submitInvestigationReport', reportRef: draft };
    case 'decide':
      return { type: 'decide', outcome: 'notResponsible', standardOfEvidence: 'preponderanceOfEvidence', reasonsRef: draft, sanctions: [], remedies: [] };
    case 'issueOutcome':
      return { type: 'issueOutcome', letterRef: draft };
    case 'recordAgreement':
      return { type: 'recordAgreement', agreementRef: draft };
    case 'reviewAgreement':
      return { type: 'reviewAgreement', kept: true, noteRef: draft };
    case 'recordEscrowMatch':
      return { type: 'recordEscrowMatch', matchRef: draft };
    case 'close':
      return { type: 'close', summaryRef: draft };
    case 'acknowledge':
    case 'openEvidenceReview':
    case 'closeEvidenceReview':
    case 'proposeInformal':
    case 'informReporterOfMatch':
      return { type: step.action };
  }
}

function candidates(definition: ProcedureDefinition, state: CaseState, actor: Actor, now: Date): [CaseAction, string | null][] {
  const today = dayOf(now);
  const self = actor.kind === 'staff' ? actor.staffId : 'someone';
  const forParty = (make: (party: Party) => CaseAction): [CaseAction, string][] => parties.map((party) => [make(party), party]);
  const steps = currentSteps(definition, state);
  return [
    ...steps.map((step): [CaseAction, string] => [sampleStepAction(step), step.id]),
    ...steps.map((step): [CaseAction, string] => [{ type: 'skipStep', step: step.id, reason }, step.id]),
    ...caseRoles.map((role): [CaseAction, string] => [{ type: 'assign', staffId: self, as: role }, role]),
    ...state.team
      .filter((a) => a.until === null)
      .map((a): [CaseAction, string] => [{ type: 'unassign', staffId: a.staffId, as: a.role, reason }, `${a.staffId}:${a.role}`]),
    [{ type: 'declareNoConflict' }, null],
    [{ type: 'allowRespondentContact', statementRef: draft }, null],
    [{ type: 'revokeRespondentContact', statementRef: draft }, null],
    [{ type: 'requestSafetyException', reason }, null],
    [{ type: 'approveSafetyException' }, null],
    [{ type: 'recordResponse', statementRef: draft }, null],
    ...(['reporter', 'respondent', 'investigation'] as const).map((from): [CaseAction, string] => [
      { type: 'addEvidence', from, kind: 'document', evidenceRef: draft },
      from,
    ]),
    ...forParty((party) => ({ type: 'nameAdviser', party, adviserRef: draft })),
    ...forParty((by) => ({ type: 'fileAppeal', by, grounds: ['proceduralIrregularity'], statementRef: draft })),
    ...state.appeals.map((appeal): [CaseAction, string] => [{ type: 'decideAppeal', appealId: appeal.id, result: 'upheld', reasonsRef: draft }, appeal.id]),
    ...forParty((party) => ({ type: 'recordConsent', party, statementRef: draft })),
    ...forParty((party) => ({ type: 'withdrawConsent', party, statementRef: draft, resume: otherProcedure })),
    [{ type: 'changePath', to: otherProcedure, statementRef: draft }, null],
    [{ type: 'withdrawReport', statementRef: draft }, null],
    ...forParty((party) => ({ type: 'scheduleCheckIn', with: party, topic: 'wellbeing', dueOn: today })),
    ...state.checkIns.map((c): [CaseAction, string] => [{ type: 'recordCheckIn', checkInId: c.id, noteRef: draft, concernRaised: false }, c.id]),
    ...forParty((party) => ({ type: 'addMeasure', for: party, kind: 'supportive', descriptionRef: draft })),
    ...state.measures.map((m): [CaseAction, string] => [{ type: 'endMeasure', measureId: m.id, reason }, m.id]),
    ...deadlines(definition, state, now).flatMap((d): [CaseAction, string][] => [
      [{ type: 'pauseDeadline', deadline: d.id, reason }, d.id],
      [{ type: 'resumeDeadline', deadline: d.id }, d.id],
      [{ type: 'extendDeadline', deadline: d.id, days: 1, reason }, d.id],
    ]),
    [{ type: 'placeLegalHold', reason }, null],
    [{ type: 'liftLegalHold', reason }, null],
  ];
}

export function availableActions(definition: ProcedureDefinition, state: CaseState, actor: Actor, now: Date): AvailableAction[] {
  const seen = new Set<string>();
  const available: AvailableAction[] = [];
  for (const [action, target] of candidates(definition, state, actor, now)) {
    if (!applyAction(definition, state, action, actor, now).ok) continue;
    const key = `${action.type}/${target ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    available.push({ type: action.type, target });
  }
  return available;
}
