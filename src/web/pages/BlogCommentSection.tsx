/**
 * The conversation under a post: approved comments with the author's replies, and the form to
 * join in. The form works without JavaScript and asks for no account; the name is optional.
 * Beside it, the code of conduct. The honeypot field is hidden from people (visually and from
 * assistive technology) and left empty by them; the comment script, when it runs, adds a proof
 * of work. Comments are held until a moderator approves them, and the form says so.
 */
import type { Translate } from '../../i18n/index.ts';
import type { PublicComment } from '../../storage/publishing/publicPosts.ts';
import { commentGuardPolicy } from '../../core/publishing/commentGuard.ts';
import { COMMENT_BODY_MAX } from '../../core/publishing/markdown.ts';
import { PublishedDate } from './BlogPostCard.tsx';
import { TextAreaField } from './BlogFormFields.tsx';

export type CommentFormState = {
  values: Record<string, string>;
  errors?: Record<string, string> | undefined;
  /** A problem with the whole submission (too fast, busy, expired). */
  failure?: string | undefined;
  held?: boolean;
};

export function commentLabels(t: Translate) {
  return { name: t('blog.comments.name'), body: t('blog.comments.body') };
}

function CommentItem(props: { t: Translate; language: string; comment: PublicComment }) {
  const { comment, t } = props;
  const author = comment.staffName ? t('blog.comments.staffReply', { name: comment.staffName }) : comment.name || t('blog.comments.anonymous');
  return (
    <li id={`comment-${comment.id}`} class={comment.staffName ? 'comment comment-staff' : 'comment'}>
      <p class="comment-meta">
        <strong>{author}</strong> · <PublishedDate date={comment.createdAt} language={props.language} />
      </p>
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {comment.replies.length > 0 ? (
        <ol class="comment-replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} t={t} language={props.language} comment={reply} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

export function BlogCommentSection(props: {
  t: Translate;
  language: string;
  slug: string;
  comments: PublicComment[];
  formToken: string;
  csrfToken: string | undefined;
  state: CommentFormState;
}) {
  const { t, state } = props;
  const labels = commentLabels(t);
  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t('blog.comments.title')}</h2>
      {props.comments.length === 0 ? (
        <p>{t('blog.comments.none')}</p>
      ) : (
        <ol class="comment-list">
          {props.comments.map((comment) => (
            <CommentItem key={comment.id} t={t} language={props.language} comment={comment} />
          ))}
        </ol>
      )}
      <div class="comment-area">
        <div class="comment-form" id="comment-form">
          <h3>{t('blog.comments.join')}</h3>
          <p class="hint">{t('blog.comments.moderated')}</p>
          <form method="post" action={`/blog/${props.slug}/comments`} data-comment-form="" data-proof-bits={String(commentGuardPolicy.powBits)} novalidate>
            {props.csrfToken ? <input type="hidden" name="_csrf" value={props.csrfToken} /> : null}
            <input type="hidden" name="formToken" value={props.formToken} />
            <input type="hidden" name="proofOfWork" value="" data-proof-of-work="" />
            <div class="field">
              <label for="field-name">{labels.name}</label>
              <p class="hint" id="field-name-hint">
                {t('blog.comments.nameHint')}
              </p>
              <input id="field-name" name="name" type="text" maxLength={80} autocomplete="off" value={state.values.name ?? ''} aria-describedby="field-name-hint" />
            </div>
            <TextAreaField
              t={t}
              name="body"
              label={labels.body}
              hint={t('blog.comments.bodyHint')}
              value={state.values.body}
              error={state.errors?.body}
              rows={6}
              maxLength={COMMENT_BODY_MAX}
              required
            />
            <div class="honeypot" aria-hidden="true">
              <label for="field-website">{t('blog.comments.honeypot')}</label>
              <input id="field-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
            </div>
            <button type="submit">{t('blog.comments.submit')}</button>
          </form>
        </div>
        <aside class="code-of-conduct" aria-labelledby="conduct-heading">
          <h3 id="conduct-heading">{t('blog.conduct.title')}</h3>
          <ul>
            <li>{t('blog.conduct.respect')}</li>
            <li>{t('blog.conduct.noNames')}</li>
            <li>{t('blog.conduct.noHarm')}</li>
            <li>{t('blog.conduct.moderation')}</li>
          </ul>
          <p>
            <a href="/blog/conduct">{t('blog.conduct.readAll')}</a>
          </p>
        </aside>
      </div>
      <script src="/assets/blog-comment-proof.js" defer />
    </section>
  );
}
