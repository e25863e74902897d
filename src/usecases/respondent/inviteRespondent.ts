/**
 * Staff invite the respondent, or the adviser the respondent named, to the portal. The rules
 * are in core/respondent/invitations.ts (the respondent-contact gate passed, the respondent
 * told, for an adviser: named by the respondent; the inviting person on the case). The link
 * token and the access code are returned once, to be shown once and passed on through two
 * different channels; the database keeps the token's hash, the code's salt, and the respondent
 * key wrapped under a key only the code and the token together derive. Audited in the same
 * transaction (never the token or the code).
 */
import crypto from 'node:crypto';
import { randomBytes } from '../../core/crypto/bytes.ts';
import { AppError } from '../../core/errors.ts';
import { formatAccessCode, newAccessCode } from '../../core/respondent/accessCode.ts';
import { accessWrapKey, CODE_SALT_BYTES, wrapForAccess } from '../../core/respondent/accessCrypto.ts';
import { invitationProblem, type InvitationKind, type InvitationProblem } from '../../core/respondent/invitations.ts';
import { newToken, tokenHash } from '../../core/secrets.ts';
import type { Language } from '../../i18n/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { lockCase } from '../../storage/caseHandlingStore.ts';
import { insertAccess } from '../../storage/respondentStore.ts';
import { openCaseKey, type StaffMember } from '../cases/caseAccess.ts';
import { handledCase, respondentKeyOf } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';

export type InvitationRequest = { kind: InvitationKind; language: Language; days: number };

export type CreatedInvitation = {
  accessId: string;
  kind: InvitationKind;
  language: Language;
  /** The address path to pass on (the page adds the site's address). */
  path: string;
  /** The access code as staff read it out: "ABCD-EFGH-JKMN". */
  code: string;
  expiresAt: Date;
};

export type InvitationOutcome = { ok: true; invitation: CreatedInvitation } | { ok: false; problem: InvitationProblem };

export function invitationPath(token: string): string {
  return `/respond/${token}`;
}

export async function inviteRespondent(context: Context, member: StaffMember, caseId: string, request: InvitationRequest): Promise<InvitationOutcome> {
  const now = context.clock();
  const code = newAccessCode();
  const token = newToken();
  const salt = randomBytes(CODE_SALT_BYTES);
  // The slow derivation runs before the transaction, so the case row is never locked while it runs.
  const wrapKey = await accessWrapKey(code, token, salt, context.argon2);
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.act', now);
    const row = await lockCase(tx, found.id);
    if (!row) throw new AppError('NOT_FOUND');
    const { state } = await handledCase(tx, row);
    const problem = invitationProblem(state, request.kind, member.staffId);
    if (problem) return { ok: false, problem };
    const respondentKey = await respondentKeyOf(tx, row, caseKey);
    const accessId = crypto.randomUUID();
    const expiresAt = new Date(now.getTime() + request.days * 86_400_000);
    await insertAccess(tx, {
      id: accessId,
      caseId: row.id,
      kind: request.kind,
      tokenHash: tokenHash(token),
      codeSalt: salt,
      wrappedKey: wrapForAccess(wrapKey, respondentKey, row.id, accessId),
      language: request.language,
      createdBy: member.staffId,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(
      tx,
      {
        actorId: member.staffId,
        action: 'case.respondent-invited',
        subjectType: 'case',
        subjectId: row.id,
        orgId: row.orgId,
        details: { access: accessId, kind: request.kind, language: request.language, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { ok: true, invitation: { accessId, kind: request.kind, language: request.language, path: invitationPath(token), code: formatAccessCode(code), expiresAt } };
  });
}
