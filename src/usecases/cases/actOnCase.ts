/**
 * A staff member takes an action on a case through the procedure engine, in one transaction:
 * access (policy: NOT_FOUND when refused), the row lock (two actions on one case run one after
 * the other), the free text sealed as documents, `applyAction` (a refusal leaves everything as
 * it was: nothing is written), the new state and its columns, the key wrapped for a newly
 * assigned colleague, what the events ask (timeline entries the parties see, alerts to staff
 * through the outbox, with no case content) and the audit entry.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { documentIdOf, reportPathOfPathKind } from '../../core/cases/handling.ts';
import { wrapForStaff } from '../../core/intake/caseCrypto.ts';
import { applyAction, type CaseAction, type CaseEvent, type CaseState } from '../../core/procedures/index.ts';
import { refusal, type Refusal } from '../../core/procedures/refusals.ts';
import { grantForCaseRole } from '../../core/procedures/vocabulary.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { lockCase, type CaseRow } from '../../storage/caseHandlingStore.ts';
import { addCaseEvent } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { enqueue } from '../../storage/outboxStore.ts';
import { caseAttachments, caseDocuments, caseKeys, roleGrants, staff } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { grantsForCase, openCaseKey, type StaffMember } from './caseAccess.ts';
import { handledCase, moveProblem, storeDocuments, storeHandling, withDocumentRefs } from './handledCase.ts';

export type ActOutcome = { ok: true; action: CaseAction; events: CaseEvent[]; state: CaseState } | { ok: false; refusal: Refusal };

export async function actOnCase(context: Context, member: StaffMember, caseId: string, input: unknown): Promise<ActOutcome> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.act', now);
    const row = await lockCase(tx, found.id);
    if (!row) return { ok: false, refusal: refusal('NOT_ALLOWED') };
    const { definition, state } = await handledCase(tx, row);
    const prepared = withDocumentRefs(input);
    if (!prepared.ok) return { ok: false, refusal: prepared.refusal };
    const foreign = await foreignReference(tx, row.id, input);
    if (foreign) return { ok: false, refusal: refusal('ACTION_INVALID', { detail: foreign }) };
    const assignee = await assigneeProblem(tx, row, prepared.action);
    if (assignee) return { ok: false, refusal: assignee };
    const target = await moveProblem(tx, row, state, prepared.action);
    if (target) return { ok: false, refusal: target };

    const result = applyAction(definition, state, prepared.action, { kind: 'staff', staffId: member.staffId, grants: grantsForCase(member, row.orgId) }, now);
    if (!result.ok) return { ok: false, refusal: result.error };
    const action = result.state.history.at(-1)?.action;
    if (!action) return { ok: false, refusal: refusal('ACTION_INVALID') };

    await storeDocuments(tx, { row, keys: { caseKey }, action, documents: prepared.documents, author: { kind: 'staff', staffId: member.staffId }, now });
    if (action.type === 'assign') await wrapForAssignee(tx, row, caseKey, action.staffId, now);
    await storeHandling(tx, row, result.state, now);
    await followEvents(tx, row, result.events, 'staff', now);
    await recordAudit(
      tx,
      {
        actorId: member.staffId,
        action: `case.action.${action.type}`,
        subjectType: 'case',
        subjectId: row.id,
        orgId: row.orgId,
        details: auditDetails(action, result.events),
      },
      now,
    );
    return { ok: true, action, events: result.events, state: result.state };
  });
}

/** What the audit entry says about an action: its kind and non-content choices, never text. */
export function auditDetails(action: CaseAction, events: readonly CaseEvent[]): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    if (key === 'type') continue;
    if (typeof value === 'string' && (value.startsWith('doc:') || value.startsWith('att:'))) details[key] = value;
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') details[key] = key === 'reason' ? 'given' : value;
    else if (Array.isArray(value)) details[key] = value.length;
  }
  const steps = events.flatMap((event) => (event.type === 'stepCompleted' || event.type === 'stepSkipped' ? [event.step] : []));
  if (steps.length > 0) details.steps = steps;
  const deliveries = events.flatMap((event) => (event.type === 'deliver' ? [`${event.what}→${event.to.join('+')}`] : []));
  if (deliveries.length > 0) details.deliveries = deliveries;
  return details;
}

