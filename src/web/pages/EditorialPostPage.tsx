/**
 * One post on the editorial desk: the form (or, while the text is with the editors, the text
 * as it stands), images, the workflow steps this person may take now, the timeline of the
 * editorial conversation, and the revisions to compare.
 */
import type { SafeHtml } from '../../core/publishing/markdown.ts';
import { IMAGE_MAX_MEGABYTES } from '../../core/publishing/post.ts';
import type { EditorialPost } from '../../usecases/publishing/readEditorialPost.ts';
import { CsrfField, ErrorSummary, Notice } from '../components/Form.tsx';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { formatDate } from './BlogPostCard.tsx';
import { TextAreaField } from './BlogFormFields.tsx';
import { EditorialPostForm, type Option } from './EditorialPostForm.tsx';
import { DeskStyles, StatusLabel } from './EditorialStatus.tsx';

export type EditorialPostProps = {
  context: PageContext;
  now: Date;
  values: Record<string, string>;
  errors?: Record<string, string> | undefined;
  failure?: string | undefined;
  notice?: string | undefined;
  previewHtml: SafeHtml | undefined;
  writingOptions: Option[];
  languageOptions: Option[];
  /** Absent for a new post. */
  desk?: EditorialPost | undefined;
  stepErrors?: Record<string, string> | undefined;
  stepValues?: Record<string, string> | undefined;
  imageUrl?: string | undefined;
  imageError?: string | undefined;
};

function Steps(props: EditorialPostProps & { desk: EditorialPost }) {
  const { t } = props.context;
  const { desk } = props;
  if (desk.actions.length === 0) return null;
  const errors = props.stepErrors ?? {};
  const buttons = desk.actions.filter((action) => action !== 'publish');
  return (
    <section aria-labelledby="steps-heading" class="editorial-steps">
      <h2 id="steps-heading">{t('editorial.steps.title')}</h2>
      <ErrorSummary t={t} errors={props.stepErrors} labels={{ note: t('editorial.steps.note'), publishAt: t('editorial.steps.publishAt') }} />
      <form method="post" action={`/editorial/posts/${desk.post.id}/steps`} novalidate>
        <CsrfField token={props.context.csrfToken} />
        <TextAreaField t={t} name="note" label={t('editorial.steps.note')} hint={t('editorial.steps.noteHint')} value={props.stepValues?.note} error={errors.note} rows={3} maxLength={5000} />
        <div class="form-buttons">
          {buttons.map((action) => (
            <button key={action} type="submit" name="step" value={action} class={action === 'comment' ? 'secondary' : undefined}>
              {t(`editorial.steps.${action}`)}
            </button>
          ))}
        </div>
        {desk.actions.includes('publish') ? (
          <fieldset>
            <legend>{t('editorial.steps.publishLegend')}</legend>
            <div class={errors.publishAt ? 'field field-error' : 'field'}>
              <label for="field-publishAt">{t('editorial.steps.publishAt')}</label>
              <p class="hint" id="field-publishAt-hint">
                {t('editorial.steps.publishAtHint')}
              </p>
              {errors.publishAt ? (
                <p class="error" id="field-publishAt-error">
                  {t(errors.publishAt)}
                </p>
              ) : null}
              <input
                id="field-publishAt"
                name="publishAt"
                type="datetime-local"
                value={props.stepValues?.publishAt ?? ''}
                aria-describedby={errors.publishAt ? 'field-publishAt-hint field-publishAt-error' : 'field-publishAt-hint'}
              />
            </div>
            <button type="submit" name="step" value="publish">
              {t('editorial.steps.publish')}
            </button>
          </fieldset>
        ) : null}
      </form>
    </section>
  );
}

