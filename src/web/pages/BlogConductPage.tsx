/** The code of conduct for the conversation under posts, in full. */
import type { PageContext } from '../components/Layout.tsx';
import { BlogLayout, type PageMeta } from './BlogLayout.tsx';

export function BlogConductPage(props: { context: PageContext; meta: PageMeta }) {
  const { t } = props.context;
  return (
    <BlogLayout context={props.context} title={t('blog.conduct.title')} meta={props.meta}>
      <h1>{t('blog.conduct.title')}</h1>
      <p>{t('blog.conduct.intro')}</p>
      <ul>
        <li>{t('blog.conduct.respect')}</li>
        <li>{t('blog.conduct.noNames')}</li>
        <li>{t('blog.conduct.noHarm')}</li>
        <li>{t('blog.conduct.noSpam')}</li>
        <li>{t('blog.conduct.moderation')}</li>
      </ul>
      <h2>{t('blog.conduct.privacyTitle')}</h2>
      <p>{t('blog.conduct.privacy')}</p>
      <h2>{t('blog.conduct.helpTitle')}</h2>
      <p>{t('blog.conduct.help')}</p>
      <p>
        <a href="/blog">{t('blog.backToSeries')}</a>
      </p>
    </BlogLayout>
  );
}
