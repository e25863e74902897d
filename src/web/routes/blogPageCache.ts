/**
 * Rendered public pages and feeds, kept a few seconds in memory so that readers arriving
 * together cost one render. Only for readers who are not signed in (a signed-in page carries a
 * form token and a name). Writes in this process clear it at once; other processes see a change
 * within the lifetime of an entry. Each entry has an ETag so a returning reader gets 304.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app.ts';

type Entry = { body: string; contentType: string; etag: string; storedAt: number };

export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();

  /** How long an entry is served; 0 renders every request (the benchmark measures both). */
  ttlMs: number;

  constructor(
    ttlMs: number,
    private readonly maxEntries: number,
  ) {
    this.ttlMs = ttlMs;
  }

  get(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, body: string, contentType: string, now: number): Entry {
    // Oldest first out: a Map iterates in insertion order.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    const entry = { body, contentType, etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`, storedAt: now };
    this.entries.set(key, entry);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, PublicPageCache>();

/** The cache of one app; editorial routes clear it when public content changes. */
export function publicPageCache(app: App): PublicPageCache {
  let cache = caches.get(app);
  if (!cache) {
    cache = new PublicPageCache(5_000, 2_000);
    caches.set(app, cache);
  }
  return cache;
}

export type PublicResponse = {
  key: string;
  contentType: string;
  render: () => Promise<string>;
  /**
   * Applied to every response after the cache, for what must be fresh per request (the comment
   * form's token). The ETag then only promises an equivalent page, so it is marked weak.
   */
  finish?: (body: string) => Promise<string>;
};

/**
 * Sends a public page or feed: from the cache for readers who are not signed in (rendering it
 * once on a miss), freshly and never stored for signed-in staff.
 */
export async function sendPublic(cache: PublicPageCache, request: FastifyRequest, reply: FastifyReply, response: PublicResponse): Promise<FastifyReply> {
  const finish = response.finish ?? ((body: string) => Promise.resolve(body));
  void reply.header('vary', 'Accept-Language, Cookie');
  if (request.signedIn) {
    const body = await finish(await response.render());
    return reply.type(response.contentType).header('cache-control', 'no-store').send(body);
  }
  const now = Date.now();
  const entry = cache.get(response.key, now) ?? cache.set(response.key, await response.render(), response.contentType, now);
  const etag = response.finish ? `W/${entry.etag}` : entry.etag;
  void reply.header('etag', etag).header('cache-control', 'public, max-age=0, must-revalidate');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(entry.contentType).send(await finish(entry.body));
}
