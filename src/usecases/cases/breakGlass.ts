/**
 * Break-glass access (SPEC: "for an emergency: time-limited, with a reason, alerting the other
 * handlers and the auditor"). A network admin holds an emergency copy of every case key, made
 * at intake, which `openCaseKey` accepts only while a break-glass grant of theirs is live. Here
 * they ask for one, with a reason and a duration of 1–24 hours; the policy decides
 * (`case.break-glass`: never for someone conflicted). The case's team and the network's
 * auditors are alerted through the outbox at once, every use is audited, and the grant can be
 * ended early.
 *
 * The reason is sealed with the case key as a document (kind `breakGlassReason`) and the
 * audit entry records only that a reason was given, with the document's reference. A reason
 * for emergency access ("she wrote tonight that he is waiting outside her flat") is almost
 * always case content, and the audit log is readable without the case key and outlives a purged
 * case; the handlers who are alerted hold the key and read the reason on the case page, and the
 * auditor sees who, when, for how long, and that a reason exists.
 *
 * Without an emergency copy there is nothing to open: a member who holds none (or asks about a
 * case that does not exist, or is refused by the policy) is told that break-glass needs one,
 * in the same words whatever the case, so the answer says nothing about the case.
 */
import crypto from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import type { BreakGlassInput } from '../../core/cases/caseWorkInput.ts';
import { documentRef } from '../../core/cases/handling.ts';
import { sealDocument, unwrapForStaff } from '../../core/intake/caseCrypto.ts';
import { allowed, authorize } from '../../core/policy.ts';
import { insertDocument, isConflicted, liveBreakGlass, staffCaseKey } from '../../storage/caseHandlingStore.ts';
import { caseById, type CaseRow } from '../../storage/caseQueries.ts';
import { endLiveBreakGlass, insertBreakGlass } from '../../storage/caseWorkQueries.ts';
import { inSequence, type Queryable } from '../../storage/database.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { sessionKeyPair } from '../session/sessions.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';
import { auditCaseWork, caseWorkDocumentKinds, type CaseWorkOutcome } from './caseWork.ts';

export type BreakGlassStatus =
  /** They hold a designated key: no break-glass needed. */
  | { state: 'holder'; ref: number }
  | { state: 'available'; ref: number }
  | { state: 'live'; ref: number; expiresAt: Date };

/** Where the member stands; NOT_FOUND when break-glass is not available to them on this case (or there is no such case). */
export async function breakGlassStatus(context: Context, member: StaffMember, caseId: string): Promise<BreakGlassStatus> {
  const now = context.clock();
  const { row, holder } = await emergencyCopy(context.db, member, caseId);
  if (holder === 'staff') return { state: 'holder', ref: row.ref };
  const live = await liveBreakGlass(context.db, row.id, member.staffId, now);
  return live ? { state: 'live', ref: row.ref, expiresAt: live.expiresAt } : { state: 'available', ref: row.ref };
}

export async function startBreakGlass(context: Context, member: StaffMember, caseId: string, input: BreakGlassInput): Promise<CaseWorkOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { row, holder, wrappedKey } = await emergencyCopy(tx, member, caseId);
    if (holder === 'staff') return { ok: false, field: 'reason', messageKey: 'caseWork.breakGlass.holder' };
    if (await liveBreakGlass(tx, row.id, member.staffId, now)) return { ok: false, field: 'reason', messageKey: 'caseWork.breakGlass.alreadyLive' };
    const keyPair = await sessionKeyPair(tx, member);
    if (!keyPair) throw new AppError('SIGN_IN_REQUIRED');
    const caseKey = unwrapForStaff(keyPair, wrappedKey, row.id, member.staffId);
    const reasonId = crypto.randomUUID();
    await insertDocument(tx, {
      id: reasonId,
      caseId: row.id,
      kind: caseWorkDocumentKinds.breakGlassReason,
      sealedWith: 'case',
      sealedBody: sealDocument(caseKey, row.id, reasonId, { text: input.reason }),
      authorKind: 'staff',
      authorStaffId: member.staffId,
      createdAt: now,
    });
    const expiresAt = new Date(now.getTime() + input.hours * 60 * 60 * 1000);
    await insertBreakGlass(tx, { id: crypto.randomUUID(), caseId: row.id, staffId: member.staffId, reasonDocumentId: reasonId, createdAt: now, expiresAt });
    // The mail handler sends this to the case's team and the network's auditors: the case and what happened, never content.
    await enqueue(tx, 'mail.case-alert', { caseId: row.id, about: 'breakGlass' });
    await auditCaseWork(tx, {
      member,
      row,
      action: 'case.break-glass-started',
      details: { hours: input.hours, until: expiresAt.toISOString(), reason: 'given', reasonDocument: documentRef(reasonId) },
      now,
    });
    return { ok: true };
  });
}

/** Ends the member's own live break-glass access now; NOT_FOUND when they have none. */
export async function endBreakGlass(context: Context, member: StaffMember, caseId: string): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const row = await caseById(tx, caseId);
    if (!row || !(await endLiveBreakGlass(tx, row.id, member.staffId, now))) throw new AppError('NOT_FOUND');
    await auditCaseWork(tx, { member, row, action: 'case.break-glass-ended', details: { early: true }, now });
  });
}

/**
 * The member's copy of the case key and whether it is an emergency copy the policy lets them
 * break the glass with, or a designated key they may use as it is. Anything else is NOT_FOUND.
 */
async function emergencyCopy(db: Queryable, member: StaffMember, caseId: string): Promise<{ row: CaseRow; holder: 'staff' | 'emergency'; wrappedKey: Uint8Array }> {
  const row = await caseById(db, caseId);
  if (!row || row.status === 'draft') throw new AppError('NOT_FOUND');
  const [key, conflicted] = await inSequence([() => staffCaseKey(db, row.id, member.staffId), () => isConflicted(db, row.id, member.staffId)]);
  if (!key) throw new AppError('NOT_FOUND');
  if (key.holder === 'staff' && allowed(member.actor, 'case.open', { kind: 'case', orgId: row.orgId, keyHolder: true, conflicted })) {
    return { row, holder: 'staff', wrappedKey: key.wrappedKey };
  }
  if (key.holder !== 'emergency') throw new AppError('NOT_FOUND');
  authorize(member.actor, 'case.break-glass', { kind: 'case', orgId: row.orgId, keyHolder: false, conflicted });
  return { row, holder: 'emergency', wrappedKey: key.wrappedKey };
}
