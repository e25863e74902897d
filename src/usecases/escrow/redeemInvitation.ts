/**
 * A reporter exchanges an invitation code for their pseudonymous token. The same code always
 * gives the same token; a code that was never issued here is refused (its token is unknown).
 */
import { AppError } from '../../core/errors.ts';
import { formatReporterToken, reporterTokenForInvitation } from '../../core/escrow/reporterToken.ts';
import { reporterByToken } from '../../storage/escrow/reporterStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function redeemInvitation(context: EscrowContext, input: { code: unknown }): Promise<string> {
  const typed = typeof input.code === 'string' && input.code.length <= 100 ? input.code : '';
  const token = reporterTokenForInvitation(context.escrow.keys.tokenSecret, typed);
  if (!token || !(await reporterByToken(context.db, token))) throw new AppError('ESCROW_TOKEN_INVALID');
  return formatReporterToken(token);
}
