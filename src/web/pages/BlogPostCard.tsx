/**
 * Small parts the series pages share: a post's byline, its date, its tags, its translations,
 * and the card a listing shows for each post.
 */
import type { Translate } from '../../i18n/index.ts';
import type { PostCard, Tag, Translation } from '../../storage/publishing/publicPosts.ts';

export function formatDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A language's own name in the reader's language, for languages the interface may not have. */
export function nameOfLanguage(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function PublishedDate(props: { date: Date; language: string }) {
  return <time dateTime={props.date.toISOString()}>{formatDate(props.date, props.language)}</time>;
}

export function Byline(props: { t: Translate; card: Pick<PostCard, 'author' | 'authorRole' | 'organisation'> }) {
  const { card, t } = props;
  return (
    <span class="byline">
      {t('blog.by')} <a href={`/blog/authors/${card.author.slug}`} rel="author">{card.author.name}</a>
      {card.authorRole ? <>, {card.authorRole}</> : null}
      {card.organisation ? (
        <>
          , <a href={`/blog/organisations/${card.organisation.slug}`}>{card.organisation.name}</a>
        </>
      ) : null}
    </span>
  );
}

export function TagList(props: { t: Translate; tags: Tag[] }) {
  if (props.tags.length === 0) return null;
  return (
    <ul class="tags" aria-label={props.t('blog.tagsLabel')}>
      {props.tags.map((tag) => (
        <li key={tag.slug}>
          <a href={`/blog/tags/${tag.slug}`} rel="tag">
            {tag.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function TranslationLinks(props: { t: Translate; language: string; translations: Translation[] }) {
  if (props.translations.length === 0) return null;
  return (
    <p class="translations">
      {props.t('blog.alsoIn')}{' '}
      {props.translations.map((translation, index) => (
        <span key={translation.slug}>
          {index > 0 ? ', ' : ''}
          <a href={`/blog/${translation.slug}`} hrefLang={translation.language} lang={translation.language}>
            {nameOfLanguage(translation.language, translation.language)}
          </a>
        </span>
      ))}
    </p>
  );
}

export function PostCardItem(props: { t: Translate; language: string; card: PostCard; headingLevel: 2 | 3 }) {
  const { card, t } = props;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="post-card">
      <Heading lang={card.language}>
        <a href={`/blog/${card.slug}`}>{card.title}</a>
      </Heading>
      <p class="post-meta">
        {card.kind === 'statement' ? <strong class="kind-label">{t('blog.statement')} · </strong> : null}
        <Byline t={t} card={card} /> · <PublishedDate date={card.publishedAt} language={props.language} />
      </p>
      {card.summary ? <p lang={card.language}>{card.summary}</p> : null}
      <TagList t={t} tags={card.tags} />
      <TranslationLinks t={t} language={props.language} translations={card.translations} />
    </article>
  );
}
