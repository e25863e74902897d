/**
 * How a staff member gets at a case: the policy decides (core/policy.ts), and the case key is
 * unwrapped with the private key their session holds. A case that does not exist, a draft, a
 * case whose key was not wrapped for them and a case the policy refuses all answer NOT_FOUND
 * in the same way, so nobody learns that a case exists from being refused it.
 */
import { AppError } from '../../core/errors.ts';
import { unwrapForStaff, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { caseById, wrappedCaseKey, type CaseRow } from '../../storage/caseQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { sessionKeyPair, type SignedIn } from '../session/sessions.ts';

export type StaffMember = Pick<SignedIn, 'staffId' | 'sessionId' | 'token'> & { actor: Actor };

export async function openCaseKey(db: Queryable, member: StaffMember, caseId: string, action: 'case.open' | 'case.reply'): Promise<{ found: CaseRow; caseKey: CaseKey }> {
  const found = await caseById(db, caseId);
  const wrapped = found && found.status !== 'draft' ? await wrappedCaseKey(db, found.id, member.staffId) : undefined;
  if (!found || !wrapped) throw new AppError('NOT_FOUND');
  authorize(member.actor, action, { kind: 'case', orgId: found.orgId, keyHolder: true });
  const keyPair = await sessionKeyPair(db, member);
  if (!keyPair) throw new AppError('SIGN_IN_REQUIRED');
  return { found, caseKey: unwrapForStaff(keyPair, wrapped, found.id, member.staffId) };
}
