/**
 * Why the engine refuses an action. Refusals are values, not exceptions: bad input, actions out
 * of order, double submissions and actions after closure each get a stable code, a message key
 * under `procedures.refusals.<CODE>` and the parameters the message needs; the case is left as
 * it was. A use-case turns a refusal into the one HTTP-facing error with `refusalError`.
 */
import { AppError } from '../errors.ts';

export const refusalCodes = [
  'ACTION_INVALID',
  'TIME_INVALID',
  'TIME_BEFORE_LAST_ACTION',
  'WRONG_PROCEDURE',
  'CASE_CLOSED',
  'CONFLICT_OF_INTEREST',
  'NO_CONFLICT_DECLARATION',
  'NOT_ALLOWED',
  'NOT_ON_CASE',
  'PARTY_MISMATCH',
  'STATEMENT_REQUIRED',
  'ALREADY_ASSIGNED',
  'NOT_ASSIGNED',
  'SEPARATION_OF_DUTIES',
  'TEAM_INCOMPLETE',
  'STEP_NOT_IN_PROCEDURE',
  'STEP_NOT_READY',
  'STEP_ALREADY_DONE',
  'STEP_NOT_SKIPPABLE',
  'RESPONDENT_CONTACT_NOT_ALLOWED',
  'RESPONDENT_NOT_NOTIFIED',
  'ALREADY_RECORDED',
  'NOTHING_TO_WITHDRAW',
  'CONSENT_ALREADY_ACTED_ON',
  'SAFETY_EXCEPTION_MISSING',
  'SAFETY_EXCEPTION_SAME_PERSON',
  'NOTICE_INCOMPLETE',
  'RESPONSE_PERIOD_RUNNING',
  'EVIDENCE_REVIEW_TOO_SHORT',
  'EVIDENCE_CLOSED',
  'CONSENT_MISSING',
  'CHECK_INS_MISSING',
  'NO_APPEALS',
  'APPEAL_WINDOW_NOT_OPEN',
  'APPEAL_WINDOW_CLOSED',
  'APPEAL_WINDOW_RUNNING',
  'APPEAL_ALREADY_FILED',
  'APPEAL_PENDING',
  'APPEAL_UNKNOWN',
  'APPEAL_ALREADY_DECIDED',
  'NOT_INFORMAL',
  'PATH_UNCHANGED',
  'PATH_NOT_ALLOWED',
  'PATH_CHANGE_TOO_LATE',
  'DEADLINE_UNKNOWN',
  'DEADLINE_NOT_STARTED',
  'DEADLINE_NOT_ADJUSTABLE',
  'DEADLINE_ALREADY_MET',
  'DEADLINE_PAUSED',
  'DEADLINE_NOT_PAUSED',
  'CHECK_IN_UNKNOWN',
  'CHECK_IN_ALREADY_HELD',
  'CHECK_IN_IN_PAST',
  'MEASURE_UNKNOWN',
  'MEASURE_ALREADY_ENDED',
  'LEGAL_HOLD_ACTIVE',
  'LEGAL_HOLD_NOT_ACTIVE',
] as const;

export type RefusalCode = (typeof refusalCodes)[number];
export type RefusalParams = Record<string, string | number>;
export type Refusal = { code: RefusalCode; messageKey: string; params: RefusalParams };

export function refusal(code: RefusalCode, params: RefusalParams = {}): Refusal {
  return { code, messageKey: `procedures.refusals.${code}`, params };
}

/** The error a use-case throws for a refused action: 409, with the specific reason attached. */
export function refusalError(refused: Refusal): AppError {
  return new AppError('CASE_ACTION_REFUSED', { reason: refused.code, ...refused.params });
}
