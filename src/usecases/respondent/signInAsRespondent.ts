/**
 * Opening the portal: the invitation link finds the invitation (by the hash of its token), the
 * access code unwraps the respondent key, and a portal session begins. Cheap checks come first
 * — an unknown link, an ended invitation, a malformed code, an attempt during the wait after a
 * wrong code — and none of them runs Argon2id or counts as a guess. A wrong code is counted on
 * the invitation (the row is locked, so two attempts at once are counted one after the other)
 * and audited; the fifth locks the invitation. An expired, revoked or locked invitation
 * changes nothing.
 */
import { DecryptionError } from '../../core/crypto/aead.ts';
import { AppError, type ErrorCode, type ErrorParams } from '../../core/errors.ts';
import { parseAccessCode } from '../../core/respondent/accessCode.ts';
import { accessWrapKey, unwrapForAccess } from '../../core/respondent/accessCrypto.ts';
import { attemptsLeft, codeAttemptVerdict, codePolicy } from '../../core/respondent/codeThrottle.ts';
import { accessStatus, type AccessStatus, type InvitationKind } from '../../core/respondent/invitations.ts';
import { isTokenShaped, tokenHash } from '../../core/secrets.ts';
import { isLanguage, type Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { caseById } from '../../storage/caseQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { accessByTokenHash, lockAccess, purgeExpiredRespondentSessions, updateAccess, type AccessRow } from '../../storage/respondentStore.ts';
import type { Context } from '../context.ts';
import { withDerivationSlot } from '../intake/receiptDerivations.ts';
import { startRespondentSession } from './respondentSessions.ts';

export type InvitationState = { accessId: string; kind: InvitationKind; language: Language; status: AccessStatus };

const endedCodes: Record<Exclude<AccessStatus, 'active'>, ErrorCode> = {
  expired: 'RESPONDENT_ACCESS_EXPIRED',
  revoked: 'RESPONDENT_ACCESS_REVOKED',
  locked: 'RESPONDENT_ACCESS_LOCKED',
};

/** The error an invitation in this state answers with, or null while it is active. */
export function endedError(status: AccessStatus): AppError | null {
  return status === 'active' ? null : new AppError(endedCodes[status]);
}

async function invitationRow(db: Queryable, token: unknown): Promise<AccessRow> {
  const row = isTokenShaped(token) ? await accessByTokenHash(db, tokenHash(token)) : undefined;
  if (!row) throw new AppError('RESPONDENT_LINK_INVALID');
  return row;
}

function stateOf(row: AccessRow, now: Date): InvitationState {
  return { accessId: row.id, kind: row.kind === 'adviser' ? 'adviser' : 'respondent', language: isLanguage(row.language) ? row.language : 'en', status: accessStatus(row, now) };
}

/** What the link says before any code: which language to speak, and whether it can still open. */
export async function respondentInvitation(context: Context, token: unknown): Promise<InvitationState> {
  return stateOf(await invitationRow(context.db, token), context.clock());
}

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; invitation: InvitationState }
  | { kind: 'refused'; invitation: InvitationState; code: ErrorCode; params: ErrorParams };

export async function signInAsRespondent(context: Context, input: { token: unknown; code: unknown }): Promise<SignInOutcome> {
  const now = context.clock();
  const linkToken = typeof input.token === 'string' ? input.token : '';
  const row = await invitationRow(context.db, linkToken);
  const invitation = stateOf(row, now);
  const refused = (code: ErrorCode, params: ErrorParams = {}, state = invitation): SignInOutcome => ({ kind: 'refused', invitation: state, code, params });
  const ended = endedError(invitation.status);
  if (ended) return refused(ended.code);

  const parsed = parseAccessCode(input.code);
  if (!parsed.ok) return refused('RESPONDENT_CODE_MALFORMED');
  const verdict = codeAttemptVerdict(row.failedAttempts, row.lastFailedAt, now);
  if (verdict.kind === 'wait') return refused('RESPONDENT_CODE_TOO_SOON', { seconds: verdict.seconds });
  if (verdict.kind === 'locked') return refused('RESPONDENT_ACCESS_LOCKED');

  const wrapKey = await withDerivationSlot(() => accessWrapKey(parsed.code, linkToken, row.codeSalt, context.argon2));
  return context.db.transaction(async (tx) => {
    // Counted under the row lock: what another attempt did meanwhile is seen here.
    const current = await lockAccess(tx, row.id);
    if (!current) throw new AppError('RESPONDENT_LINK_INVALID');
    const state = stateOf(current, now);
    const endedNow = endedError(state.status);
    if (endedNow) return refused(endedNow.code, {}, state);
    const again = codeAttemptVerdict(current.failedAttempts, current.lastFailedAt, now);
    if (again.kind === 'wait') return refused('RESPONDENT_CODE_TOO_SOON', { seconds: again.seconds }, state);
    const found = await caseById(tx, current.caseId);
    const orgId = found?.orgId ?? null;

    let respondentKey: Uint8Array;
    try {
      respondentKey = unwrapForAccess(wrapKey, current.wrappedKey, current.caseId, current.id);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      const failures = current.failedAttempts + 1;
      await updateAccess(tx, current.id, { failedAttempts: failures, lastFailedAt: now });
      const locked = failures >= codePolicy.lockAfter;
      await recordAudit(
        tx,
        { actorId: null, action: locked ? 'case.respondent-access-locked' : 'case.respondent-code-failed', subjectType: 'case', subjectId: current.caseId, orgId, details: { access: current.id, failures } },
        now,
      );
      const after = { ...state, status: locked ? ('locked' as const) : state.status };
      return locked ? refused('RESPONDENT_ACCESS_LOCKED', {}, after) : refused('RESPONDENT_CODE_WRONG', { left: attemptsLeft(failures) }, after);
    }

    await updateAccess(tx, current.id, { failedAttempts: 0, lastFailedAt: null, firstUsedAt: current.firstUsedAt ?? now });
    await purgeExpiredRespondentSessions(tx, now);
    const token = await startRespondentSession(tx, { accessId: current.id, respondentKey, now });
    await recordAudit(
      tx,
      { actorId: null, action: 'case.respondent-signed-in', subjectType: 'case', subjectId: current.caseId, orgId, details: { access: current.id, kind: current.kind } },
      now,
    );
    return { kind: 'signed-in', token, invitation: state };
  });
}
