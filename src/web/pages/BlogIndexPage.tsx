/**
 * A listing of the series: the series page itself (its description and disclaimer), or the
 * posts of one tag, author or organisation. Newest first, ten to a page, with plain links to
 * newer and older pages.
 */
import type { PostCard } from '../../storage/publishing/publicPosts.ts';
import type { ListingSubject } from '../../usecases/publishing/readBlogListing.ts';
import type { PageContext } from '../components/Layout.tsx';
import { BlogLayout, type PageMeta } from './BlogLayout.tsx';
import { PostCardItem } from './BlogPostCard.tsx';

export type SeriesWords = { title: string; description: string; disclaimer: string };

export type BlogIndexProps = {
  context: PageContext;
  meta: PageMeta;
  series: SeriesWords;
  subject: ListingSubject;
  cards: PostCard[];
  page: number;
  pageCount: number;
  /** The listing's own path, e.g. /blog or /blog/tags/safeguarding. */
  basePath: string;
};

function headingFor(props: BlogIndexProps): string {
  const { t } = props.context;
  switch (props.subject.kind) {
    case 'series':
      return props.series.title;
    case 'tag':
      return t('blog.tagHeading', { tag: props.subject.name });
    case 'author':
      return props.subject.name;
    case 'organisation':
      return t('blog.organisationHeading', { organisation: props.subject.name });
  }
}

function pagePath(basePath: string, page: number): string {
  return page === 1 ? basePath : `${basePath}?page=${page}`;
}

export function BlogIndexPage(props: BlogIndexProps) {
  const { t, language } = props.context;
  const heading = headingFor(props);
  const title = props.page > 1 ? t('blog.pageTitle', { title: heading, page: props.page }) : heading;
  return (
    <BlogLayout context={props.context} title={title} meta={props.meta}>
      <h1>{heading}</h1>
      {props.subject.kind === 'series' ? (
        <>
          {props.series.description ? <p class="series-description">{props.series.description}</p> : null}
          {props.series.disclaimer ? <p class="disclaimer">{props.series.disclaimer}</p> : null}
          <p>
            <a href="/blog/conduct">{t('blog.conduct.link')}</a>
          </p>
        </>
      ) : null}
      {props.subject.kind === 'author' ? (
        <>
          {props.subject.role ? <p class="author-role">{props.subject.role}</p> : null}
          {props.subject.bio ? <p class="author-bio">{props.subject.bio}</p> : null}
        </>
      ) : null}
      {props.subject.kind !== 'series' ? (
        <p>
          <a href="/blog">{t('blog.allPosts', { series: props.series.title })}</a>
        </p>
      ) : null}
      {props.cards.length === 0 ? (
        <p>{t('blog.nothingYet')}</p>
      ) : (
        <div class="post-list">
          {props.cards.map((card) => (
            <PostCardItem key={card.id} t={t} language={language} card={card} headingLevel={2} />
          ))}
        </div>
      )}
      {props.pageCount > 1 ? (
        <nav class="pagination" aria-label={t('blog.pagination')}>
          <p>{t('blog.pageOf', { page: props.page, pages: props.pageCount })}</p>
          <ul>
            {props.page > 1 ? (
              <li>
                <a href={pagePath(props.basePath, props.page - 1)} rel="prev">
                  {t('blog.newer')}
                </a>
              </li>
            ) : null}
            {props.page < props.pageCount ? (
              <li>
                <a href={pagePath(props.basePath, props.page + 1)} rel="next">
                  {t('blog.older')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </BlogLayout>
  );
}
