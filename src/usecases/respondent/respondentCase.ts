/**
 * What every portal form shares: a form token signed for this portal session (a form from
 * another site or session is refused), the respondent key from the session, and one
 * transaction that spends the form's nonce — sending the same form twice does it once —,
 * checks that the invitation still stands (revoked or expired between two clicks: nothing is
 * done), and locks the case row, as staff actions do.
 */
import { AppError } from '../../core/errors.ts';
import { FOLLOW_UP_FORM_HOURS, signFormToken, verifyFormToken } from '../../core/intake/formToken.ts';
import { lockCase, type CaseRow } from '../../storage/caseHandlingStore.ts';
import { caseById } from '../../storage/caseQueries.ts';
import type { Queryable, Tx } from '../../storage/database.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { spend } from '../../storage/intakeGuardStore.ts';
import { accessById } from '../../storage/respondentStore.ts';
import { accessStatus } from '../../core/respondent/invitations.ts';
import type { Context } from '../context.ts';
import { sessionRespondentKey, type RespondentSession } from './respondentSessions.ts';
import { endedError } from './signInAsRespondent.ts';

const purpose = (session: RespondentSession) => `respondent-portal:${session.sessionId}`;

export async function signRespondentForm(db: Queryable, session: RespondentSession, now: Date): Promise<string> {
  return signFormToken((await intakeSecrets(db)).formKey, purpose(session), now);
}

export type RespondentWork<T> = (tx: Tx, row: CaseRow, respondentKey: Uint8Array, now: Date) => Promise<T>;

/** Runs `work` on the session's case; undefined when this very form was already sent once. */
export async function withRespondentCase<T>(context: Context, session: RespondentSession, formToken: unknown, work: RespondentWork<T>): Promise<T | undefined> {
  const now = context.clock();
  const check = verifyFormToken((await intakeSecrets(context.db)).formKey, formToken, purpose(session), now, FOLLOW_UP_FORM_HOURS);
  if (!check.ok) throw new AppError(check.problem === 'expired' ? 'RESPONDENT_SESSION_ENDED' : 'CSRF_INVALID');
  const respondentKey = await sessionRespondentKey(context.db, session);
  if (!respondentKey) throw new AppError('RESPONDENT_SESSION_ENDED');
  return context.db.transaction(async (tx) => {
    const nonceExpiry = new Date(check.issuedAt.getTime() + FOLLOW_UP_FORM_HOURS * 3_600_000);
    // Portal nonces share the follow-up forms' store, told apart by their prefix.
    if (!(await spend(tx, 'follow-up-form', `respondent:${check.nonce}`, nonceExpiry, now))) return undefined;
    const access = await accessById(tx, session.accessId);
    if (!access) throw new AppError('RESPONDENT_SESSION_ENDED');
    const ended = endedError(accessStatus(access, now));
    if (ended) throw ended;
    const row = await lockCase(tx, session.caseId);
    if (!row) throw new AppError('RESPONDENT_SESSION_ENDED');
    return work(tx, row, respondentKey, now);
  });
}

/** Reads the session's case with the respondent key, in one transaction (pages and downloads: no form, no lock). */
export async function readRespondentCase<T>(context: Context, session: RespondentSession, work: RespondentWork<T>): Promise<T> {
  const now = context.clock();
  const respondentKey = await sessionRespondentKey(context.db, session);
  if (!respondentKey) throw new AppError('RESPONDENT_SESSION_ENDED');
  return context.db.transaction(async (tx) => {
    const row = await caseById(tx, session.caseId);
    if (!row) throw new AppError('RESPONDENT_SESSION_ENDED');
    return work(tx, row, respondentKey, now);
  });
}
