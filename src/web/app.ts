/**
 * The HTTP shell: Fastify with form parsing, cookies, strict security headers, static assets,
 * the request context (language, signed-in staff, form token), one error mapping, and the
 * routes. Routes parse, authorise, call one use-case and render; nothing else lives here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Config } from '../config.ts';
import { equalBytes, fromBase64Url, toBase64Url, utf8ToBytes } from '../core/crypto/bytes.ts';
import { AppError, isAppError } from '../core/errors.ts';
import { requiresTotp } from '../core/roles.ts';
import { isLanguage, negotiateLanguage, translator, type Language } from '../i18n/index.ts';
import { currentNetwork } from '../storage/networkQueries.ts';
import type { Context } from '../usecases/context.ts';
import { loadSession, type SessionLimits } from '../usecases/session/sessions.ts';
import { staffNav } from './staffNav.ts';
import { sendPage } from './render.tsx';
import { ErrorPage } from './pages/ErrorPage.tsx';
import type { PageContext } from './components/Layout.tsx';
import { loggerOptions } from './logging.ts';
import './requestContext.ts';
import { registerRoutes } from './routes/index.ts';

export const SESSION_COOKIE = 'redress_session';

export type AppOptions = {
  config: Config;
  context: Context;
  /** Fastify's logger settings; tests pass false. */
  logger?: boolean;
};

export type App = FastifyInstance;

export type AppServices = {
  config: Config;
  context: Context;
  sessionLimits: SessionLimits;
};

const assetsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(options.config.logLevel),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  const services: AppServices = {
    config: options.config,
    context: options.context,
    sessionLimits: { hours: options.config.sessionHours, idleMinutes: options.config.sessionIdleMinutes },
  };
  app.decorate('redress', services);

  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        manifestSrc: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    hsts: options.config.cookieSecure === 'true' ? undefined : false,
  });
  await app.register(fastifyStatic, { root: assetsFolder, prefix: '/assets/', maxAge: '1h', decorateReply: false });

  app.decorateRequest('language', 'en' as Language);
  app.decorateRequest('t', null as unknown as FastifyRequest['t']);
  app.decorateRequest('signedIn', undefined);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('onRequest', async (request) => {
    const cookieToken = request.cookies[SESSION_COOKIE];
    request.signedIn = cookieToken
      ? await loadSession(services.context.db, cookieToken, services.context.clock(), services.sessionLimits)
      : undefined;
    request.csrfToken = request.signedIn ? csrfTokenFor(request.signedIn.token) : undefined;
    request.language = await requestLanguage(request, services);
    request.t = translator(request.language);
  });

  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST') return;
    rejectCrossSite(request);
    if (request.signedIn && !request.url.startsWith('/api/')) {
      const submitted = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!csrfMatches(submitted, request.signedIn.token)) throw new AppError('CSRF_INVALID');
    }
  });

  app.setErrorHandler(async (error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => handleError(new AppError('NOT_FOUND'), request, reply));

  await registerRoutes(app);
  return app;
}

/** The per-session form token: an HMAC of the session secret, so it needs no storage. */
export function csrfTokenFor(sessionToken: string): string {
  return toBase64Url(hmac(sha256, fromBase64Url(sessionToken), utf8ToBytes('redress/csrf')));
}

function csrfMatches(submitted: unknown, sessionToken: string): boolean {
  if (typeof submitted !== 'string') return false;
  return equalBytes(utf8ToBytes(submitted), utf8ToBytes(csrfTokenFor(sessionToken)));
}

/** Browsers say where a form came from; a post from another site is refused outright. */
function rejectCrossSite(request: FastifyRequest): void {
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF_INVALID');
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('CSRF_INVALID');
    }
    const expected = request.headers['x-forwarded-host'] ?? request.headers.host;
    if (host !== expected) throw new AppError('CSRF_INVALID');
  }
}

let networkLanguageCache: { value: Language; at: number } | undefined;

async function requestLanguage(request: FastifyRequest, services: AppServices): Promise<Language> {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang ?? (request.body as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(asked)) return asked;
  if (request.signedIn && isLanguage(request.signedIn.language)) return request.signedIn.language;
  const now = Date.now();
  if (!networkLanguageCache || now - networkLanguageCache.at > 60_000) {
    const found = await currentNetwork(services.context.db);
    networkLanguageCache = { value: isLanguage(found?.defaultLanguage) ? found.defaultLanguage : 'en', at: now };
  }
  return negotiateLanguage(request.headers['accept-language'], networkLanguageCache.value);
}

export function pageContext(request: FastifyRequest): PageContext {
  const signedIn = request.signedIn;
  const enrolled = signedIn ? signedIn.totpEnrolled || !requiresTotp(signedIn.grants) : false;
  return {
    t: request.t,
    language: request.language,
    csrfToken: request.csrfToken,
    path: request.url.split('?')[0] ?? '/',
    signedInName: signedIn?.name,
    nav: signedIn && enrolled ? staffNav({ staffId: signedIn.staffId, grants: signedIn.grants }, request.t) : undefined,
  };
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) keep their status. */
function statusOf(error: unknown): number {
  if (isAppError(error)) return error.status;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (isAppError(error) && error.code === 'SIGN_IN_REQUIRED' && request.method === 'GET' && !request.url.startsWith('/api/')) {
    return reply.redirect('/sign-in', 303);
  }
  // `t` is missing only when the request failed before the shell read it.
  const hasContext = typeof (request as { t?: unknown }).t === 'function';
  const t = hasContext ? request.t : translator('en');
  const code = isAppError(error) ? error.code : status === 413 ? 'BAD_INPUT' : status >= 500 ? 'INTERNAL' : 'BAD_INPUT';
  const message = t(`errors.${code}`, isAppError(error) ? error.params : {});
  if (request.url.startsWith('/api/')) return reply.status(status).send({ error: { code, message } });
  const context = hasContext ? pageContext(request) : { t, language: 'en' as Language, path: '/' };
  return sendPage(reply, ErrorPage({ context, title: t('error.title'), message }), status);
}
