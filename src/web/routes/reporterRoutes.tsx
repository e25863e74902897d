/**
 * The reporter's side, registered as one encapsulated scope: strict form bodies (invalid UTF-8
 * is refused, not stored), a larger body limit for long accounts, and errors shown in the
 * reporter's frame with the quick exit. Multipart bodies (evidence files) are read only here
 * and on the case page. Nothing in this scope logs more than method and path
 * (src/web/logging.ts); no receipt ever appears in an address.
 */
import type { App } from '../app.ts';
import { followUpRoutes } from './followUp.tsx';
import { reportRoutes } from './report.tsx';
import { REPORT_BODY_LIMIT, reporterErrorHandler, useEvidenceUploads, useStrictFormBodies } from './reporterChannel.tsx';

export async function reporterRoutes(app: App): Promise<void> {
  await app.register(async (scope) => {
    useStrictFormBodies(scope, REPORT_BODY_LIMIT);
    await useEvidenceUploads(scope);
    scope.setErrorHandler(async (error, request, reply) => reporterErrorHandler(scope, error, request, reply));
    await reportRoutes(scope);
    await followUpRoutes(scope);
  });
}
