/**
 * A handler's inbox: the sent reports whose key was wrapped for them and that the policy lets
 * them open, newest first, metadata only (received date, status, path, receiving organisation).
 */
import { allowed, authorize } from '../../core/policy.ts';
import { isCaseStatus, isReportPath, type CaseStatus, type ReportPath } from '../../core/intake/caseModel.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { inboxFor } from '../../storage/caseQueries.ts';
import type { Context } from '../context.ts';
import type { StaffMember } from './caseAccess.ts';

export const INBOX_PAGE = 50;

export type InboxEntry = { id: string; status: CaseStatus; path: ReportPath; orgId: string | null; orgName: string | null; receivedAt: Date };

export type InboxPage = { entries: InboxEntry[]; next?: { at: Date; id: string } };

export async function listInbox(context: Context, member: Pick<StaffMember, 'staffId' | 'actor'>, before?: { at: Date; id: string }): Promise<InboxPage> {
  authorize(member.actor, 'inbox.view', { kind: 'network' });
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const rows = await inboxFor(tx, member.staffId, { before, limit: INBOX_PAGE + 1 });
    const page = rows.slice(0, INBOX_PAGE);
    const entries = page.flatMap((row) =>
      isCaseStatus(row.status) && isReportPath(row.path) && allowed(member.actor, 'case.open', { kind: 'case', orgId: row.orgId, keyHolder: true })
        ? [{ id: row.id, status: row.status, path: row.path, orgId: row.orgId, orgName: row.orgName, receivedAt: row.submittedAt }]
        : [],
    );
    await recordAudit(tx, { actorId: member.staffId, action: 'case.inbox-viewed', details: { listed: entries.length } }, now);
    const last = page.at(-1);
    return rows.length > INBOX_PAGE && last ? { entries, next: { at: last.submittedAt, id: last.id } } : { entries };
  });
}