function Timeline(props: { context: PageContext; desk: EditorialPost }) {
  const { t, language } = props.context;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('editorial.timeline.title')}</h2>
      <ol class="timeline">
        {props.desk.timeline.map((entry, index) => (
          <li key={`${index}-${entry.action}`}>
            <p>
              <strong>{t(`editorial.timeline.${entry.action}`, { revision: entry.revision })}</strong> — {entry.staffName ?? t('editorial.timeline.someone')},{' '}
              <time dateTime={entry.at.toISOString()}>
                {formatDate(entry.at, language)} {entry.at.toISOString().slice(11, 16)} UTC
              </time>
            </p>
            {entry.note ? <p class="note">{entry.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Revisions(props: { context: PageContext; desk: EditorialPost }) {
  const { t, language } = props.context;
  const { revisions, post } = props.desk;
  if (revisions.length < 2) return null;
  const options = revisions.map((revision) => ({ value: String(revision.number), label: t('editorial.revisions.option', { number: revision.number, date: formatDate(revision.savedAt, language), name: revision.savedByName ?? '' }) }));
  return (
    <section aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">{t('editorial.revisions.title')}</h2>
      <form method="get" action={`/editorial/posts/${post.id}/revisions`} class="compare-form">
        <div class="field">
          <label for="field-from">{t('editorial.revisions.from')}</label>
          <select id="field-from" name="from">
            {options.map((option, index) => (
              <option key={option.value} value={option.value} selected={index === 1}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-to">{t('editorial.revisions.to')}</label>
          <select id="field-to" name="to">
            {options.map((option, index) => (
              <option key={option.value} value={option.value} selected={index === 0}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('editorial.revisions.compare')}
        </button>
      </form>
    </section>
  );
}

function Images(props: EditorialPostProps & { desk: EditorialPost }) {
  const { t } = props.context;
  return (
    <section aria-labelledby="images-heading">
      <h2 id="images-heading">{t('editorial.images.title')}</h2>
      <p class="hint">{t('editorial.images.explained')}</p>
      {props.imageUrl ? (
        <Notice kind="success">
          <p>{t('editorial.images.attached')}</p>
          <p>
            <code>{`![${t('editorial.images.describe')}](${props.imageUrl})`}</code>
          </p>
        </Notice>
      ) : null}
      <form method="post" action={`/editorial/posts/${props.desk.post.id}/images`} enctype="multipart/form-data">
        <CsrfField token={props.context.csrfToken} />
        <div class={props.imageError ? 'field field-error' : 'field'}>
          <label for="field-image">{t('editorial.images.file')}</label>
          {props.imageError ? (
            <p class="error" id="field-image-error">
              {t(props.imageError, { megabytes: IMAGE_MAX_MEGABYTES })}
            </p>
          ) : null}
          <input id="field-image" name="image" type="file" accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby={props.imageError ? 'field-image-error' : undefined} />
        </div>
        <button type="submit" class="secondary">
          {t('editorial.images.upload')}
        </button>
      </form>
    </section>
  );
}

export function EditorialPostPage(props: EditorialPostProps) {
  const { t, language } = props.context;
  const desk = props.desk;
  const title = desk ? desk.post.title : t('editorial.form.newTitle');
  return (
    <Layout context={props.context} title={title}>
      <DeskStyles />
      <p>
        <a href="/editorial">{t('editorial.backToDesk')}</a>
      </p>
      {desk ? (
        <p class="post-status">
          <StatusLabel t={t} language={language} status={desk.post.status} publishedAt={desk.post.publishedAt} now={props.now} /> ·{' '}
          {t('editorial.revisionNumber', { number: desk.post.revision })}
          {desk.post.status === 'published' && desk.post.publishedAt && desk.post.publishedAt <= props.now ? (
            <>
              {' '}
              · <a href={`/blog/${desk.post.slug}`}>{t('editorial.viewLive')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.failure ? <Notice kind="error">{props.failure}</Notice> : null}
      {!desk || desk.canEdit ? (
        <EditorialPostForm
          t={t}
          csrfToken={props.context.csrfToken}
          action={desk ? `/editorial/posts/${desk.post.id}` : '/editorial/posts'}
          values={props.values}
          errors={props.errors}
          writingOptions={props.writingOptions}
          languageOptions={props.languageOptions}
          previewHtml={props.previewHtml}
          saveLabel={desk ? t('editorial.form.save') : t('editorial.form.create')}
        />
      ) : (
        <section class="preview" aria-labelledby="current-heading">
          <h2 id="current-heading">{t('editorial.currentText')}</h2>
          <p class="hint">{t('editorial.lockedForAuthor')}</p>
          <div class="post-body" lang={desk.post.language} dangerouslySetInnerHTML={{ __html: desk.post.bodyHtml }} />
        </section>
      )}
      {desk && desk.canEdit ? <Images {...props} desk={desk} /> : null}
      {desk ? <Steps {...props} desk={desk} /> : null}
      {desk ? <Timeline context={props.context} desk={desk} /> : null}
      {desk ? <Revisions context={props.context} desk={desk} /> : null}
    </Layout>
  );
}
