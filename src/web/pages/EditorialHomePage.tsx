/**
 * The editorial desk: a person's own posts, and for editors the posts waiting for review and
 * those published or scheduled, with the way to moderation and the series settings.
 */
import type { EditorialListItem } from '../../storage/publishing/editorialQueries.ts';
import type { EditorialHome } from '../../usecases/publishing/readEditorialHome.ts';
import { Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { formatDate } from './BlogPostCard.tsx';
import { DeskStyles, StatusLabel } from './EditorialStatus.tsx';

function PostTable(props: { context: PageContext; caption: string; items: EditorialListItem[]; now: Date; showAuthor: boolean }) {
  const { t, language } = props.context;
  if (props.items.length === 0) return null;
  return (
    <ScrollTable t={t} name={props.caption}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('editorial.home.postTitle')}</th>
          {props.showAuthor ? <th scope="col">{t('editorial.home.author')}</th> : null}
          <th scope="col">{t('editorial.home.status')}</th>
          <th scope="col">{t('editorial.home.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.id}>
            <td>
              <a href={`/editorial/posts/${item.id}`} lang={item.language}>
                {item.title}
              </a>
            </td>
            {props.showAuthor ? <td>{item.organisationName ? `${item.authorName} (${item.organisationName})` : item.authorName}</td> : null}
            <td>
              <StatusLabel t={t} language={language} status={item.status} publishedAt={item.publishedAt} now={props.now} />
            </td>
            <td>{formatDate(item.updatedAt, language)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function EditorialHomePage(props: { context: PageContext; desk: EditorialHome; now: Date; notice?: string | undefined }) {
  const { t } = props.context;
  const { desk } = props;
  return (
    <Layout context={props.context} title={t('editorial.home.title')}>
      <DeskStyles />
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ul class="editorial-links">
        <li>
          <a class="button" href="/editorial/posts/new">
            {t('editorial.home.newPost')}
          </a>
        </li>
        <li>
          <a href="/editorial/comments">{desk.isEditor ? t('editorial.home.comments', { count: desk.heldCommentCount }) : t('editorial.home.answerComments')}</a>
        </li>
        <li>
          <a href="/editorial/profile">{t('editorial.home.profile')}</a>
        </li>
        {desk.isSeriesEditor ? (
          <li>
            <a href="/editorial/series">{t('editorial.home.series')}</a>
          </li>
        ) : null}
        <li>
          <a href="/blog">{t('editorial.home.viewSeries')}</a>
        </li>
      </ul>
      <h2>{t('editorial.home.yourPosts')}</h2>
      {desk.ownPosts.length === 0 ? <p>{t('editorial.home.noOwnPosts')}</p> : null}
      <PostTable context={props.context} caption={t('editorial.home.yourPosts')} items={desk.ownPosts} now={props.now} showAuthor={false} />
      {desk.isEditor ? (
        <>
          <h2>{t('editorial.home.toReview')}</h2>
          {desk.toReview.length === 0 ? <p>{t('editorial.home.nothingToReview')}</p> : null}
          <PostTable context={props.context} caption={t('editorial.home.toReview')} items={desk.toReview} now={props.now} showAuthor />
          <h2>{t('editorial.home.published')}</h2>
          <PostTable context={props.context} caption={t('editorial.home.published')} items={desk.published} now={props.now} showAuthor />
        </>
      ) : null}
    </Layout>
  );
}
