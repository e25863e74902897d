/**
 * What the reporter routes share: reading the channel from the address (/report for the
 * network, /o/<slug>/report for an organisation), the page chrome for it, strict form bodies,
 * the follow-up cookie — set only once a reporter signs in with a receipt — and errors shown
 * in the reporter's frame, quick exit included.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormFields } from '../../core/intake/answers.ts';
import { EVIDENCE_FILE_MAX_BYTES, EVIDENCE_FILES_PER_SUBMISSION } from '../../core/intake/evidence.ts';
import { attachmentsFolder } from '../../storage/attachmentFiles.ts';
import type { Upload } from '../../usecases/intake/evidenceUploads.ts';
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

/**
 * Forms with evidence files arrive as multipart bodies (they work without JavaScript). Fields
 * land on the body as strings, so form tokens are checked as usual; each file becomes an
 * Upload. A file over the limit is cut at the limit and marked truncated rather than failing
 * the request, so the form can come back with a clear message and every typed answer.
 */
export async function useEvidenceUploads(scope: App): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    // One more than allowed, so that one file too many gets a clear message on the form.
    limits: { fileSize: EVIDENCE_FILE_MAX_BYTES, files: EVIDENCE_FILES_PER_SUBMISSION + 1, fields: 1_000, fieldSize: 1024 * 1024, parts: 1_100 },
    onFile: async (part) => {
      const content = await part.toBuffer();
      const upload: Upload = { name: part.filename, content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength), truncated: part.file.truncated };
      (part as unknown as { value: unknown }).value = upload;
    },
  });
}

function isUpload(value: unknown): value is Upload {
  return typeof value === 'object' && value !== null && 'content' in value && (value as { content: unknown }).content instanceof Uint8Array;
}

/** A body split into its text fields and its files (by field name); a urlencoded body has no files. */
export function splitUploads(body: unknown): { fields: FormFields; uploads: Record<string, Upload[]> } {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  const uploads: Record<string, Upload[]> = Object.create(null) as Record<string, Upload[]>;
  if (typeof body !== 'object' || body === null) return { fields, uploads };
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of [value].flat()) {
      if (isUpload(item)) (uploads[name] ??= []).push(item);
      else if (typeof item === 'string') {
        const existing = fields[name];
        fields[name] = existing === undefined ? item : [existing, item].flat();
      }
    }
  }
  return { fields, uploads };
}

export function evidenceFolder(app: App): string {
  return attachmentsFolder(app.redress.config.dataDir);
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
