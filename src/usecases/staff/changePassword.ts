/**
 * Changing a password re-wraps the private key under the new password; the current password
 * must open the old wrapping. Every other session of the member ends.
 */
import { eq } from 'drizzle-orm';
import { rewrapForPassword, unlockWithPassword } from '../../core/crypto/staffKeys.ts';
import { AppError } from '../../core/errors.ts';
import { passwordProblem } from '../../core/passwords.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { staff } from '../../storage/schema/index.ts';
import { staffById } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { endOtherSessions, type SignedIn } from '../session/sessions.ts';

export async function changePassword(
  context: Context,
  signedIn: SignedIn,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const member = await staffById(context.db, signedIn.staffId);
  if (!member) throw new AppError('SIGN_IN_REQUIRED');
  const weak = passwordProblem(input.newPassword);
  if (weak) throw new AppError(weak, {}, { newPassword: `errors.${weak}` });
  let keyPair;
  try {
    keyPair = await unlockWithPassword(member, input.currentPassword, context.argon2);
  } catch {
    throw new AppError('PASSWORD_WRONG', {}, { currentPassword: 'errors.PASSWORD_WRONG' });
  }
  const wrapped = await rewrapForPassword(keyPair, input.newPassword, context.argon2);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await tx.update(staff).set({ ...wrapped, passwordChangedAt: now }).where(eq(staff.id, member.id));
    await endOtherSessions(tx, member.id, signedIn.sessionId);
    await recordAudit(tx, { actorId: member.id, action: 'staff.password-changed', subjectType: 'staff', subjectId: member.id }, now);
  });
}
