/**
 * "Share access with a colleague": a handler who can open a case unwraps its key in their own
 * session and seals it to a colleague's public key. Needed because a report's key is sealed
 * only to the people who could receive it when it arrived; someone given the handler role
 * later cannot read older cases until a current handler shares them. Only colleagues the policy
 * would let open a case of that scope can receive it; the sharing is audited.
 */
import { AppError } from '../../core/errors.ts';
import { wrapForStaff } from '../../core/intake/caseCrypto.ts';
import { allowed } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { staffWithoutCaseKey } from '../../storage/caseColleagues.ts';
import type { Queryable } from '../../storage/database.ts';
import { caseKeys } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { openCaseKey, type StaffMember } from './caseAccess.ts';

export type Colleague = { staffId: string; name: string };

async function eligible(db: Queryable, caseId: string, orgId: string | null) {
  const people = await staffWithoutCaseKey(db, caseId);
  return people.filter((person) => allowed({ staffId: person.staffId, grants: person.grants }, 'case.open', { kind: 'case', orgId, keyHolder: true }));
}

/** Who the handler could share this case with (asked only by someone who can open it). */
export async function colleaguesForCase(context: Context, member: StaffMember, caseId: string): Promise<Colleague[]> {
  const { found } = await openCaseKey(context.db, member, caseId, 'case.open');
  return (await eligible(context.db, found.id, found.orgId)).map(({ staffId, name }) => ({ staffId, name }));
}

export async function shareCaseAccess(context: Context, member: StaffMember, input: { caseId: string; colleagueId: unknown }): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, input.caseId, 'case.open');
    const colleague = (await eligible(tx, found.id, found.orgId)).find((person) => person.staffId === input.colleagueId);
    if (!colleague) throw new AppError('CASE_SHARE_REFUSED');
    const wrappedKey = wrapForStaff(colleague.publicKey, caseKey, found.id, colleague.staffId);
    // An emergency copy (a network admin's) becomes a designated one.
    await tx
      .insert(caseKeys)
      .values({ caseId: found.id, holder: 'staff', staffId: colleague.staffId, wrappedKey, createdAt: now })
      .onConflictDoUpdate({ target: [caseKeys.caseId, caseKeys.staffId], set: { holder: 'staff', wrappedKey } });
    await recordAudit(tx, { actorId: member.staffId, action: 'case.access-shared', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { with: colleague.staffId } }, now);
  });
}
