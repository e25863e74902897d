/**
 * What the reporter routes share: reading the channel from the address (/report for the
 * network, /o/<slug>/report for an organisation), the page chrome for it, strict form bodies,
 * the follow-up cookie — set only once a reporter signs in with a receipt — and errors shown
 * in the reporter's frame, quick exit included.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../core/errors.ts';
import { translator } from '../../i18n/index.ts';
import { parseUrlEncoded } from '../../core/intake/formBody.ts';
import type { Channel, SupportResources } from '../../storage/channelQueries.ts';
import { networkChannel } from '../../storage/channelQueries.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import type { ReporterChrome } from '../components/ReporterLayout.tsx';
import { ReportErrorPage } from '../pages/ReportErrorPage.tsx';
import { sendPage } from '../render.tsx';

export const REPORTER_COOKIE = 'redress_reporter';

/** Twenty answers of 20,000 characters in any script, percent-encoded, fit. */
export const REPORT_BODY_LIMIT = 4 * 1024 * 1024;

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** The organisation slug in the address, null for the network's channel; a malformed one is NOT_FOUND. */
export function slugOf(request: FastifyRequest): string | null {
  const slug = (request.params as Record<string, unknown> | undefined)?.slug;
  if (slug === undefined) return null;
  if (typeof slug !== 'string' || !SLUG.test(slug)) throw new AppError('NOT_FOUND');
  return slug;
}

export function prefixOf(slug: string | null): string {
  return slug === null ? '' : `/o/${slug}`;
}

/** The support text in the reporter's language, else in the channel's first language. */
export function supportFor(support: SupportResources, language: string, channel: Pick<Channel, 'languages'>): string | undefined {
  return support[language] ?? channel.languages.map((code) => support[code]).find((text) => text !== undefined);
}

export function chromeFor(request: FastifyRequest, channel: Channel, support: SupportResources): ReporterChrome {
  return {
    channelName: channel.name,
    prefix: channel.kind === 'organisation' ? `/o/${channel.slug}` : '',
    support: supportFor(support, request.language, channel),
  };
}

/**
 * Form bodies read as the WHATWG standard says (core/intake/formBody.ts): bytes that are not
 * UTF-8 arrive as U+FFFD and are refused with a clear message instead of being stored mangled.
 */
export function useStrictFormBodies(scope: App, bodyLimit: number): void {
  scope.removeContentTypeParser('application/x-www-form-urlencoded');
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, parseUrlEncoded(body as Buffer));
  });
}

export function readReporterToken(request: FastifyRequest): string | undefined {
  return request.cookies[REPORTER_COOKIE];
}

/** A browser-session cookie (no expiry date): closing the browser forgets it. */
export function setReporterCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string): void {
  const setting = app.redress.config.cookieSecure;
  void reply.setCookie(REPORTER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: setting === 'true' || (setting === 'auto' && request.protocol === 'https'),
  });
}

export function clearReporterCookie(reply: FastifyReply): void {
  void reply.clearCookie(REPORTER_COOKIE, { path: '/' });
}

function statusOf(error: unknown): number {
  if (isAppError(error)) return error.status;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
}

/** Errors on reporter pages: the translated message in the reporter's frame, never a stack trace. */
export async function reporterErrorHandler(app: App, error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  // `t` is missing only when the request failed before the shell read it.
  const hasContext = typeof (request as { t?: unknown }).t === 'function';
  const t = hasContext ? request.t : translator('en');
  const message = isAppError(error) ? t(error.messageKey, error.params) : status === 413 ? t('intake.errors.tooLarge') : t(status >= 500 ? 'errors.INTERNAL' : 'errors.BAD_INPUT');
  let channelName = t('intake.layout.safeReporting');
  try {
    channelName = (await networkChannel(app.redress.context.db))?.name ?? channelName;
  } catch {
    // The error page must render even when the database is what failed.
  }
  let prefix = '';
  try {
    prefix = status === 404 ? '' : prefixOf(slugOf(request));
  } catch {
    prefix = '';
  }
  const context = hasContext ? pageContext(request) : { t, language: 'en' as const, path: '/' };
  return sendPage(reply, ReportErrorPage({ context, chrome: { channelName, prefix, support: undefined }, message }), status);
}
