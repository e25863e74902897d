/**
 * The conventions of the staff JSON API (`/api/v1/…`): a route is data — its OpenAPI
 * description (web/openapi.ts) plus a thin handler — so the routes Fastify serves and the
 * document it publishes come from the same list and the same zod schemas.
 *
 * Every route needs a signed-in, enrolled staff member (the session cookie of the pages); a
 * POST also needs the session's form token in the `x-csrf-token` header, checked before the
 * body is read. Path parameters that cannot name anything answer NOT_FOUND like an unknown
 * record; a query or body the schema refuses answers BAD_INPUT (400) with the fields at fault;
 * a refused case action answers CASE_ACTION_REFUSED (409) with the engine's reason. Every
 * answer is JSON of one error shape, never a page, and never cached. Nothing here logs more
 * than the shell's method and path.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { equalBytes, utf8ToBytes } from '../../../core/crypto/bytes.ts';
import { AppError, isAppError } from '../../../core/errors.ts';
import { translator } from '../../../i18n/index.ts';
import type { Context } from '../../../usecases/context.ts';
import type { App } from '../../app.ts';
import { csrfTokenFor } from '../../app.ts';
import { requireStaff } from '../../guards.ts';
import { CSRF_HEADER, fastifyPath, type ApiOperationDoc } from '../../openapi.ts';

export type ApiCaller = ReturnType<typeof requireStaff>;

type Input<P, Q, B> = { params: P; query: Q; body: B; caller: ApiCaller; context: Context };

export type ApiRoute = ApiOperationDoc & { handle(input: Input<unknown, unknown, unknown>): Promise<unknown> };

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** One route: its description and a handler typed by its own schemas. */
export function apiRoute<P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  route: Omit<ApiOperationDoc, 'params' | 'query' | 'body'> & {
    params?: P;
    query?: Q;
    body?: B extends z.ZodType ? { name: string; schema: B } : undefined;
    handle(input: Input<Infer<P>, Infer<Q>, Infer<B>>): Promise<unknown>;
  },
): ApiRoute {
  return route as unknown as ApiRoute;
}

/** A JSON body as the API reads it: the header says JSON (a form post is no API call). */
function jsonBody(request: FastifyRequest): unknown {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError('BAD_INPUT', { detail: 'content-type: application/json is required' });
  return request.body;
}

function issuesOf(error: z.ZodError): { path: string; problem: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', problem: issue.message }));
}

function parsed<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new ApiBadInput(where, issuesOf(result.error));
}

/** BAD_INPUT with the fields at fault, for the `details` of the answer. */
export class ApiBadInput extends AppError {
  readonly details: { where: string; issues: { path: string; problem: string }[] };
  constructor(where: 'query' | 'body', issues: { path: string; problem: string }[]) {
    super('BAD_INPUT', { detail: where });
    this.details = { where, issues };
  }
}

function checkCsrf(request: FastifyRequest): void {
  const caller = requireStaff(request);
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !equalBytes(utf8ToBytes(sent), utf8ToBytes(csrfTokenFor(caller.token)))) throw new AppError('CSRF_INVALID');
}

export async function mountApiRoutes(app: App, routes: readonly ApiRoute[]): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    scope.setErrorHandler(async (error, request, reply) => sendApiError(error, request, reply));
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    for (const route of routes) {
      scope.route({
        method: route.method,
        url: fastifyPath(route.path),
        // Who is calling, and the form token, are settled before the body is read.
        onRequest: async (request) => {
          requireStaff(request);
          if (route.security === 'sessionAndCsrf') checkCsrf(request);
        },
        handler: async (request, reply) => {
          const params = route.params ? route.params.safeParse(request.params) : undefined;
          if (params && !params.success) throw new AppError('NOT_FOUND');
          const input = {
            params: params?.data,
            query: route.query ? parsed(route.query, request.query, 'query') : undefined,
            body: route.body ? parsed(route.body.schema, jsonBody(request), 'body') : undefined,
            caller: requireStaff(request),
            context,
          };
          return reply.status(route.success.status).send(await route.handle(input));
        },
      });
    }
  });
}

/** What Fastify's own refusals of a body mean, for `details.problem`. */
const bodyProblems: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the body is empty',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type: application/json is required',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the content-length does not match the body',
};

/** Fastify's own refusals (bad JSON, body too large, wrong content type) keep their 4xx status. */
function statusOf(error: unknown): number {
  if (isAppError(error)) return error.status;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

export async function sendApiError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'api request failed');
  const t = typeof (request as { t?: unknown }).t === 'function' ? request.t : translator('en');
  const code = isAppError(error) ? error.code : status >= 500 ? 'INTERNAL' : 'BAD_INPUT';
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({ error: { code, ...messageOf(error, code, t) } });
}

function messageOf(error: unknown, code: string, t: FastifyRequest['t']): { message: string; reason?: string; details?: Record<string, unknown> } {
  if (error instanceof ApiBadInput) return { message: t('errors.BAD_INPUT'), details: error.details };
  if (isAppError(error) && code === 'CASE_ACTION_REFUSED') {
    const { reason, ...params } = error.params;
    const refusal = String(reason);
    return { message: t(`procedures.refusals.${refusal}`, params), reason: refusal, ...(Object.keys(params).length > 0 ? { details: params } : {}) };
  }
  if (isAppError(error) && code === 'BAD_INPUT' && typeof error.params.detail === 'string') return { message: t('errors.BAD_INPUT'), details: { problem: error.params.detail } };
  if (!isAppError(error) && code === 'BAD_INPUT') {
    const fastifyCode = String((error as { code?: unknown }).code);
    return { message: t('errors.BAD_INPUT'), details: { problem: bodyProblems[fastifyCode] ?? fastifyCode } };
  }
  return { message: t(`errors.${code}`, isAppError(error) ? error.params : {}) };
}
