/** The newest live posts of the series, a tag or an author, for RSS and Atom. */
import { feedPosts, type FeedPost, type ListingFilter } from '../../storage/publishing/publicPosts.ts';
import { readSeriesTexts, type SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';
import { subjectOf, type ListingSubject } from './readBlogListing.ts';

export const FEED_LENGTH = 20;

export async function readBlogFeed(context: Context, filter: ListingFilter): Promise<{ subject: ListingSubject; posts: FeedPost[]; series: SeriesTexts }> {
  const subject = await subjectOf(context, filter);
  const posts = await feedPosts(context.db, { now: context.clock(), filter, limit: FEED_LENGTH });
  return { subject, posts, series: await readSeriesTexts(context.db) };
}
