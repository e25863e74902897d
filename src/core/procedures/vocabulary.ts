/**
 * The fixed words procedures are written in. A procedure definition (data, editable by admins)
 * may arrange steps, guards, deadlines and roles as it likes, but only with these words: each
 * one has a meaning the engine enforces in code, so an edited definition can reorder or tighten
 * the work but never invent an action whose effect nobody checked.
 */
import type { StaffRole } from '../roles.ts';

/** The people in a case who are not staff. */
export const parties = ['reporter', 'respondent'] as const;
export type Party = (typeof parties)[number];

export function otherParty(party: Party): Party {
  return party === 'reporter' ? 'respondent' : 'reporter';
}

/** The reporter's paths (SPEC: the reporter chooses the path and can change it). */
export const pathKinds = ['internal-channel', 'formal', 'informal', 'record-only', 'escrow'] as const;
export type PathKind = (typeof pathKinds)[number];

/** What a staff member is assigned to do on one case. */
export const caseRoles = ['handler', 'investigator', 'decision_maker', 'appeal_reviewer', 'facilitator', 'escrow_counsellor'] as const;
export type CaseRole = (typeof caseRoles)[number];

/** The organisation-wide grant a staff member needs to be assigned a case role. */
export const grantForCaseRole: Record<CaseRole, StaffRole> = {
  handler: 'handler',
  investigator: 'investigator',
  decision_maker: 'decision_maker',
  appeal_reviewer: 'appeal_reviewer',
  facilitator: 'handler',
  escrow_counsellor: 'escrow_counsellor',
};

/**
 * Kinds of part a staff member can take in a case. Separation-of-duties rules are written in
 * these: "whoever decides never investigated", "the appeal reviewer took no other part".
 */
export const duties = ['handle', 'investigate', 'decide', 'facilitate', 'reviewAppeal', 'counsel'] as const;
export type Duty = (typeof duties)[number];

export const dutyOfCaseRole: Record<CaseRole, Duty> = {
  handler: 'handle',
  investigator: 'investigate',
  decision_maker: 'decide',
  appeal_reviewer: 'reviewAppeal',
  facilitator: 'facilitate',
  escrow_counsellor: 'counsel',
};

/** What the written notice to the respondent must say (34 CFR 106.45(b)(2) as a model). */
export const noticeContents = [
  'allegations',
  'rights',
  'presumptionOfNoResponsibility',
  'adviser',
  'evidenceReview',
  'noRetaliation',
] as const;
export type NoticeContent = (typeof noticeContents)[number];

/** Actions that complete a step. A definition's steps each name one of these. */
export const stepActionTypes = [
  'acknowledge',
  'triage',
  'recordFollowUp',
  'giveFeedback',
  'notifyRespondent',
  'openEvidenceReview',
  'closeEvidenceReview',
  'submitInvestigationReport',
  'decide',
  'issueOutcome',
  'proposeInformal',
  'recordAgreement',
  'reviewAgreement',
  'recordEscrowMatch',
  'informReporterOfMatch',
  'close',
] as const;
export type StepActionType = (typeof stepActionTypes)[number];

/** Step actions whose effect reaches the respondent; never allowed in a path that must not. */
export const stepActionsReachingRespondent: ReadonlySet<StepActionType> = new Set([
  'notifyRespondent',
  'openEvidenceReview',
  'submitInvestigationReport',
  'issueOutcome',
  'proposeInformal',
  'recordAgreement',
]);

/** Completed steps that are facts about the report, not about a path: kept across path changes. */
export const actionsCarriedAcrossPaths: ReadonlySet<StepActionType> = new Set(['acknowledge', 'triage']);

export const decisionOutcomes = ['responsible', 'notResponsible', 'dismissed'] as const;
export const standardsOfEvidence = ['preponderanceOfEvidence', 'clearAndConvincing'] as const;
export const appealGrounds = ['proceduralIrregularity', 'newEvidence', 'conflictOfInterest', 'disproportionateSanction'] as const;
/** The appeal reviewer's answer: the decision stands, or the reviewer's own decision replaces it. */
export const appealResults = ['upheld', 'overturned'] as const;
export const checkInTopics = ['wellbeing', 'retaliation', 'agreement', 'measures'] as const;
export const measureKinds = ['supportive', 'interim'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const riskLevels = ['low', 'medium', 'high'] as const;
