/**
 * What every follow-up action shares: the follow-up form token (signed for this session, so a
 * form from another site or session is refused), the case key from the reporter session, and
 * one transaction that spends the form's nonce — sending the same form twice does it once —
 * and locks the case row so two tabs cannot change its status at once.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { CaseKey } from '../../core/intake/caseCrypto.ts';
import { FOLLOW_UP_FORM_HOURS, signFormToken, verifyFormToken } from '../../core/intake/formToken.ts';
import type { CaseRow } from '../../storage/caseQueries.ts';
import type { Queryable, Tx } from '../../storage/database.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';
import { spend } from '../../storage/intakeGuardStore.ts';
import { cases } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { sessionCaseKey, type ReporterSession } from './reporterSessions.ts';

const purpose = (session: ReporterSession) => `follow-up:${session.sessionId}`;

export async function signFollowUpForm(db: Queryable, session: ReporterSession, now: Date): Promise<string> {
  return signFormToken((await intakeSecrets(db)).formKey, purpose(session), now);
}

export type ReporterWork<T> = (tx: Tx, found: CaseRow, caseKey: CaseKey, now: Date) => Promise<T>;

/** Runs `work` on the session's case; undefined when this form was already sent once. */
export async function withReporterCase<T>(context: Context, session: ReporterSession, formToken: unknown, work: ReporterWork<T>): Promise<T | undefined> {
  const now = context.clock();
  const check = verifyFormToken((await intakeSecrets(context.db)).formKey, formToken, purpose(session), now, FOLLOW_UP_FORM_HOURS);
  if (!check.ok) throw new AppError(check.problem === 'expired' ? 'FOLLOW_UP_ENDED' : 'CSRF_INVALID');
  const caseKey = await sessionCaseKey(context.db, session);
  if (!caseKey) throw new AppError('FOLLOW_UP_ENDED');
  return context.db.transaction(async (tx) => {
    const nonceExpiry = new Date(check.issuedAt.getTime() + FOLLOW_UP_FORM_HOURS * 3_600_000);
    if (!(await spend(tx, 'follow-up-form', check.nonce, nonceExpiry, now))) return undefined;
    const [found] = await tx.select().from(cases).where(eq(cases.id, session.caseId)).for('update');
    if (!found) throw new AppError('FOLLOW_UP_ENDED');
    return work(tx, found, caseKey, now);
  });
}
