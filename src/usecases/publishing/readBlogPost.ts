/**
 * What a reader sees on a post page: the post with its byline, tags, signatories, footnotes,
 * translations, related posts and approved comments, and the series texts. A draft, a
 * scheduled or a taken-down post is NOT_FOUND. (The comment form's token is issued apart, per
 * request: see issueCommentForm.ts.)
 */
import { AppError } from '../../core/errors.ts';
import { livePostBySlug, type PublicPost } from '../../storage/publishing/publicPosts.ts';
import { readSeriesTexts, type SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';

export type BlogPostView = { post: PublicPost; series: SeriesTexts };

export async function readBlogPost(context: Context, slug: string): Promise<BlogPostView> {
  const now = context.clock();
  const post = await livePostBySlug(context.db, slug, now);
  if (!post) throw new AppError('NOT_FOUND');
  return { post, series: await readSeriesTexts(context.db) };
}
