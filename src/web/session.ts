/** Setting and clearing the session cookie. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.ts';
import { SESSION_COOKIE } from './app.ts';

function secure(app: App, request: FastifyRequest): boolean {
  const setting = app.redress.config.cookieSecure;
  return setting === 'true' || (setting === 'auto' && request.protocol === 'https');
}

export function setSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(app, request),
    maxAge: app.redress.sessionLimits.hours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
