/**
 * The public series: listings (series, tag, author, organisation), posts with their comment
 * form, the code of conduct, RSS and Atom feeds, images and the sitemap. Every page works
 * without JavaScript. Nothing about a reader is logged or stored; comments carry only what the
 * reader typed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { atomFeed, rssFeed, sitemap, type FeedChannel, type SitemapUrl } from '../../core/publishing/feeds.ts';
import { COMMENT_BODY_MAX } from '../../core/publishing/markdown.ts';
import { isSlug } from '../../core/publishing/slugs.ts';
import type { Translate } from '../../i18n/index.ts';
import { imagesFolder, readImageFile } from '../../storage/publishing/imageFiles.ts';
import type { ListingFilter } from '../../storage/publishing/publicPosts.ts';
import type { SeriesTexts } from '../../storage/publishing/seriesSettings.ts';
import { issueCommentForm } from '../../usecases/publishing/issueCommentForm.ts';
import { postComment } from '../../usecases/publishing/postComment.ts';
import { readBlogFeed } from '../../usecases/publishing/readBlogFeed.ts';
import { readBlogListing, type ListingSubject } from '../../usecases/publishing/readBlogListing.ts';
import { readBlogPost } from '../../usecases/publishing/readBlogPost.ts';
import { readSeries } from '../../usecases/publishing/readSeries.ts';
import { readSitemap } from '../../usecases/publishing/readSitemap.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm, parseOrThrow } from '../forms.ts';
import { BlogConductPage } from '../pages/BlogConductPage.tsx';
import { BlogIndexPage, type SeriesWords } from '../pages/BlogIndexPage.tsx';
import type { FeedLink, PageMeta } from '../pages/BlogLayout.tsx';
import { BlogPostPage } from '../pages/BlogPostPage.tsx';
import type { CommentFormState } from '../pages/BlogCommentSection.tsx';
import { publicPageCache, sendPublic } from './blogPageCache.ts';

const HTML = 'text/html; charset=utf-8';
const FORM_TOKEN_PLACEHOLDER = 'comment-form-token';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
const slugParam = z.object({ slug: z.string().refine(isSlug) });
const feedFormat = z.enum(['rss.xml', 'atom.xml']);

const commentForm = z.object({
  name: z.string().trim().max(80).optional().default(''),
  body: z.string().trim().min(1).max(COMMENT_BODY_MAX),
  formToken: z.string().max(200).optional().default(''),
  proofOfWork: z.string().max(20).optional().default(''),
  website: z.string().max(2000).optional().default(''),
});

/** The series' words in the reader's language, falling back to the translated defaults. */
export function seriesWords(texts: SeriesTexts, t: Translate, language: string): SeriesWords {
  const own = texts[language];
  return {
    title: own?.title || t('blog.defaults.title'),
    description: own?.description || t('blog.defaults.description'),
    disclaimer: own?.disclaimer || t('blog.defaults.disclaimer'),
  };
}

