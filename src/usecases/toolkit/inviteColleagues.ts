/**
 * Inviting colleagues into a round: by e-mail (each gets a one-time link, sent through the
 * outbox after commit; the link's code is drawn only when the e-mail is sent, so the outbox
 * never holds it) or as printed codes for people without e-mail, shown once and never stored
 * except as hashes. An invitation lets one person answer once.
 */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { invitationCodeHash, newCode, normaliseCode } from '../../core/toolkit/codes.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { normaliseEmail } from '../../storage/staffQueries.ts';
import { insertInvitations } from '../../storage/toolkit/answerStore.ts';
import { countInvited, isParticipant, roundById, type Round } from '../../storage/toolkit/roundStore.ts';
import type { Tx } from '../../storage/database.ts';
import type { Context } from '../context.ts';
import { mayInviteFor } from './toolkitScopes.ts';

export const MAX_INVITATIONS_AT_ONCE = 500;
export const TOOLKIT_INVITATION_MAIL = 'mail.toolkit-invitation';

async function openRoundFor(tx: Tx, actor: Actor, roundId: string, orgId: string): Promise<Round> {
  const round = await roundById(tx, roundId);
  if (!mayInviteFor(actor, round, orgId) || !(await isParticipant(tx, roundId, orgId))) throw new AppError('NOT_FOUND');
  if (round.status !== 'open') throw new AppError('TOOLKIT_ROUND_CLOSED');
  return round;
}

export async function inviteByEmail(
  context: Context,
  actor: Actor,
  input: { roundId: string; orgId: string; emails: readonly string[]; language: string; linkBase: string },
): Promise<number> {
  const emails = [...new Set(input.emails.map(normaliseEmail))];
  if (emails.length === 0 || emails.length > MAX_INVITATIONS_AT_ONCE) throw new AppError('BAD_INPUT', { detail: 'number of addresses' }, { emails: 'toolkit.invite.emailsCount' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await openRoundFor(tx, actor, input.roundId, input.orgId);
    const ids = await insertInvitations(
      tx,
      emails.map((email) => ({ roundId: input.roundId, orgId: input.orgId, email, language: input.language })),
    );
    for (const invitationId of ids) await enqueue(tx, TOOLKIT_INVITATION_MAIL, { invitationId, linkBase: input.linkBase, reminder: false }, now);
    await countInvited(tx, input.roundId, input.orgId, ids.length);
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'toolkit.colleagues-invited', subjectType: 'toolkit-round', subjectId: input.roundId, orgId: input.orgId, details: { by: 'email', count: ids.length } },
      now,
    );
    return ids.length;
  });
}

/** Draws `count` printed codes; the only time they exist outside the people who receive them. */
export async function printInvitationCodes(context: Context, actor: Actor, input: { roundId: string; orgId: string; count: number; language: string }): Promise<string[]> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_INVITATIONS_AT_ONCE) {
    throw new AppError('BAD_INPUT', { detail: 'number of codes' }, { count: 'toolkit.invite.codesCount' });
  }
  const codes = Array.from({ length: input.count }, () => newCode());
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await openRoundFor(tx, actor, input.roundId, input.orgId);
    await insertInvitations(
      tx,
      codes.map((code) => ({ roundId: input.roundId, orgId: input.orgId, email: null, language: input.language, tokenHash: invitationCodeHash(normaliseCode(code) ?? '') })),
    );
    await countInvited(tx, input.roundId, input.orgId, codes.length);
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'toolkit.colleagues-invited', subjectType: 'toolkit-round', subjectId: input.roundId, orgId: input.orgId, details: { by: 'printed-codes', count: codes.length } },
      now,
    );
    return codes;
  });
}
