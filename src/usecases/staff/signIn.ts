/**
 * Staff sign-in: e-mail, password and — for anyone who can read cases — a TOTP code or a
 * one-time recovery code. Every failure answers the same way, takes the same Argon2id cost
 * (a decoy derivation for unknown accounts), and counts against a per-account throttle, so
 * the form never reveals whether an account exists.
 */
import { eq } from 'drizzle-orm';
import { randomBytes } from '../../core/crypto/bytes.ts';
import { sha256Hex } from '../../core/crypto/kdf.ts';
import { unlockWithPassword } from '../../core/crypto/staffKeys.ts';
import type { KeyPair } from '../../core/crypto/sealedBox.ts';
import { AppError } from '../../core/errors.ts';
import { requiresTotp } from '../../core/roles.ts';
import { signInThrottle } from '../../core/throttle.ts';
import { acceptTotp } from '../../core/totp.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { staff } from '../../storage/schema/index.ts';
import { grantsOf, normaliseEmail, staffByEmail, type StaffRow } from '../../storage/staffQueries.ts';
import { clearFailures, recordFailure, throttleWait } from '../../storage/throttleStore.ts';
import type { Context } from '../context.ts';
import { startSession, type SessionLimits } from '../session/sessions.ts';
import { recoveryCodeHash } from './recoveryCodes.ts';

export type SignInInput = { email: string; password: string; code: string };

const DECOY = { passwordSalt: randomBytes(16), privateKeyByPassword: randomBytes(72) };

export async function signIn(
  context: Context,
  input: SignInInput,
  limits: SessionLimits,
): Promise<{ token: string; staffId: string }> {
  const now = context.clock();
  const throttleKey = sha256Hex(`sign-in:${normaliseEmail(input.email)}`);
  const wait = await throttleWait(context.db, 'sign-in', throttleKey, now);
  if (wait > 0) throw new AppError('SIGN_IN_THROTTLED', { seconds: wait });

  const member = await staffByEmail(context.db, input.email);
  const keyPair = await unlockOrUndefined(member, input.password, context);
  const grants = member ? await grantsOf(context.db, member.id) : [];
  const second = member && keyPair ? secondFactor(member, input.code, requiresTotp(grants), now) : undefined;

  if (!member || !keyPair || !member.active || !second) {
    const nextWait = await recordFailure(context.db, 'sign-in', throttleKey, now, signInThrottle);
    await context.db.transaction((tx) =>
      recordAudit(tx, { actorId: null, action: 'staff.sign-in-failed', subjectType: member ? 'staff' : undefined, subjectId: member?.id }, now),
    );
    if (nextWait > 0) throw new AppError('SIGN_IN_THROTTLED', { seconds: nextWait });
    throw new AppError('SIGN_IN_FAILED');
  }

  await clearFailures(context.db, 'sign-in', throttleKey);
  return context.db.transaction(async (tx) => {
    if (second.kind === 'totp') await tx.update(staff).set({ totpLastStep: second.step }).where(eq(staff.id, member.id));
    if (second.kind === 'recovery-code') {
      await tx.update(staff).set({ recoveryCodeHashes: second.remaining }).where(eq(staff.id, member.id));
    }
    const session = await startSession(tx, { staffId: member.id, keyPair, now, limits });
    await recordAudit(tx, { actorId: member.id, action: 'staff.signed-in', subjectType: 'staff', subjectId: member.id, details: { factor: second.kind } }, now);
    return { token: session.token, staffId: member.id };
  });
}

async function unlockOrUndefined(member: StaffRow | undefined, password: string, context: Context): Promise<KeyPair | undefined> {
  try {
    return await unlockWithPassword(member ?? DECOY, password, context.argon2);
  } catch {
    return undefined;
  }
}

type SecondFactor =
  | { kind: 'none' }
  | { kind: 'enrolment-pending' }
  | { kind: 'totp'; step: number }
  | { kind: 'recovery-code'; remaining: string[] };

function secondFactor(member: StaffRow, code: string, totpRequired: boolean, now: Date): SecondFactor | undefined {
  if (!member.totpSecret) {
    // Enrolment was not finished: the session that follows can only reach the enrolment page.
    return totpRequired ? { kind: 'enrolment-pending' } : { kind: 'none' };
  }
  const step = acceptTotp(member.totpSecret, code, now, member.totpLastStep);
  if (step !== undefined) return { kind: 'totp', step };
  const hash = recoveryCodeHash(code);
  if (member.recoveryCodeHashes.includes(hash)) {
    return { kind: 'recovery-code', remaining: member.recoveryCodeHashes.filter((candidate) => candidate !== hash) };
  }
  return undefined;
}
