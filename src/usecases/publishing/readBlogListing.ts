/**
 * What a reader sees on a listing page: the series page, a tag, an author or an organisation,
 * one page of posts at a time, newest first. An unknown tag, author or organisation, or a page
 * past the end, is NOT_FOUND.
 */
import { AppError } from '../../core/errors.ts';
import {
  authorBySlug,
  listLivePosts,
  organisationBySlug,
  tagBySlug,
  type ListingFilter,
  type PostCard,
} from '../../storage/publishing/publicPosts.ts';
import { readSeriesTexts, type SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import type { Context } from '../context.ts';

export const POSTS_PER_PAGE = 10;

export type ListingSubject =
  | { kind: 'series' }
  | { kind: 'tag'; slug: string; name: string }
  | { kind: 'author'; slug: string; name: string; role: string; bio: string }
  | { kind: 'organisation'; slug: string; name: string };

export type BlogListing = { subject: ListingSubject; cards: PostCard[]; page: number; pageCount: number; series: SeriesTexts };

export async function subjectOf(context: Context, filter: ListingFilter): Promise<ListingSubject> {
  if ('tag' in filter) {
    const tag = await tagBySlug(context.db, filter.tag);
    if (!tag) throw new AppError('NOT_FOUND');
    return { kind: 'tag', ...tag };
  }
  if ('authorSlug' in filter) {
    const author = await authorBySlug(context.db, filter.authorSlug);
    if (!author) throw new AppError('NOT_FOUND');
    return { kind: 'author', ...author };
  }
  if ('orgSlug' in filter) {
    const organisation = await organisationBySlug(context.db, filter.orgSlug);
    if (!organisation) throw new AppError('NOT_FOUND');
    return { kind: 'organisation', slug: organisation.slug, name: organisation.name };
  }
  return { kind: 'series' };
}

export async function readBlogListing(context: Context, options: { filter: ListingFilter; page: number }): Promise<BlogListing> {
  const subject = await subjectOf(context, options.filter);
  const { cards, total } = await listLivePosts(context.db, { now: context.clock(), filter: options.filter, page: options.page, pageSize: POSTS_PER_PAGE });
  const pageCount = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  if (options.page > pageCount) throw new AppError('NOT_FOUND');
  return { subject, cards, page: options.page, pageCount, series: await readSeriesTexts(context.db) };
}
