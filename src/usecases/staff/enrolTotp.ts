/**
 * TOTP enrolment for a signed-in staff member: a secret is drawn and kept as pending until a
 * code from it is confirmed; confirming also issues the recovery codes and a fresh personal
 * recovery key (re-wrapping the private key held by the session), all shown once.
 */
import { eq } from 'drizzle-orm';
import { rewrapForNewRecoveryKey } from '../../core/crypto/staffKeys.ts';
import { AppError } from '../../core/errors.ts';
import { acceptTotp, newTotpSecret } from '../../core/totp.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { staff } from '../../storage/schema/index.ts';
import { staffById } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { sessionKeyPair, type SignedIn } from '../session/sessions.ts';
import { newRecoveryCodes, recoveryCodeHash } from './recoveryCodes.ts';

export async function beginTotpEnrolment(context: Context, signedIn: SignedIn): Promise<string> {
  const member = await staffById(context.db, signedIn.staffId);
  if (!member) throw new AppError('NOT_FOUND');
  if (member.totpPendingSecret) return member.totpPendingSecret;
  const secret = newTotpSecret();
  await context.db.update(staff).set({ totpPendingSecret: secret }).where(eq(staff.id, member.id));
  return secret;
}

export type EnrolmentSecrets = { recoveryKey: string; recoveryCodes: string[] };

export async function confirmTotpEnrolment(context: Context, signedIn: SignedIn, code: string): Promise<EnrolmentSecrets> {
  const now = context.clock();
  const member = await staffById(context.db, signedIn.staffId);
  if (!member?.totpPendingSecret) throw new AppError('NOT_FOUND');
  const step = acceptTotp(member.totpPendingSecret, code, now, null);
  if (step === undefined) throw new AppError('TOTP_INVALID', {}, { code: 'errors.TOTP_INVALID' });
  const keyPair = await sessionKeyPair(context.db, signedIn);
  if (!keyPair) throw new AppError('SIGN_IN_REQUIRED');
  const { recoveryKey, privateKeyByRecovery } = rewrapForNewRecoveryKey(keyPair);
  const recoveryCodes = newRecoveryCodes();
  await context.db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({
        totpSecret: member.totpPendingSecret,
        totpPendingSecret: null,
        totpLastStep: step,
        recoveryCodeHashes: recoveryCodes.map(recoveryCodeHash),
        privateKeyByRecovery,
      })
      .where(eq(staff.id, member.id));
    await recordAudit(tx, { actorId: member.id, action: 'staff.totp-enrolled', subjectType: 'staff', subjectId: member.id }, now);
  });
  return { recoveryKey, recoveryCodes };
}

/** For roles that need no TOTP: the recovery key alone, issued once at the end of enrolment. */
export async function issueRecoveryKey(context: Context, signedIn: SignedIn): Promise<string> {
  const keyPair = await sessionKeyPair(context.db, signedIn);
  if (!keyPair) throw new AppError('SIGN_IN_REQUIRED');
  const { recoveryKey, privateKeyByRecovery } = rewrapForNewRecoveryKey(keyPair);
  await context.db.transaction(async (tx) => {
    await tx.update(staff).set({ privateKeyByRecovery }).where(eq(staff.id, signedIn.staffId));
    await recordAudit(tx, { actorId: signedIn.staffId, action: 'staff.recovery-key-issued', subjectType: 'staff', subjectId: signedIn.staffId }, context.clock());
  });
  return recoveryKey;
}
