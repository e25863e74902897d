/**
 * How a staff member gets at a case: the policy decides (core/policy.ts), and the case key is
 * unwrapped with the private key their session holds. A case that does not exist, a draft, a
 * case whose key was not wrapped for them, a case they are conflicted on and a case the policy
 * refuses all answer NOT_FOUND in the same way, so nobody learns that a case exists from being
 * refused it. A network admin's emergency copy of the key opens only during live break-glass.
 */
import { AppError } from '../../core/errors.ts';
import { unwrapForStaff, type CaseKey } from '../../core/intake/caseCrypto.ts';
import { authorize, type Action, type Actor } from '../../core/policy.ts';
import type { StaffRole } from '../../core/roles.ts';
import { caseForStaff } from '../../storage/caseAccessQuery.ts';
import { isCaseId, type CaseRow } from '../../storage/caseQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import { openSessionKeyPair, type SignedIn } from '../session/sessions.ts';

export type StaffMember = Pick<SignedIn, 'staffId' | 'sessionId' | 'token'> & { actor: Actor };

export type CaseAccess = { found: CaseRow; caseKey: CaseKey; breakGlass: boolean };

export async function openCaseKey(
  db: Queryable,
  member: StaffMember,
  caseId: string,
  action: Extract<Action, 'case.open' | 'case.reply' | 'case.act' | 'case.export'>,
  now: Date = new Date(),
): Promise<CaseAccess> {
  const read = isCaseId(caseId) ? await caseForStaff(db, { caseId, staffId: member.staffId, sessionId: member.sessionId, now }) : undefined;
  if (!read || read.found.status === 'draft') throw new AppError('NOT_FOUND');
  const { found, key, conflicted } = read;
  const breakGlass = key?.holder === 'emergency' && read.breakGlass;
  if (!key || (key.holder === 'emergency' && !breakGlass)) throw new AppError('NOT_FOUND');
  authorize(member.actor, action, { kind: 'case', orgId: found.orgId, keyHolder: key.holder === 'staff', conflicted, breakGlass });
  if (!read.sealedSessionKey) throw new AppError('SIGN_IN_REQUIRED');
  const keyPair = openSessionKeyPair(member, read.sealedSessionKey);
  return { found, caseKey: unwrapForStaff(keyPair, key.wrappedKey, found.id, member.staffId), breakGlass };
}

/** The organisation roles the member holds where the case is handled (and at the network), as the engine wants them. */
export function grantsForCase(member: StaffMember, orgId: string | null): StaffRole[] {
  return [...new Set(member.actor.grants.filter((grant) => grant.orgId === null || grant.orgId === orgId).map((grant) => grant.role))];
}
