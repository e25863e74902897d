/**
 * A reporter asks for a one-time code at their membership e-mail. The address must be on one of
 * the network's membership domains; the code is kept only as an HMAC bound to the address, and
 * the e-mail is sent now rather than queued, so the address is stored nowhere. Sending to one
 * address is throttled (without IP addresses: the key is an HMAC of the address).
 */
import { AppError } from '../../core/errors.ts';
import { newVerificationCode, verificationCodeDigest } from '../../core/escrow/reporterToken.ts';
import { translator } from '../../i18n/index.ts';
import { readEscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import { forgetEmailCode, storeEmailCode } from '../../storage/escrow/reporterStore.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { recordFailure, throttleWait } from '../../storage/throttleStore.ts';
import type { EscrowContext } from './escrowService.ts';
import { CODE_MINUTES, domainOf, membershipEmail, sendingThrottle, throttleKey } from './membershipCodes.ts';
import { emailCodesOffered } from './readEscrowConfiguration.ts';

export async function sendMembershipCode(context: EscrowContext, input: { email: unknown; language: string }): Promise<void> {
  const now = context.clock();
  const settings = await readEscrowSettings(context.db);
  const mailer = context.escrow.mailer;
  if (!mailer || !emailCodesOffered(context, settings.membershipDomains)) throw new AppError('ESCROW_EMAIL_NOT_OFFERED');
  const email = membershipEmail(input.email);
  if (!settings.membershipDomains.includes(domainOf(email))) throw new AppError('ESCROW_EMAIL_NOT_MEMBER');

  const { tokenSecret } = context.escrow.keys;
  const key = throttleKey(tokenSecret, 'send', email);
  const wait = await throttleWait(context.db, 'escrow-code-send', key, now);
  if (wait > 0) throw new AppError('RATE_LIMITED', { seconds: wait });

  const code = newVerificationCode();
  const digest = verificationCodeDigest(tokenSecret, email, code);
  await storeEmailCode(context.db, digest, new Date(now.getTime() + CODE_MINUTES * 60_000), now);
  await recordFailure(context.db, 'escrow-code-send', key, now, sendingThrottle);
  const t = translator(input.language);
  const network = (await currentNetwork(context.db))?.name ?? '';
  try {
    await mailer.send({
      to: typeof input.email === 'string' ? input.email.trim() : email.value,
      subject: t('escrow.mail.codeSubject', { network }),
      text: t('escrow.mail.codeBody', { network, code: `${code.slice(0, 4)} ${code.slice(4)}`, minutes: CODE_MINUTES }),
    });
  } catch (error) {
    await forgetEmailCode(context.db, digest);
    throw new AppError('ESCROW_UNAVAILABLE', { detail: `the membership code could not be e-mailed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
