/**
 * Turning what an author typed in the post form (or a file brought in by import) into the
 * content a post stores, checking what only the database can tell: that the address is free,
 * and that a translation points to an original in another language. Problems are reported per
 * field, as translatable message keys, and nothing is written.
 */
import { AppError } from '../../core/errors.ts';
import { parseSignatoryLines, parseTagList, type PostKind, type Signatory } from '../../core/publishing/post.ts';
import { firstFreeSlug, isSlug, reservedSlugs, slugify } from '../../core/publishing/slugs.ts';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../storage/database.ts';
import { blogPosts } from '../../storage/schema/index.ts';
import { postBySlug, slugTaken, type PostContent } from '../../storage/publishing/postStore.ts';

/** The post form as submitted: text fields, tags comma-separated, signatories one per line. */
export type PostForm = {
  title: string;
  slug: string;
  summary: string;
  body: string;
  language: string;
  kind: PostKind;
  tags: string;
  signatories: string;
  authorRole: string;
  orgId: string | null;
  translationOf: string;
};

async function freeSlugFor(db: Queryable, title: string): Promise<string> {
  const base = slugify(title);
  const rows = await db
    .select({ slug: blogPosts.slug })
    .from(blogPosts)
    .where(sql`${blogPosts.slug} = ${base} or ${blogPosts.slug} like ${`${base}-%`}`);
  return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
}

async function chosenSlug(db: Queryable, form: PostForm, postId: string | undefined): Promise<string> {
  if (form.slug === '') return postId ? (await currentSlug(db, postId)) ?? freeSlugFor(db, form.title) : freeSlugFor(db, form.title);
  if (!isSlug(form.slug) || reservedSlugs.has(form.slug)) throw new AppError('BAD_INPUT', { detail: 'slug' }, { slug: 'editorial.form.slugInvalid' });
  if (await slugTaken(db, form.slug, postId)) throw new AppError('POST_SLUG_TAKEN', { slug: form.slug }, { slug: 'editorial.form.slugTaken' });
  return form.slug;
}

async function currentSlug(db: Queryable, postId: string): Promise<string | undefined> {
  const [row] = await db.select({ slug: blogPosts.slug }).from(blogPosts).where(sql`${blogPosts.id} = ${postId}`);
  return row?.slug;
}

async function originalFor(db: Queryable, form: PostForm, postId: string | undefined): Promise<string | null> {
  if (form.translationOf === '') return null;
  const original = await postBySlug(db, form.translationOf);
  const problem =
    !original ? 'unknown post' : original.id === postId ? 'itself' : original.translationOf !== null ? 'a translation' : original.language === form.language ? 'same language' : undefined;
  if (problem || !original) {
    throw new AppError('POST_TRANSLATION_INVALID', { detail: `${form.translationOf}: ${problem ?? 'unknown post'}` }, { translationOf: 'errors.POST_TRANSLATION_INVALID' });
  }
  return original.id;
}

function signatoriesFrom(form: PostForm): Signatory[] {
  if (form.kind !== 'statement') return [];
  const parsed = parseSignatoryLines(form.signatories);
  if (!parsed.ok) throw new AppError('BAD_INPUT', { detail: `signatories line ${parsed.line}` }, { signatories: 'editorial.form.signatoriesInvalid' });
  return parsed.signatories;
}

export async function postContentFrom(db: Queryable, form: PostForm, postId?: string): Promise<PostContent> {
  const signatories = signatoriesFrom(form);
  return {
    title: form.title,
    slug: await chosenSlug(db, form, postId),
    summary: form.summary,
    body: form.body,
    language: form.language,
    kind: form.kind,
    tags: parseTagList(form.tags),
    signatories,
    authorRole: form.authorRole,
    orgId: form.orgId,
    translationOf: await originalFor(db, form, postId),
  };
}
