/**
 * Staff withdraw an invitation: it opens nothing from now on, and the portal sessions it opened
 * end at once. Anyone who may act on the case may revoke (stopping access is always safe);
 * revoking twice changes nothing the second time.
 */
import { AppError } from '../../core/errors.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { deleteSessionsOfAccess, lockAccess, updateAccess } from '../../storage/respondentStore.ts';
import { openCaseKey, type StaffMember } from '../cases/caseAccess.ts';
import type { Context } from '../context.ts';

export async function revokeRespondentAccess(context: Context, member: StaffMember, caseId: string, accessId: unknown): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const { found } = await openCaseKey(tx, member, caseId, 'case.act', now);
    const access = isCaseId(accessId) ? await lockAccess(tx, accessId) : undefined;
    if (!access || access.caseId !== found.id) throw new AppError('NOT_FOUND');
    if (access.revokedAt) return;
    await updateAccess(tx, access.id, { revokedAt: now });
    await deleteSessionsOfAccess(tx, access.id);
    await recordAudit(
      tx,
      { actorId: member.staffId, action: 'case.respondent-access-revoked', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { access: access.id, kind: access.kind } },
      now,
    );
  });
}
