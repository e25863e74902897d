/**
 * Deactivating a staff member stops them signing in and ends every session they have, at once;
 * reactivating lets them sign in again with their own password. Only an administrator of every
 * scope the person works in may do either, and the last active network administrator cannot
 * be deactivated.
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { sessions, staff } from '../../storage/schema/index.ts';
import { grantsOf } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';
import { isNetworkAdminGrant, lockStaffAdministration, otherActiveNetworkAdmins } from './changeRoles.ts';

async function memberToChange(tx: Tx, actor: Actor, staffId: string) {
  const [member] = await tx.select({ id: staff.id, active: staff.active }).from(staff).where(eq(staff.id, staffId)).for('update');
  if (!member) throw new AppError('NOT_FOUND');
  const grants = await grantsOf(tx, staffId);
  authorize(actor, 'staff.deactivate', { kind: 'staff-member', grants });
  return { ...member, grants };
}

/** Returns the number of sessions ended (0 when the member was already inactive). */
export async function deactivateStaff(context: Context, actor: Actor, staffId: string): Promise<number> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    await lockStaffAdministration(tx);
    const member = await memberToChange(tx, actor, staffId);
    if (!member.active) return 0;
    if (member.grants.some(isNetworkAdminGrant) && (await otherActiveNetworkAdmins(tx, staffId)) === 0) throw new AppError('LAST_ADMIN');
    await tx.update(staff).set({ active: false }).where(eq(staff.id, staffId));
    const ended = await tx.delete(sessions).where(eq(sessions.staffId, staffId)).returning({ id: sessions.id });
    await recordAudit(
      tx,
      { actorId: actor.staffId, action: 'staff.deactivated', subjectType: 'staff', subjectId: staffId, details: { sessionsEnded: ended.length } },
      now,
    );
    return ended.length;
  });
}

export async function reactivateStaff(context: Context, actor: Actor, staffId: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const member = await memberToChange(tx, actor, staffId);
    if (member.active) return;
    await tx.update(staff).set({ active: true }).where(eq(staff.id, staffId));
    await recordAudit(tx, { actorId: actor.staffId, action: 'staff.reactivated', subjectType: 'staff', subjectId: staffId }, now);
  });
}