/** The site's public origin: PUBLIC_URL when set, else what the request was addressed to. */
export function originOf(app: App, request: FastifyRequest): string {
  return app.redress.config.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

function listingPath(filter: ListingFilter): string {
  if ('tag' in filter) return `/blog/tags/${filter.tag}`;
  if ('authorSlug' in filter) return `/blog/authors/${filter.authorSlug}`;
  if ('orgSlug' in filter) return `/blog/organisations/${filter.orgSlug}`;
  return '/blog';
}

function feedTitle(subject: ListingSubject, words: SeriesWords, t: Translate): string {
  if (subject.kind === 'tag') return `${words.title}: ${t('blog.tagHeading', { tag: subject.name })}`;
  if (subject.kind === 'author' || subject.kind === 'organisation') return `${words.title}: ${subject.name}`;
  return words.title;
}

export async function blogRoutes(app: App): Promise<void> {
  const { context, config } = app.redress;
  const cache = publicPageCache(app);

  /** Puts a fresh form token in a rendered post page; readers' text cannot produce this attribute pair. */
  async function withFormToken(body: string, slug: string): Promise<string> {
    return body.replace(`name="formToken" value="${FORM_TOKEN_PLACEHOLDER}"`, `name="formToken" value="${await issueCommentForm(context, slug)}"`);
  }

  function meta(request: FastifyRequest, words: SeriesWords, overrides: Partial<PageMeta> & Pick<PageMeta, 'canonicalPath'>): PageMeta {
    return { origin: originOf(app, request), description: words.description, kind: 'website', seriesTitle: words.title, ...overrides };
  }

  function cacheKey(request: FastifyRequest, ...parts: (string | number)[]): string {
    return [originOf(app, request), request.language, ...parts].join('|');
  }

  async function listing(request: FastifyRequest, reply: FastifyReply, filter: ListingFilter) {
    const { page } = parseOrThrow(pageQuery, request.query);
    const basePath = listingPath(filter);
    const render = async (): Promise<string> => {
      const found = await readBlogListing(context, { filter, page });
      const words = seriesWords(found.series, request.t, request.language);
      const hasFeed = !('orgSlug' in filter);
      const origin = originOf(app, request);
      const feed: FeedLink | undefined = hasFeed
        ? { title: feedTitle(found.subject, words, request.t), rss: `${origin}${basePath}/rss.xml`, atom: `${origin}${basePath}/atom.xml` }
        : undefined;
      const description = found.subject.kind === 'author' && found.subject.bio ? found.subject.bio : words.description;
      return renderDocument(
        BlogIndexPage({
          context: pageContext(request),
          meta: meta(request, words, { canonicalPath: page === 1 ? basePath : `${basePath}?page=${page}`, feed, description }),
          series: words,
          subject: found.subject,
          cards: found.cards,
          page: found.page,
          pageCount: found.pageCount,
          basePath,
        }),
      );
    };
    return sendPublic(cache, request, reply, { key: cacheKey(request, basePath, page), contentType: HTML, render });
  }

  async function postPage(request: FastifyRequest, slug: string, commentForm: CommentFormState): Promise<string> {
    const found = await readBlogPost(context, slug);
    const words = seriesWords(found.series, request.t, request.language);
    const origin = originOf(app, request);
    return renderDocument(
      BlogPostPage({
        context: pageContext(request),
        meta: meta(request, words, {
          canonicalPath: `/blog/${found.post.slug}`,
          kind: 'article',
          description: found.post.summary || words.description,
          publishedAt: found.post.publishedAt,
          feed: { title: words.title, rss: `${origin}/blog/rss.xml`, atom: `${origin}/blog/atom.xml` },
          alternates: found.post.translations.map((translation) => ({ language: translation.language, path: `/blog/${translation.slug}` })),
        }),
        series: words,
        post: found.post,
        commentFormToken: FORM_TOKEN_PLACEHOLDER,
        commentForm,
      }),
    );
  }

  async function feed(request: FastifyRequest, reply: FastifyReply, filter: ListingFilter, format: string) {
    const parsed = feedFormat.safeParse(format);
    if (!parsed.success) throw new AppError('NOT_FOUND');
    const kind = parsed.data;
    const basePath = listingPath(filter);
    const contentType = kind === 'rss.xml' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8';
    const render = async (): Promise<string> => {
      const found = await readBlogFeed(context, filter);
      const words = seriesWords(found.series, request.t, request.language);
      const channel: FeedChannel = {
        title: feedTitle(found.subject, words, request.t),
        description: words.description,
        disclaimer: words.disclaimer,
        language: request.language,
        origin: originOf(app, request),
        pagePath: basePath,
        feedPath: basePath,
      };
      const entries = found.posts.map((post) => ({
        slug: post.slug,
        title: post.title,
        summary: post.summary,
        html: post.bodyHtml,
        publishedAt: post.publishedAt,
        updatedAt: post.updatedAt,
        authorName: post.author.name,
        organisationName: post.organisation?.name,
        tags: post.tags.map((tag) => tag.name),
      }));
      return kind === 'rss.xml' ? rssFeed(channel, entries) : atomFeed(channel, entries);
    };
    return sendPublic(cache, request, reply, { key: cacheKey(request, basePath, kind), contentType, render });
  }

  app.get('/blog', async (request, reply) => listing(request, reply, {}));

  app.get('/blog/tags/:tag', async (request, reply) => {
    const { tag } = request.params as { tag: string };
    if (!isSlug(tag)) throw new AppError('NOT_FOUND');
    return listing(request, reply, { tag });
  });

  app.get('/blog/authors/:author', async (request, reply) => {
    const { author } = request.params as { author: string };
    if (!isSlug(author)) throw new AppError('NOT_FOUND');
    return listing(request, reply, { authorSlug: author });
  });

  app.get('/blog/organisations/:organisation', async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    if (!isSlug(organisation)) throw new AppError('NOT_FOUND');
    return listing(request, reply, { orgSlug: organisation });
  });

  // One parameter serves both: a post's address is a slug, a feed's is rss.xml or atom.xml.
  app.get('/blog/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (isSlug(slug)) return postRoute(request, reply, slug);
    return feed(request, reply, {}, slug);
  });

  app.get('/blog/tags/:tag/:format', async (request, reply) => {
    const { tag, format } = request.params as { tag: string; format: string };
    if (!isSlug(tag)) throw new AppError('NOT_FOUND');
    return feed(request, reply, { tag }, format);
  });

  app.get('/blog/authors/:author/:format', async (request, reply) => {
    const { author, format } = request.params as { author: string; format: string };
    if (!isSlug(author)) throw new AppError('NOT_FOUND');
    return feed(request, reply, { authorSlug: author }, format);
  });

  app.get('/blog/conduct', async (request, reply) =>
    sendPublic(cache, request, reply, {
      key: cacheKey(request, '/blog/conduct'),
      contentType: HTML,
      render: async () => {
        const words = seriesWords(await readSeries(context), request.t, request.language);
        return renderDocument(BlogConductPage({ context: pageContext(request), meta: meta(request, words, { canonicalPath: '/blog/conduct' }) }));
      },
    }),
  );

  async function postRoute(request: FastifyRequest, reply: FastifyReply, slug: string) {
    const held = (request.query as Record<string, unknown>).comment === 'held';
    return sendPublic(cache, request, reply, {
      key: cacheKey(request, '/blog/', slug, held ? 'held' : ''),
      contentType: HTML,
      render: () => postPage(request, slug, { values: {}, held }),
      finish: (body) => withFormToken(body, slug),
    });
  }

  app.post('/blog/:slug/comments', async (request, reply) => {
    const { slug } = parseOrThrow(slugParam, request.params);
    const form = parseForm(commentForm, request.body);
    const reshow = async (state: CommentFormState, status: number) =>
      reply.status(status).type(HTML).header('cache-control', 'no-store').send(await withFormToken(await postPage(request, slug, state), slug));
    if (!form.ok) return reshow({ values: formValues(request.body), errors: form.fields }, 400);
    try {
      await postComment(context, {
        slug,
        name: form.data.name,
        body: form.data.body,
        formToken: form.data.formToken,
        proofOfWork: form.data.proofOfWork,
        honeypot: form.data.website,
      });
    } catch (error) {
      if (!isAppError(error) || !['COMMENT_TOO_FAST', 'COMMENT_FORM_EXPIRED', 'COMMENTS_BUSY'].includes(error.code)) throw error;
      return reshow({ values: { name: form.data.name, body: form.data.body }, failure: request.t(error.messageKey, error.params) }, error.status);
    }
    return reply.redirect(`/blog/${slug}?comment=held`, 303);
  });

  app.get('/blog/images/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const bytes = await readImageFile(imagesFolder(config.dataDir), file);
    if (!bytes) throw new AppError('NOT_FOUND');
    return reply
      .type(file.endsWith('.png') ? 'image/png' : 'image/jpeg')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(bytes);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const render = async (): Promise<string> => {
      const entries = await readSitemap(context);
      const urls: SitemapUrl[] = [
        { path: '/' },
        { path: '/blog', lastModified: entries.posts[0]?.updatedAt },
        { path: '/blog/conduct' },
        ...entries.posts.map((post) => ({ path: `/blog/${post.slug}`, lastModified: post.updatedAt })),
        ...entries.tags.map((tag) => ({ path: `/blog/tags/${tag}` })),
        ...entries.authors.map((author) => ({ path: `/blog/authors/${author}` })),
        ...entries.organisations.map((organisation) => ({ path: `/blog/organisations/${organisation}` })),
      ];
      return sitemap(originOf(app, request), urls);
    };
    return sendPublic(cache, request, reply, { key: cacheKey(request, '/sitemap.xml'), contentType: 'application/xml; charset=utf-8', render });
  });
}
