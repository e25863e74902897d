/**
 * Turns the one-time setup link into a network and its first administrator, in one transaction
 * with its audit entries. The administrator gets a key pair wrapped under the password; TOTP
 * enrolment follows right after, in the signed-in session.
 */
import { equalBytes, utf8ToBytes } from '../../core/crypto/bytes.ts';
import { createStaffKeys } from '../../core/crypto/staffKeys.ts';
import { AppError } from '../../core/errors.ts';
import { passwordProblem } from '../../core/passwords.ts';
import { isTokenShaped, tokenHash } from '../../core/secrets.ts';
import type { KeyPair } from '../../core/crypto/sealedBox.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { network, roleGrants, staff } from '../../storage/schema/index.ts';
import { deleteSetting, readSetting } from '../../storage/settings.ts';
import { normaliseEmail } from '../../storage/staffQueries.ts';
import type { Queryable } from '../../storage/database.ts';
import type { Context } from '../context.ts';
import { SETUP_SETTING, type PendingSetup } from './issueSetupLink.ts';

export type SetupInput = {
  token: string;
  networkName: string;
  defaultLanguage: string;
  adminName: string;
  adminEmail: string;
  password: string;
};

/** Throws LINK_INVALID unless `token` is the pending, unexpired setup secret. */
export async function checkSetupLink(db: Queryable, token: unknown, now: Date): Promise<void> {
  if (!isTokenShaped(token) || (await currentNetwork(db))) throw new AppError('LINK_INVALID');
  const pending = await readSetting<PendingSetup>(db, SETUP_SETTING);
  if (!pending || new Date(pending.expiresAt) <= now) throw new AppError('LINK_INVALID');
  if (!equalBytes(utf8ToBytes(pending.hash), utf8ToBytes(tokenHash(token)))) throw new AppError('LINK_INVALID');
}

export async function completeSetup(
  context: Context,
  input: SetupInput,
): Promise<{ staffId: string; keyPair: KeyPair }> {
  await checkSetupLink(context.db, input.token, context.clock());
  const weak = passwordProblem(input.password);
  if (weak) throw new AppError(weak, {}, { password: `errors.${weak}` });
  const { keys, keyPair } = await createStaffKeys(input.password, context.argon2);
  return context.db.transaction(async (tx) => {
    // Re-checked inside the transaction: two tabs submitting at once create one network.
    await checkSetupLink(tx, input.token, context.clock());
    const [createdNetwork] = await tx
      .insert(network)
      .values({ name: input.networkName, defaultLanguage: input.defaultLanguage })
      .returning({ id: network.id });
    const [admin] = await tx
      .insert(staff)
      .values({
        email: normaliseEmail(input.adminEmail),
        name: input.adminName,
        language: input.defaultLanguage,
        ...keys,
      })
      .returning({ id: staff.id });
    if (!createdNetwork || !admin) throw new AppError('INTERNAL');
    await tx.insert(roleGrants).values({ staffId: admin.id, orgId: null, role: 'admin' });
    await deleteSetting(tx, SETUP_SETTING);
    await recordAudit(tx, { actorId: admin.id, action: 'network.created', subjectType: 'network', subjectId: createdNetwork.id, details: { name: input.networkName } });
    await recordAudit(tx, { actorId: admin.id, action: 'staff.enrolled', subjectType: 'staff', subjectId: admin.id, details: { roles: ['admin'], scope: 'network' } });
    return { staffId: admin.id, keyPair };
  });
}
