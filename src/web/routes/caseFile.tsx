/**
 * Redacted versions of a report and the case file export: GET/POST
 * `/cases/:id/redactions/:audience` (investigator | respondent) shows and saves a redacted
 * version; GET `/cases/:id/export.pdf?version=full|investigator|respondent` sends the case file
 * as a PDF. A case the staff member may not open answers 404 like an unknown address.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { caseFileVersions, isRedactionAudience, type RedactionAudience } from '../../core/cases/redaction.ts';
import { AppError } from '../../core/errors.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { exportCasePdf } from '../../usecases/cases/exportCasePdf.ts';
import { openRedactionEditor, redactReport, type RedactionInput } from '../../usecases/cases/redactReport.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseOrThrow } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { RedactionPage, type RedactionTyped } from '../pages/RedactionPage.tsx';
import { sendPage } from '../render.tsx';
import { useStrictFormBodies } from './reporterChannel.tsx';

const exportQuery = z.object({ version: z.enum(caseFileVersions) });

function target(request: FastifyRequest): { caseId: string; audience: RedactionAudience } {
  const params = request.params as Record<string, unknown>;
  // A malformed id or audience is answered like an unknown case.
  if (!isCaseId(params.id) || !isRedactionAudience(params.audience)) throw new AppError('NOT_FOUND');
  return { caseId: params.id, audience: params.audience };
}

/** The redaction form as sent: `title`, `identity`, and per answer `include_<id>` and `text_<id>`. */
function redactionForm(body: unknown): RedactionTyped {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const single = (name: string): string | undefined => {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return typeof value === 'string' ? value : Array.isArray(value) && typeof value.at(-1) === 'string' ? (value.at(-1) as string) : undefined;
  };
  const answers: RedactionTyped['answers'] = {};
  for (const name of Object.keys(fields)) {
    const match = /^(include|text)_([a-z][a-zA-Z0-9]{0,39})$/.exec(name);
    if (!match?.[2]) continue;
    const id = match[2];
    answers[id] = { include: single(`include_${id}`) === 'yes', text: single(`text_${id}`) };
  }
  return { title: single('title') ?? '', identity: single('identity') === 'yes', answers };
}

export async function caseFileRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    // Redacting a long report sends every answer back once.
    useStrictFormBodies(scope, 2 * 1024 * 1024);

    scope.get('/cases/:id/redactions/:audience', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const { caseId, audience } = target(request);
      const editor = await openRedactionEditor(context, member, caseId, audience);
      const saved = (request.query as Record<string, unknown>).done === 'saved';
      return sendPage(reply, RedactionPage({ context: pageContext(request), editor, saved }));
    });

    scope.post('/cases/:id/redactions/:audience', async (request, reply) => {
      const member = requireStaff(request);
      const { caseId, audience } = target(request);
      const typed = redactionForm(request.body);
      const input: RedactionInput = { title: typed.title, includeIdentity: typed.identity, choices: typed.answers };
      const outcome = await redactReport(context, member, caseId, audience, input);
      if (outcome.ok) return reply.redirect(`/cases/${caseId}/redactions/${audience}?done=saved`, 303);
      const editor = await openRedactionEditor(context, member, caseId, audience);
      return sendPage(reply, RedactionPage({ context: pageContext(request), editor, typed, problems: outcome.problems }), 400);
    });

    scope.get('/cases/:id/export.pdf', async (request, reply) => {
      const member = requireStaff(request);
      const caseId = (request.params as Record<string, unknown>).id;
      if (!isCaseId(caseId)) throw new AppError('NOT_FOUND');
      const { version } = parseOrThrow(exportQuery, request.query);
      const file = await exportCasePdf(context, member, caseId, version, { t: request.t, language: request.language });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="case-${file.ref}-${version}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(file.bytes));
    });
  });
}
