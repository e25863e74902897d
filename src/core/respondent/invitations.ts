/**
 * When the respondent (or their adviser) may be invited to the portal, and what state an
 * invitation is in. Pure rules over the engine's case state.
 *
 * An invitation to the respondent is a way to reach them, so it passes the same gate as
 * everything else that reaches them: the reporter's consent or an approved safety exception.
 * It is made only once the engine has recorded that the respondent was told (the written
 * notice, or on the informal path the proposal): the notice is the act that passes the gate,
 * starts the response period and is the first thing the portal shows, and a portal opened
 * before it would offer nothing the engine would accept. Staff record the notice, then invite;
 * the notice stays in the portal for as long as any invitation lets someone in.
 *
 * An adviser is invited only after the respondent has named one (an adviser of their choice,
 * 34 CFR 106.45(b)(5)(iv)): what the respondent may read is theirs to share. The adviser reads
 * the portal and writes on the respondent's thread, but takes no step in the procedure for
 * the respondent: the response, evidence, appeal and consents are the party's own acts, and
 * the engine accepts them only from the party (core/procedures/authorisation.ts).
 */
import { respondentContactAllowed, respondentKnows, type CaseState } from '../procedures/caseState.ts';
import { codePolicy } from './codeThrottle.ts';

export const invitationKinds = ['respondent', 'adviser'] as const;
export type InvitationKind = (typeof invitationKinds)[number];

export const INVITATION_DEFAULT_DAYS = 30;
export const INVITATION_MAX_DAYS = 90;

export type InvitationProblem = 'notOnCase' | 'contactNotAllowed' | 'notNotified' | 'adviserNotNamed';

/** The case roles that reach the respondent (the notice is theirs to send). */
const invitingRoles: ReadonlySet<string> = new Set(['handler', 'investigator']);

export function isInvitationKind(value: unknown): value is InvitationKind {
  return typeof value === 'string' && (invitationKinds as readonly string[]).includes(value);
}

/** Whether this staff member may reach the respondent on this case now (messages and invitations). */
export function contactProblem(state: CaseState, staffId: string): InvitationProblem | null {
  const onCase = state.team.some((assignment) => assignment.staffId === staffId && assignment.until === null && invitingRoles.has(assignment.role));
  if (!onCase || !state.noConflictDeclared.includes(staffId)) return 'notOnCase';
  if (!respondentContactAllowed(state)) return 'contactNotAllowed';
  if (!respondentKnows(state)) return 'notNotified';
  return null;
}

export function invitationProblem(state: CaseState, kind: InvitationKind, staffId: string): InvitationProblem | null {
  const problem = contactProblem(state, staffId);
  if (problem) return problem;
  if (kind === 'adviser' && !state.advisers.some((adviser) => adviser.party === 'respondent')) return 'adviserNotNamed';
  return null;
}

export type AccessStatus = 'active' | 'expired' | 'revoked' | 'locked';

export function accessStatus(access: { revokedAt: Date | null; expiresAt: Date; failedAttempts: number }, now: Date): AccessStatus {
  if (access.revokedAt) return 'revoked';
  if (access.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (access.failedAttempts >= codePolicy.lockAfter) return 'locked';
  return 'active';
}
