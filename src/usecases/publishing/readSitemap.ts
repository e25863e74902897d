/** Every public address of the series, for sitemap.xml. */
import { sitemapEntries, type SitemapEntries } from '../../storage/publishing/publicPosts.ts';
import type { Context } from '../context.ts';

export function readSitemap(context: Context): Promise<SitemapEntries> {
  return sitemapEntries(context.db, context.clock());
}
