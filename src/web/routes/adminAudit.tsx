/**
 * The audit log viewer and its chain verification (auditors and network administrators), with
 * filters by case and by kind of action, and a case's own audit trail for auditors
 * (/audit/cases/:ref, metadata only).
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { authorize } from '../../core/policy.ts';
import { readAuditLog } from '../../usecases/audit/readAuditLog.ts';
import { auditableCase, readCaseAudit } from '../../usecases/audit/readCaseAudit.ts';
import { verifyAuditChain } from '../../usecases/audit/verifyAuditChain.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseOrThrow } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { AdminAuditPage } from '../pages/AdminAuditPage.tsx';
import { CaseAuditPage } from '../pages/CaseAuditPage.tsx';

const before = z.coerce.number().int().min(2).max(Number.MAX_SAFE_INTEGER).optional();
const emptyAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

const pageQuery = z.object({
  before,
  /** A case number, or a case id (which still finds a purged case's entries). */
  case: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^(?:[1-9][0-9]{0,14}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/)
      .optional(),
  ),
  /** The beginning of an action name, e.g. `case.action.` */
  action: z.preprocess(emptyAsMissing, z.string().regex(/^[a-z][a-z0-9.-]{0,79}$/i).optional()),
});

const caseParams = z.object({ ref: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const casePageQuery = z.object({ before });

/** A malformed case number answers like a case that does not exist. */
function caseRefOf(params: unknown): number {
  const parsed = caseParams.safeParse(params);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data.ref;
}

export async function adminAuditRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/admin/audit', async (request, reply) => {
    const member = requireStaff(request);
    // Authorised before the query is read: a caller without access gets NOT_FOUND, never BAD_INPUT.
    authorize(member.actor, 'audit.read', { kind: 'audit-log' });
    const query = parseOrThrow(pageQuery, request.query);
    const filter = { case: query.case, action: query.action };
    const page = await readAuditLog(context.db, member.actor, { before: query.before, filter });
    return sendPage(reply, AdminAuditPage({ context: pageContext(request), ...page, filter, first: query.before === undefined }));
  });

  app.post('/admin/audit/verify', async (request, reply) => {
    const member = requireStaff(request);
    const verdict = await verifyAuditChain(context, member.actor);
    const page = await readAuditLog(context.db, member.actor, {});
    return sendPage(reply, AdminAuditPage({ context: pageContext(request), ...page, first: true, verdict }));
  });

  app.get('/audit/cases/:ref', async (request, reply) => {
    const member = requireStaff(request);
    const ref = caseRefOf(request.params);
    // Authorised before the query is read: a caller without access gets NOT_FOUND, never BAD_INPUT.
    await auditableCase(context, member.actor, ref);
    const { before: older } = parseOrThrow(casePageQuery, request.query);
    const trail = await readCaseAudit(context, member.actor, { ref, before: older });
    return sendPage(reply, CaseAuditPage({ context: pageContext(request), trail, first: older === undefined }));
  });

  app.post('/audit/cases/:ref/verify', async (request, reply) => {
    const member = requireStaff(request);
    const ref = caseRefOf(request.params);
    await auditableCase(context, member.actor, ref);
    const verdict = await verifyAuditChain(context, member.actor);
    const trail = await readCaseAudit(context, member.actor, { ref });
    return sendPage(reply, CaseAuditPage({ context: pageContext(request), trail, first: true, verdict }));
  });
}