/** A `doc:` or `att:` reference must name something of this very case. */
async function foreignReference(tx: Tx, caseId: string, action: unknown): Promise<string | null> {
  const values = Object.entries(action as Record<string, unknown>).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' && /^(doc|att):/.test(item) ? [{ key, item }] : [])),
  );
  for (const { key, item } of values) {
    const documentId = documentIdOf(item);
    if (documentId !== null) {
      const [hit] = await tx.select({ id: caseDocuments.id }).from(caseDocuments).where(and(eq(caseDocuments.id, documentId), eq(caseDocuments.caseId, caseId)));
      if (!hit) return key;
    } else {
      const attachmentId = item.slice(4);
      const [hit] = await tx.select({ id: caseAttachments.id }).from(caseAttachments).where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, caseId)));
      if (!hit) return key;
    }
  }
  return null;
}

/**
 * The engine cannot see staff records, so the use-case checks that a person being assigned is
 * active and holds the organisation grant for the case role where the case is handled.
 */
async function assigneeProblem(tx: Tx, row: CaseRow, action: unknown): Promise<Refusal | null> {
  const candidate = action as { type?: unknown; staffId?: unknown; as?: unknown };
  if (candidate.type !== 'assign' || typeof candidate.staffId !== 'string' || typeof candidate.as !== 'string') return null;
  const grant = grantForCaseRole[candidate.as as keyof typeof grantForCaseRole];
  if (!grant || !/^[0-9a-f-]{36}$/.test(candidate.staffId)) return null;
  const grants = await tx
    .select({ orgId: roleGrants.orgId })
    .from(roleGrants)
    .innerJoin(staff, eq(staff.id, roleGrants.staffId))
    .where(and(eq(roleGrants.staffId, candidate.staffId), eq(roleGrants.role, grant), eq(staff.active, true)));
  return grants.some((g) => g.orgId === null || g.orgId === row.orgId) ? null : refusal('NOT_ALLOWED', { roles: grant });
}

/** A newly assigned colleague gets the case key sealed to their own public key (if they hold none yet). */
async function wrapForAssignee(tx: Tx, row: CaseRow, caseKey: Uint8Array, staffId: string, now: Date): Promise<void> {
  const [person] = await tx.select({ publicKey: staff.publicKey }).from(staff).where(eq(staff.id, staffId));
  if (!person) return;
  await tx
    .insert(caseKeys)
    .values({ caseId: row.id, holder: 'staff', staffId, wrappedKey: wrapForStaff(person.publicKey, caseKey, row.id, staffId), createdAt: now })
    .onConflictDoUpdate({ target: [caseKeys.caseId, caseKeys.staffId], set: { holder: 'staff', wrappedKey: wrapForStaff(person.publicKey, caseKey, row.id, staffId) } });
}

/**
 * What accepted events ask of the rest of Redress: the reporter's timeline says what was sent
 * to them (the respondent's portal reads deliveries from the case state), and staff alerts go
 * to the case's team by e-mail through the outbox — the case number and what happened, never
 * content.
 */
export async function followEvents(tx: Tx, row: CaseRow, events: readonly CaseEvent[], actorKind: 'staff' | 'reporter' | 'respondent', now: Date): Promise<void> {
  for (const event of events) {
    if (event.type === 'deliver' && event.to.includes('reporter')) {
      await addCaseEvent(tx, { caseId: row.id, kind: 'delivered', actorKind, at: now, details: { what: event.what } });
    } else if (event.type === 'alertStaff') {
      await enqueue(tx, 'mail.case-alert', { caseId: row.id, about: event.about });
    } else if (event.type === 'pathChanged') {
      // In the words the reporter chose the path in, whoever changed it.
      const details = { from: reportPathOfPathKind[event.from.path], to: reportPathOfPathKind[event.to.path] };
      await addCaseEvent(tx, { caseId: row.id, kind: 'path-changed', actorKind, at: now, details });
    } else if (event.type === 'closed') {
      await addCaseEvent(tx, { caseId: row.id, kind: event.kind === 'withdrawn' ? 'withdrawn' : 'closed', actorKind, at: now });
    }
  }
}

/** Staff who hold a designated key to the case (the people an alert goes to). */
export async function caseKeyHolders(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.select({ staffId: caseKeys.staffId }).from(caseKeys).where(and(eq(caseKeys.caseId, caseId), inArray(caseKeys.holder, ['staff'])));
  return rows.flatMap((r) => (r.staffId ? [r.staffId] : []));
}

