/**
 * A post as readers see it: title, byline with organisation and role, date, tags, the text
 * (sanitised HTML, footnotes and references included), signatories for a statement, the series
 * disclaimer, links to translations, related posts, and the conversation.
 */
import type { PublicPost } from '../../storage/publishing/publicPosts.ts';
import { ErrorSummary, Notice } from '../components/Form.tsx';
import type { PageContext } from '../components/Layout.tsx';
import { ScrollTable } from '../components/ScrollTable.tsx';
import { BlogCommentSection, commentLabels, type CommentFormState } from './BlogCommentSection.tsx';
import type { SeriesWords } from './BlogIndexPage.tsx';
import { BlogLayout, type PageMeta } from './BlogLayout.tsx';
import { Byline, PostCardItem, PublishedDate, TagList, TranslationLinks } from './BlogPostCard.tsx';

export type BlogPostProps = {
  context: PageContext;
  meta: PageMeta;
  series: SeriesWords;
  post: PublicPost;
  commentFormToken: string;
  commentForm: CommentFormState;
};

function Signatories(props: { context: PageContext; post: PublicPost }) {
  const { t } = props.context;
  if (props.post.signatories.length === 0) return null;
  return (
    <section class="signatories" aria-labelledby="signatories-heading">
      <h2 id="signatories-heading">{t('blog.signatories', { count: props.post.signatories.length })}</h2>
      <ScrollTable t={t} name={t('blog.signatories', { count: props.post.signatories.length })}>
        <thead>
          <tr>
            <th scope="col">{t('blog.signatoryName')}</th>
            <th scope="col">{t('blog.signatoryRole')}</th>
            <th scope="col">{t('blog.signatoryOrganisation')}</th>
          </tr>
        </thead>
        <tbody>
          {props.post.signatories.map((person, index) => (
            <tr key={`${index}-${person.name}`}>
              <td>{person.name}</td>
              <td>{person.role}</td>
              <td>{person.organisation}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

export function BlogPostPage(props: BlogPostProps) {
  const { t, language } = props.context;
  const { post } = props;
  return (
    <BlogLayout context={props.context} title={post.title} meta={props.meta}>
      {/* After sending a comment the reader lands at the top: thanks or problems come first. */}
      {props.commentForm.held ? <Notice kind="success">{t('blog.comments.held')}</Notice> : null}
      {props.commentForm.failure ? <Notice kind="error">{props.commentForm.failure}</Notice> : null}
      <ErrorSummary t={t} errors={props.commentForm.errors} labels={commentLabels(t)} />
      <article class="post" aria-labelledby="post-title">
        <header class="post-header">
          {post.kind === 'statement' ? <p class="kind-label">{t('blog.statement')}</p> : null}
          <h1 id="post-title" lang={post.language}>
            {post.title}
          </h1>
          <p class="post-meta">
            <Byline t={t} card={post} /> · <PublishedDate date={post.publishedAt} language={language} />
          </p>
          <TagList t={t} tags={post.tags} />
          <TranslationLinks t={t} language={language} translations={post.translations} />
        </header>
        {post.summary ? (
          <p class="post-summary" lang={post.language}>
            {post.summary}
          </p>
        ) : null}
        <div class="post-body" lang={post.language} dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <Signatories context={props.context} post={post} />
        {props.series.disclaimer ? (
          <aside class="disclaimer" aria-label={t('blog.disclaimerLabel')}>
            <p>{props.series.disclaimer}</p>
          </aside>
        ) : null}
        {post.authorBio ? (
          <aside class="about-author" aria-label={t('blog.aboutAuthor', { name: post.author.name })}>
            <p>
              <a href={`/blog/authors/${post.author.slug}`}>{post.author.name}</a>: {post.authorBio}
            </p>
          </aside>
        ) : null}
      </article>
      {post.related.length > 0 ? (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{t('blog.related')}</h2>
          {post.related.map((card) => (
            <PostCardItem key={card.id} t={t} language={language} card={card} headingLevel={3} />
          ))}
        </section>
      ) : null}
      <BlogCommentSection
        t={t}
        language={language}
        slug={post.slug}
        comments={post.comments}
        formToken={props.commentFormToken}
        csrfToken={props.context.csrfToken}
        state={props.commentForm}
      />
    </BlogLayout>
  );
}
