/**
 * Looking after the conversation: editors approve or reject held comments; authors and editors
 * answer approved ones. Comments are shown as plain text here, as the reader typed them.
 */
import type { ModerationItem } from '../../storage/publishing/editorialQueries.ts';
import type { ModerationQueue } from '../../usecases/publishing/readModerationQueue.ts';
import { CsrfField, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DeskStyles } from './EditorialStatus.tsx';
import { formatDate } from './BlogPostCard.tsx';
import { TextAreaField } from './BlogFormFields.tsx';

function CommentQuote(props: { context: PageContext; item: ModerationItem }) {
  const { t, language } = props.context;
  const { item } = props;
  return (
    <>
      <p class="comment-meta">
        <strong>{item.name || t('blog.comments.anonymous')}</strong> · {formatDate(item.createdAt, language)} ·{' '}
        <a href={`/blog/${item.postSlug}`}>{item.postTitle}</a>
        {item.proofOfWork ? ` · ${t('editorial.comments.proofOfWork')}` : ''}
      </p>
      <blockquote class="comment-text">{item.body}</blockquote>
    </>
  );
}

export function EditorialCommentsPage(props: { context: PageContext; queue: ModerationQueue; notice?: string | undefined; replyErrors?: Record<string, string> }) {
  const { t } = props.context;
  const { queue } = props;
  return (
    <Layout context={props.context} title={t('editorial.comments.title')}>
      <DeskStyles />
      <p>
        <a href="/editorial">{t('editorial.backToDesk')}</a>
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {queue.isEditor ? (
        <section aria-labelledby="held-heading">
          <h2 id="held-heading">{t('editorial.comments.held', { count: queue.held.length })}</h2>
          {queue.held.length === 0 ? <p>{t('editorial.comments.noneHeld')}</p> : null}
          <ul class="moderation-list">
            {queue.held.map((item) => (
              <li key={item.id}>
                <CommentQuote context={props.context} item={item} />
                <form method="post" action={`/editorial/comments/${item.id}`} class="form-buttons">
                  <CsrfField token={props.context.csrfToken} />
                  <button type="submit" name="decision" value="approve">
                    {t('editorial.comments.approve')}
                  </button>
                  <button type="submit" name="decision" value="reject" class="secondary">
                    {t('editorial.comments.reject')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="answer-heading">
        <h2 id="answer-heading">{t('editorial.comments.toAnswer')}</h2>
        {queue.toAnswer.length === 0 ? <p>{t('editorial.comments.noneToAnswer')}</p> : null}
        <ul class="moderation-list">
          {queue.toAnswer.map((item) => (
            <li key={item.id}>
              <CommentQuote context={props.context} item={item} />
              <form method="post" action={`/editorial/comments/${item.id}/reply`} novalidate>
                <CsrfField token={props.context.csrfToken} />
                <TextAreaField t={t} name={`reply-${item.id}`} label={t('editorial.comments.reply')} rows={3} maxLength={5000} error={props.replyErrors?.[item.id]} />
                <button type="submit" class="secondary">
                  {t('editorial.comments.sendReply')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
