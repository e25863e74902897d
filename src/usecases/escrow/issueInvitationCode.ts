/**
 * An escrow counsellor or network admin issues an invitation code to someone who cannot prove
 * membership by e-mail. The code (160 random bits) is shown once; the server keeps only the hash
 * of the token it stands for, so the code itself is found nowhere. Whoever holds the code is that
 * reporter: issuance is audited, and docs/escrow.md discusses what it means for Sybil attacks.
 */
import { authorize, type Actor } from '../../core/policy.ts';
import { newInvitationCode, reporterTokenForInvitation } from '../../core/escrow/reporterToken.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { ensureReporter } from '../../storage/escrow/reporterStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function issueInvitationCode(context: EscrowContext, actor: Actor | undefined): Promise<string> {
  authorize(actor, 'escrow.invite', { kind: 'network' });
  const now = context.clock();
  const code = newInvitationCode();
  const token = reporterTokenForInvitation(context.escrow.keys.tokenSecret, code);
  if (!token) throw new Error('a fresh invitation code did not parse');
  await context.db.transaction(async (tx) => {
    const reporterId = await ensureReporter(tx, { token, source: 'invitation', issuedBy: actor.staffId, now });
    await recordAudit(tx, { actorId: actor.staffId, action: 'escrow.invitation-issued', subjectType: 'escrow-reporter', subjectId: reporterId }, now);
  });
  return code;
}
