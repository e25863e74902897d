/**
 * A fresh token for the comment form under a post: an HMAC of the post's address and the time
 * of issue. Issued for every page view (even a page served from the cache), so the time-lock
 * measures from the moment this reader opened the page. Needs no storage.
 */
import { issueFormToken } from '../../core/publishing/commentGuard.ts';
import { commentFormKey } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';

export async function issueCommentForm(context: Context, slug: string): Promise<string> {
  return issueFormToken(await commentFormKey(context.db), slug, context.clock());
}
