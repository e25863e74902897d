/**
 * Request logging that never records an IP address, a user agent, a referrer, a cookie or a
 * query string: a request is logged as method and path, a response as status and time.
 */
import type { FastifyServerOptions } from 'fastify';

type LoggedRequest = { method?: string; url?: string };
type LoggedReply = { statusCode?: number };

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    base: { pid: process.pid },
    serializers: {
      req: (request: LoggedRequest) => ({ method: request.method, path: (request.url ?? '').split('?')[0] }),
      res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
    },
    redact: { paths: ['req.headers', 'req.remoteAddress', 'req.remotePort', 'req.hostname'], remove: true },
  };
}
