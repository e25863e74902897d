/** The audit log viewer and its chain verification (auditors and network administrators). */
import { z } from 'zod';
import { authorize } from '../../core/policy.ts';
import { readAuditLog } from '../../usecases/audit/readAuditLog.ts';
import { verifyAuditChain } from '../../usecases/audit/verifyAuditChain.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseOrThrow } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { AdminAuditPage } from '../pages/AdminAuditPage.tsx';

const pageQuery = z.object({ before: z.coerce.number().int().min(2).max(Number.MAX_SAFE_INTEGER).optional() });

export async function adminAuditRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/admin/audit', async (request, reply) => {
    const member = requireStaff(request);
    // Authorised before the query is read: a caller without access gets NOT_FOUND, never BAD_INPUT.
    authorize(member.actor, 'audit.read', { kind: 'audit-log' });
    const { before } = parseOrThrow(pageQuery, request.query);
    const page = await readAuditLog(context.db, member.actor, { before });
    return sendPage(reply, AdminAuditPage({ context: pageContext(request), ...page, first: before === undefined }));
  });

  app.post('/admin/audit/verify', async (request, reply) => {
    const member = requireStaff(request);
    const verdict = await verifyAuditChain(context, member.actor);
    const page = await readAuditLog(context.db, member.actor, {});
    return sendPage(reply, AdminAuditPage({ context: pageContext(request), ...page, first: true, verdict }));
  });
}
