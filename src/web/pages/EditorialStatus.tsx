/**
 * Parts every editorial page shares: a post's status in words (telling a scheduled post from a
 * live one), and the desk's stylesheet, linked from the body since the shared Layout's head
 * carries only the site stylesheet.
 */
import type { Translate } from '../../i18n/index.ts';
import { formatDate } from './BlogPostCard.tsx';

export function StatusLabel(props: { t: Translate; language: string; status: string; publishedAt: Date | null; now: Date }) {
  const { t } = props;
  if (props.status === 'published' && props.publishedAt && props.publishedAt > props.now) {
    return <span class="status status-scheduled">{t('editorial.status.scheduled', { date: `${formatDate(props.publishedAt, props.language)} ${props.publishedAt.toISOString().slice(11, 16)} UTC` })}</span>;
  }
  return <span class={`status status-${props.status}`}>{t(`editorial.status.${props.status}`)}</span>;
}

export function DeskStyles() {
  return <link rel="stylesheet" href="/assets/editorial-desk.css" />;
}
