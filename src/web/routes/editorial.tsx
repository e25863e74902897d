/**
 * The editorial desk at /editorial: writing and revising posts (with a preview that needs no
 * JavaScript), attaching images, the workflow steps, comparing revisions, moderating and
 * answering comments, the series texts and bylines. Each route parses one form, calls one
 * use-case (which decides access through the policy module) and renders or redirects. Any
 * write clears the cache of public pages, so readers see it at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import type { Actor } from '../../core/policy.ts';
import { editorialActions } from '../../core/publishing/editorialWorkflow.ts';
import { POST_BODY_MAX, type SafeHtml } from '../../core/publishing/markdown.ts';
import { postKinds } from '../../core/publishing/post.ts';
import { languageCodes } from '../../core/organisations.ts';
import { isLanguage, languages, type Language } from '../../i18n/index.ts';
import { IMAGE_MAX_BYTES } from '../../core/publishing/post.ts';
import { imagesFolder } from '../../storage/publishing/imageFiles.ts';
import { approvePost } from '../../usecases/publishing/approvePost.ts';
import { attachImage } from '../../usecases/publishing/attachImage.ts';
import { commentOnPost } from '../../usecases/publishing/commentOnPost.ts';
import { compareRevisions } from '../../usecases/publishing/compareRevisions.ts';
import { draftPost } from '../../usecases/publishing/draftPost.ts';
import { moderateComment } from '../../usecases/publishing/moderateComment.ts';
import type { PostForm } from '../../usecases/publishing/postContent.ts';
import { previewPost } from '../../usecases/publishing/previewPost.ts';
import { publishPost } from '../../usecases/publishing/publishPost.ts';
import { readEditorialHome } from '../../usecases/publishing/readEditorialHome.ts';
import { readEditorialPost, type EditorialPost } from '../../usecases/publishing/readEditorialPost.ts';
import { readModerationQueue } from '../../usecases/publishing/readModerationQueue.ts';
import { readSeriesSettings } from '../../usecases/publishing/readSeriesSettings.ts';
import { readWritingOptions, type WritingOptions } from '../../usecases/publishing/readWritingOptions.ts';
import { replyToComment } from '../../usecases/publishing/replyToComment.ts';
import { requestChanges } from '../../usecases/publishing/requestChanges.ts';
import { revisePost } from '../../usecases/publishing/revisePost.ts';
import { submitPost } from '../../usecases/publishing/submitPost.ts';
import { unpublishPost } from '../../usecases/publishing/unpublishPost.ts';
import { updateAuthorProfile } from '../../usecases/publishing/updateAuthorProfile.ts';
import { updateSeries } from '../../usecases/publishing/updateSeries.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, optionalText, parseForm, parseOrThrow, text } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { nameOfLanguage } from '../pages/BlogPostCard.tsx';
import { EditorialCommentsPage } from '../pages/EditorialCommentsPage.tsx';
import { EditorialHomePage } from '../pages/EditorialHomePage.tsx';
import { EditorialPostPage, type EditorialPostProps } from '../pages/EditorialPostPage.tsx';
import type { Option } from '../pages/EditorialPostForm.tsx';
import { EditorialProfilePage } from '../pages/EditorialProfilePage.tsx';
import { EditorialRevisionsPage } from '../pages/EditorialRevisionsPage.tsx';
import { EditorialSeriesPage } from '../pages/EditorialSeriesPage.tsx';
import { publicPageCache } from './blogPageCache.ts';

const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => value.trim() !== '', { params: { messageKey: 'validation.required' } });

const postFormSchema = z.object({
  title: text(300),
  slug: optionalText(80),
  summary: optionalText(1000),
  body: nonBlank(POST_BODY_MAX),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  kind: z.enum(postKinds),
  tags: optionalText(1000),
  signatories: optionalText(100_000),
  authorRole: optionalText(200),
  orgId: z.string().max(40).optional().default(''),
  translationOf: optionalText(80),
  intent: z.enum(['preview', 'save']).optional().default('save'),
});

const stepSchema = z.object({
  step: z.enum(editorialActions).refine((step) => step !== 'edit'),
  note: optionalText(5000),
  publishAt: z
    .string()
    .trim()
    .max(40)
    .optional()
    .default('')
    .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value), { params: { messageKey: 'editorial.steps.publishAtInvalid' } }),
});

const idParam = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/i) });
const compareQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
const decisionForm = z.object({ decision: z.enum(['approve', 'reject']) });
const seriesForm = z.object({ title: text(200), description: optionalText(1000), disclaimer: optionalText(2000) });
const profileForm = z.object({ role: optionalText(200), bio: optionalText(1000) });
const previewForm = z.object({ body: z.string().max(POST_BODY_MAX).optional().default('') });

type FormValues = z.infer<typeof postFormSchema>;

function toPostForm(values: FormValues): PostForm {
  return { ...values, orgId: values.orgId === '' ? null : values.orgId };
}

function languageOptions(uiLanguage: string): Option[] {
  return [...new Set<string>([...languages, ...languageCodes])]
    .map((code) => ({ value: code, label: nameOfLanguage(code, uiLanguage) }))
    .sort((a, b) => a.label.localeCompare(b.label, uiLanguage));
}

function writingOptionList(options: WritingOptions, t: FastifyRequest['t']): Option[] {
  return options.scopes.map((scope) => ({ value: scope.orgId ?? '', label: scope.orgId === null ? t('editorial.form.network', { network: scope.name }) : scope.name }));
}

function valuesOf(desk: EditorialPost): Record<string, string> {
  const { post } = desk;
  return {
    title: post.title,
    slug: post.slug,
    summary: post.summary,
    body: post.body,
    language: post.language,
    kind: post.kind,
    tags: desk.tagsText,
    signatories: desk.signatoriesText,
    authorRole: post.authorRole,
    orgId: post.orgId ?? '',
    translationOf: desk.translationOfSlug,
  };
}

/** Interprets a datetime-local value as UTC, as the field's hint says. */
function utcDate(value: string): Date | undefined {
  if (value === '') return undefined;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export async function editorialRoutes(app: App): Promise<void> {
  const { context, config } = app.redress;
  const cache = publicPageCache(app);

  async function showPost(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    postId: string | undefined,
    extra: Partial<EditorialPostProps>,
    status = 200,
  ): Promise<FastifyReply> {
    const options = await readWritingOptions(context, actor);
    const desk = postId ? await readEditorialPost(context, actor, postId) : undefined;
    const query = request.query as Record<string, unknown>;
    const done = typeof query.done === 'string' && (editorialActions as readonly string[]).includes(query.done) ? request.t(`editorial.done.${query.done}`) : undefined;
    const defaults = {
      language: request.language,
      kind: 'post',
      orgId: options.scopes[0]?.orgId ?? '',
      authorRole: options.bylineRole,
    };
    const values = extra.values ?? (desk ? valuesOf(desk) : defaults);
    return sendPage(
      reply,
      EditorialPostPage({
        context: pageContext(request),
        now: context.clock(),
        values,
        previewHtml: extra.previewHtml ?? (desk ? (desk.post.bodyHtml as SafeHtml) : undefined),
        writingOptions: writingOptionList(options, request.t),
        languageOptions: languageOptions(request.language),
        desk,
        notice: query.saved === '1' ? request.t('editorial.saved') : done,
        imageUrl: typeof query.image === 'string' && /^\/blog\/images\/[0-9a-f-]{36}\.(jpg|png)$/.test(query.image) ? query.image : undefined,
        ...extra,
      }),
      status,
    );
  }

  /** A refused save or step comes back to the form: field problems beside fields, others on top. */
  function formFailure(error: unknown): { errors?: Record<string, string>; failure?: string; status: number } | undefined {
    if (!isAppError(error) || error.code === 'NOT_FOUND' || error.code === 'INTERNAL') return undefined;
    if (Object.keys(error.fields).length > 0) return { errors: error.fields, status: error.status };
    return { failure: error.messageKey, status: error.status };
  }

  app.get('/editorial', async (request, reply) => {
    const member = requireStaff(request);
    const desk = await readEditorialHome(context, member.actor);
    return sendPage(reply, EditorialHomePage({ context: pageContext(request), desk, now: context.clock() }));
  });

  app.get('/editorial/posts/new', async (request, reply) => {
    const member = requireStaff(request);
    return showPost(request, reply, member.actor, undefined, {});
  });

  async function savePost(request: FastifyRequest, reply: FastifyReply, postId: string | undefined) {
    const member = requireStaff(request);
    const form = parseForm(postFormSchema, request.body);
    if (!form.ok) return showPost(request, reply, member.actor, postId, { values: form.values, errors: form.fields }, 400);
    if (form.data.intent === 'preview') {
      return showPost(request, reply, member.actor, postId, { values: { ...form.data }, previewHtml: previewPost(member.actor, form.data.body) });
    }
    try {
      const saved = postId
        ? { postId, ...(await revisePost(context, member.actor, postId, toPostForm(form.data))) }
        : await draftPost(context, { ...member.actor, name: member.name }, toPostForm(form.data));
      cache.clear();
      return reply.redirect(`/editorial/posts/${saved.postId}?saved=1`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return showPost(
        request,
        reply,
        member.actor,
        postId,
        { values: { ...form.data }, previewHtml: previewPost(member.actor, form.data.body), errors: failure.errors, failure: failure.failure ? request.t(failure.failure) : undefined },
        failure.status,
      );
    }
  }

  app.post('/editorial/posts', async (request, reply) => savePost(request, reply, undefined));

  app.get('/editorial/posts/:id', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = parseOrThrow(idParam, request.params);
    return showPost(request, reply, member.actor, id, {});
  });

  app.post('/editorial/posts/:id', async (request, reply) => {
    const { id } = parseOrThrow(idParam, request.params);
    return savePost(request, reply, id);
  });

  app.post('/editorial/posts/:id/steps', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = parseOrThrow(idParam, request.params);
    const form = parseForm(stepSchema, request.body);
    if (!form.ok) return showPost(request, reply, member.actor, id, { stepErrors: form.fields, stepValues: form.values }, 400);
    const { step, note, publishAt } = form.data;
    try {
      if (step === 'submit') await submitPost(context, member.actor, id, note);
      else if (step === 'comment') await commentOnPost(context, member.actor, id, note);
      else if (step === 'request-changes') await requestChanges(context, member.actor, id, note);
      else if (step === 'approve') await approvePost(context, member.actor, id, note);
      else if (step === 'publish') await publishPost(context, member.actor, id, { publishAt: utcDate(publishAt), note });
      else if (step === 'unpublish') await unpublishPost(context, member.actor, id, note);
      else throw new AppError('NOT_FOUND');
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return showPost(
        request,
        reply,
        member.actor,
        id,
        { stepErrors: failure.errors, stepValues: formValues(request.body), failure: failure.failure ? request.t(failure.failure) : undefined },
        failure.status,
      );
    }
    cache.clear();
    return reply.redirect(`/editorial/posts/${id}?done=${step}`, 303);
  });

  app.get('/editorial/posts/:id/revisions', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = parseOrThrow(idParam, request.params);
    const { from, to } = parseOrThrow(compareQuery, request.query);
    const comparison = await compareRevisions(context, member.actor, id, from, to);
    return sendPage(reply, EditorialRevisionsPage({ context: pageContext(request), comparison }));
  });

  app.post('/editorial/preview', async (request, reply) => {
    const member = requireStaff(request);
    const { body } = parseOrThrow(previewForm, request.body);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(previewPost(member.actor, body));
  });

  // Images arrive as multipart forms; the parser is registered for this route only. An upload
  // over the limit is cut one byte past it, which the use-case reports as too large.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: IMAGE_MAX_BYTES + 1, files: 1, fields: 4, parts: 5, fieldSize: 1000 },
    });
    scope.post('/editorial/posts/:id/images', async (request, reply) => {
      const member = requireStaff(request);
      const { id } = parseOrThrow(idParam, request.params);
      const image = (request.body as Record<string, unknown> | undefined)?.image;
      if (!Buffer.isBuffer(image) || image.length === 0) return showPost(request, reply, member.actor, id, { imageError: 'validation.required' }, 400);
      try {
        const attached = await attachImage(context, member.actor, { postId: id, bytes: image, truncated: false, folder: imagesFolder(config.dataDir) });
        return reply.redirect(`/editorial/posts/${id}?image=${encodeURIComponent(attached.url)}#images-heading`, 303);
      } catch (error) {
        if (!isAppError(error) || !error.fields.image) throw error;
        return showPost(request, reply, member.actor, id, { imageError: error.fields.image }, error.status);
      }
    });
  });

  app.get('/editorial/comments', async (request, reply) => {
    const member = requireStaff(request);
    const queue = await readModerationQueue(context, member.actor);
    const done = (request.query as Record<string, unknown>).done;
    const notice = done === 'approve' || done === 'reject' || done === 'reply' ? request.t(`editorial.comments.done.${done}`) : undefined;
    return sendPage(reply, EditorialCommentsPage({ context: pageContext(request), queue, notice }));
  });

  app.post('/editorial/comments/:id', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = parseOrThrow(idParam, request.params);
    const { decision } = parseOrThrow(decisionForm, request.body);
    await moderateComment(context, member.actor, id, decision);
    cache.clear();
    return reply.redirect(`/editorial/comments?done=${decision}`, 303);
  });

  app.post('/editorial/comments/:id/reply', async (request, reply) => {
    const member = requireStaff(request);
    const { id } = parseOrThrow(idParam, request.params);
    const body = (request.body as Record<string, unknown> | undefined)?.[`reply-${id}`];
    const replyText = typeof body === 'string' ? body.trim() : '';
    if (replyText === '' || replyText.length > 5000) {
      const queue = await readModerationQueue(context, member.actor);
      return sendPage(reply, EditorialCommentsPage({ context: pageContext(request), queue, replyErrors: { [id]: replyText === '' ? 'validation.required' : 'validation.tooLong' } }), 400);
    }
    await replyToComment(context, { ...member.actor, name: member.name }, id, replyText);
    cache.clear();
    return reply.redirect('/editorial/comments?done=reply', 303);
  });

  function seriesLanguage(request: FastifyRequest): Language {
    const asked = (request.query as Record<string, unknown>).language;
    return isLanguage(asked) ? asked : request.language;
  }

  app.get('/editorial/series', async (request, reply) => {
    const member = requireStaff(request);
    const language = seriesLanguage(request);
    const texts = (await readSeriesSettings(context, member.actor))[language];
    const values = { title: texts?.title ?? '', description: texts?.description ?? '', disclaimer: texts?.disclaimer ?? '' };
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return sendPage(reply, EditorialSeriesPage({ context: pageContext(request), language, values, saved }));
  });

  app.post('/editorial/series', async (request, reply) => {
    const member = requireStaff(request);
    const language = seriesLanguage(request);
    const form = parseForm(seriesForm, request.body);
    if (!form.ok) return sendPage(reply, EditorialSeriesPage({ context: pageContext(request), language, values: form.values, errors: form.fields }), 400);
    await updateSeries(context, member.actor, language, form.data);
    cache.clear();
    return reply.redirect(`/editorial/series?language=${language}&saved=1`, 303);
  });

  app.get('/editorial/profile', async (request, reply) => {
    const member = requireStaff(request);
    const options = await readWritingOptions(context, member.actor);
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return sendPage(
      reply,
      EditorialProfilePage({ context: pageContext(request), name: member.name, authorSlug: options.authorSlug, values: { role: options.bylineRole, bio: options.bio }, saved }),
    );
  });

  app.post('/editorial/profile', async (request, reply) => {
    const member = requireStaff(request);
    const form = parseForm(profileForm, request.body);
    if (!form.ok) {
      const options = await readWritingOptions(context, member.actor);
      return sendPage(reply, EditorialProfilePage({ context: pageContext(request), name: member.name, authorSlug: options.authorSlug, values: form.values, errors: form.fields }), 400);
    }
    await updateAuthorProfile(context, { ...member.actor, name: member.name }, form.data);
    cache.clear();
    return reply.redirect('/editorial/profile?saved=1', 303);
  });
}
