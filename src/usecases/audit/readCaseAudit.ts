/**
 * A case's audit trail for an auditor or a network administrator not conflicted on it (policy
 * `case.audit`): the case's metadata (number, status, procedure, dates, legal hold — never
 * content), every audit entry about it, newest first and 50 a page, each with who did what and
 * when, and a check of the entries shown: each one's hash is recomputed from its fields and its
 * link to the entry before it (anywhere in the log) is followed. The whole chain is verified on
 * request (`verifyAuditChain`). Looking at a case's trail is itself recorded (`case.audit-viewed`).
 */
import { GENESIS_HASH, hashEntry, type AuditEntry, type ChainBreak } from '../../core/auditChain.ts';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { auditedCaseByRef, filteredAuditEntries, hashesOf, type AuditedCase } from '../../storage/caseAuditQueries.ts';
import { isConflicted } from '../../storage/caseHandlingStore.ts';
import type { Context } from '../context.ts';
import { AUDIT_PAGE_SIZE, describeEntries, type AuditLine } from './readAuditLog.ts';

/** Entries on the page whose own hash or link to their predecessor does not hold. */
export type PageCheck = { checked: number; breaks: ChainBreak[] };

export type CaseAuditTrail = { found: AuditedCase; lines: AuditLine[]; nextBefore: number | undefined; check: PageCheck };

/** Pure: each entry's hash against its fields, and its `prevHash` against the hash of the entry numbered one less. */
export function checkEntries(entries: readonly AuditEntry[], hashBefore: ReadonlyMap<number, string>): PageCheck {
  const breaks: ChainBreak[] = [];
  for (const entry of entries) {
    const { prevHash, hash, ...fields } = entry;
    const expectedPrev = entry.seq === 1 ? GENESIS_HASH : hashBefore.get(entry.seq - 1);
    if (hashEntry(fields, prevHash) !== hash) breaks.push({ seq: entry.seq, problem: 'altered' });
    else if (expectedPrev === undefined) breaks.push({ seq: entry.seq, problem: 'sequence-gap' });
    else if (expectedPrev !== prevHash) breaks.push({ seq: entry.seq, problem: 'missing-or-reordered' });
  }
  return { checked: entries.length, breaks };
}

/** The case behind a number, if the actor may audit it (NOT_FOUND otherwise, as for a number that does not exist). */
export async function auditableCase(context: Context, actor: Actor, ref: number): Promise<AuditedCase> {
  const found = await auditedCaseByRef(context.db, ref);
  if (!found || found.status === 'draft') throw new AppError('NOT_FOUND');
  const conflicted = await isConflicted(context.db, found.id, actor.staffId);
  authorize(actor, 'case.audit', { kind: 'case', orgId: found.orgId, keyHolder: false, conflicted });
  return found;
}

export async function readCaseAudit(context: Context, actor: Actor, input: { ref: number; before?: number | undefined }): Promise<CaseAuditTrail> {
  const found = await auditableCase(context, actor, input.ref);
  const entries = await filteredAuditEntries(context.db, { caseId: found.id, beforeSeq: input.before, limit: AUDIT_PAGE_SIZE });
  const check = checkEntries(entries, await hashesOf(context.db, entries.map((entry) => entry.seq - 1)));
  const lines = await describeEntries(context.db, actor, entries);
  const now = context.clock();
  await context.db.transaction((tx) =>
    recordAudit(tx, { actorId: actor.staffId, action: 'case.audit-viewed', subjectType: 'case', subjectId: found.id, orgId: found.orgId, details: { entries: entries.length } }, now),
  );
  const last = entries.at(-1);
  return { found, lines, nextBefore: entries.length === AUDIT_PAGE_SIZE && last && last.seq > 1 ? last.seq : undefined, check };
}
