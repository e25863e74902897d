/**
 * Evidence shared for the review: the staff form on the case page (a handler or investigator
 * chooses the items; a refusal is the error page with its reason, nothing shared) and the
 * reporter's download of a shared file from the follow-up page (the respondent downloads theirs
 * from the portal's files route). A case or file that may not be reached answers 404.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { shareEvidenceForReview } from '../../usecases/cases/shareEvidenceForReview.ts';
import { downloadSharedEvidence } from '../../usecases/cases/sharedEvidence.ts';
import { loadReporterSession } from '../../usecases/intake/reporterSessions.ts';
import type { App } from '../app.ts';
import { requireStaff } from '../guards.ts';
import { evidenceFolder, readReporterToken, reporterErrorHandler, slugOf, useStrictFormBodies } from './reporterChannel.tsx';
import { sendFile } from './respondent.tsx';

function idParam(request: FastifyRequest, name: string): string {
  const id = (request.params as Record<string, unknown>)[name];
  if (!isCaseId(id)) throw new AppError('NOT_FOUND');
  return id;
}

export async function evidenceReviewRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 64 * 1024);
    scope.post('/cases/:id/evidence-review', async (request, reply) => {
      const member = requireStaff(request);
      const id = idParam(request, 'id');
      const items = ((request.body ?? {}) as Record<string, unknown>).items;
      await shareEvidenceForReview(context, member, id, { items, folder: evidenceFolder(app) });
      return reply.redirect(`/cases/${id}#evidence-review-title`, 303);
    });
  });

  await app.register(async (scope) => {
    scope.setErrorHandler(async (error, request, reply) => reporterErrorHandler(scope, error, request, reply));
    for (const prefix of ['', '/o/:slug']) {
      scope.get(`${prefix}/follow-up/evidence/:id`, async (request, reply) => {
        slugOf(request);
        const session = await loadReporterSession(context.db, readReporterToken(request), context.clock());
        if (!session) throw new AppError('FOLLOW_UP_ENDED');
        return sendFile(reply, await downloadSharedEvidence(context, session, idParam(request, 'id'), evidenceFolder(app)));
      });
    }
  });
}
