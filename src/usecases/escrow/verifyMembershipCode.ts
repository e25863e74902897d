/**
 * A reporter proves their membership e-mail with the code sent to it and receives their
 * pseudonymous token: HMAC(key-file secret, normalised address). The same member always gets
 * the same token, so two entries of theirs count as one reporter. Wrong codes are throttled per
 * address; a code works once.
 */
import { AppError } from '../../core/errors.ts';
import { formatReporterToken, reporterTokenForEmail, verificationCodeDigest } from '../../core/escrow/reporterToken.ts';
import { ensureReporter, spendEmailCode } from '../../storage/escrow/reporterStore.ts';
import { clearFailures, recordFailure, throttleWait } from '../../storage/throttleStore.ts';
import type { EscrowContext } from './escrowService.ts';
import { guessingThrottle, membershipEmail, throttleKey } from './membershipCodes.ts';

export async function verifyMembershipCode(context: EscrowContext, input: { email: unknown; code: unknown }): Promise<string> {
  const now = context.clock();
  const email = membershipEmail(input.email);
  const typed = typeof input.code === 'string' ? input.code.replace(/[\s-]/g, '') : '';
  const { tokenSecret } = context.escrow.keys;
  const key = throttleKey(tokenSecret, 'guess', email);
  const wait = await throttleWait(context.db, 'escrow-code-guess', key, now);
  if (wait > 0) throw new AppError('RATE_LIMITED', { seconds: wait });
  if (!/^\d{8}$/.test(typed)) throw new AppError('ESCROW_CODE_INVALID');

  const spent = await spendEmailCode(context.db, verificationCodeDigest(tokenSecret, email, typed), now);
  if (!spent) {
    const next = await recordFailure(context.db, 'escrow-code-guess', key, now, guessingThrottle);
    if (next > 0) throw new AppError('RATE_LIMITED', { seconds: next });
    throw new AppError('ESCROW_CODE_INVALID');
  }
  const token = reporterTokenForEmail(tokenSecret, email);
  await context.db.transaction(async (tx) => {
    await ensureReporter(tx, { token, source: 'email', now });
    await clearFailures(tx, 'escrow-code-guess', key);
    await clearFailures(tx, 'escrow-code-send', throttleKey(tokenSecret, 'send', email));
  });
  return formatReporterToken(token);
}
