/**
 * The staff JSON API, version 1, and its OpenAPI document at /api/openapi.json (public: it
 * describes the API, it holds nothing of anyone's). The document is built once from the same
 * route list Fastify serves.
 */
import { z } from 'zod';
import type { App } from '../../app.ts';
import { csrfTokenFor } from '../../app.ts';
import { CSRF_HEADER, openApiDocument, type ApiOperationDoc } from '../../openapi.ts';
import { caseRoutes } from './cases.ts';
import { sharedAnswerSchemas } from './caseSchemas.ts';
import { procedureRoutes } from './procedures.ts';
import { apiRoute, mountApiRoutes, sendApiError, type ApiRoute } from './staffApi.ts';

export const OPENAPI_PATH = '/api/openapi.json';

const sessionSchema = z.object({
  staffId: z.uuid(),
  name: z.string(),
  language: z.string(),
  csrfToken: z.string().describe(`Send it back in the ${CSRF_HEADER} header of every POST.`),
});

const sessionRoute = apiRoute({
  method: 'GET',
  path: '/api/v1/session',
  operationId: 'getSession',
  tag: 'session',
  summary: 'Who is signed in, and the form token their POST requests must carry.',
  security: 'session',
  success: { status: 200, description: 'The signed-in staff member.', body: { name: 'StaffSession', schema: sessionSchema } },
  errors: [401],
  handle: async ({ caller }) => ({ staffId: caller.staffId, name: caller.name, language: caller.language, csrfToken: csrfTokenFor(caller.token) }),
});

export const staffApiV1: readonly ApiRoute[] = [sessionRoute, ...caseRoutes, ...procedureRoutes];

const documentRoute: ApiOperationDoc = {
  method: 'GET',
  path: OPENAPI_PATH,
  operationId: 'getOpenApiDocument',
  tag: 'documentation',
  summary: 'This document.',
  security: 'public',
  success: { status: 200, description: 'The OpenAPI 3.1 document of the staff API.', body: { name: 'OpenApiDocument', schema: z.record(z.string(), z.unknown()) } },
  errors: [],
};

export function staffApiDocument(): Record<string, unknown> {
  return openApiDocument(
    {
      title: 'Redress staff API',
      version: '1',
      description:
        'Case handling for signed-in staff: the same session cookie as the pages; every POST also carries the session form token in the x-csrf-token header. Every error is `{ "error": { "code", "message", "details"? } }`. See docs/api.md.',
    },
    [documentRoute, ...staffApiV1],
    sharedAnswerSchemas,
  );
}

export async function staffApiRoutes(app: App): Promise<void> {
  await mountApiRoutes(app, staffApiV1);
  const document = JSON.stringify(staffApiDocument());
  await app.register(async (scope) => {
    scope.setErrorHandler(async (error, request, reply) => sendApiError(error, request, reply));
    scope.get(OPENAPI_PATH, async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-cache').send(document));
  });
}
