/**
 * Request logging that never records an IP address, a user agent, a referrer, a cookie or a
 * query string: a request is logged as method and path, a response as status and time.
 * One-time secrets that travel in a path (setup, staff and assessment invitation links) are masked.
 */
import type { FastifyServerOptions } from 'fastify';

type LoggedRequest = { method?: string; url?: string };

const secretPathSegments = /^\/(setup|invite|toolkit\/answer)\/[^/]+/;
/** The respondent's invitation link, /respond/<token>; the portal's own pages live under /respond/case. */
const respondentLink = /^\/respond\/(?!case(?:\/|$))[^/]+/;

/** The path of a request as it may be logged: no query string, no one-time secret. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(secretPathSegments, '/$1/[secret]').replace(respondentLink, '/respond/[secret]');
}
type LoggedReply = { statusCode?: number };

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    base: { pid: process.pid },
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, path: loggablePath(request.url) }),
      res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
    },
    redact: { paths: ['req.headers', 'req.remoteAddress', 'req.remotePort', 'req.hostname'], remove: true },
  };
}
