/**
 * Bringing a network's existing posts in from Markdown files with front matter. Everything is
 * checked before anything is written — front matter, authors (staff who write for the series),
 * organisations, addresses (unique across the files and the series), translations — and every
 * problem is reported at once, by file. Then all posts are written in one transaction, as
 * published posts dated as in their files: all of them, or none.
 */
import { AppError } from '../../core/errors.ts';
import { allowed } from '../../core/policy.ts';
import { parsePostFile, type PostFile } from '../../core/publishing/frontMatter.ts';
import { reservedSlugs, slugify } from '../../core/publishing/slugs.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Queryable } from '../../storage/database.ts';
import { addReviewNote, ensureAuthorProfile, insertPost, postBySlug } from '../../storage/publishing/postStore.ts';
import { organisationBySlug } from '../../storage/publishing/publicPosts.ts';
import { grantsOf, staffByEmail } from '../../storage/staffQueries.ts';
import type { Context } from '../context.ts';

export type SourceFile = { name: string; text: string };

export type ImportReport = { imported: number; warnings: string[] };

export type ImportProgress = {
  onProgress?: (done: number, total: number) => void;
  /** Given, each problem is reported here (one per line on a terminal) and the error only counts them. */
  onProblem?: (problem: string) => void;
};

type Checked = PostFile & { slug: string; file: string; authorId: string; authorName: string; orgId: string | null };

export async function importPosts(context: Context, files: readonly SourceFile[], progress: ImportProgress = {}): Promise<ImportReport> {
  if (files.length === 0) throw new AppError('BLOG_IMPORT_INVALID', { detail: 'no Markdown files were found' });
  const problems: string[] = [];
  const warnings: string[] = [];
  const checked: Checked[] = [];
  for (const file of files) {
    const parsed = parsePostFile(file.text);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((problem) => `${file.name}: ${problem}`));
      continue;
    }
    if (parsed.unknownKeys.length > 0) warnings.push(`${file.name}: ignored ${parsed.unknownKeys.map((key) => `"${key}"`).join(', ')}`);
    const post = { ...parsed.post, slug: parsed.post.slug ?? slugify(parsed.post.title) };
    const resolved = await resolvePeople(context.db, post, file.name, problems);
    if (resolved) checked.push({ ...post, ...resolved, file: file.name });
  }
  await checkAddresses(context.db, checked, problems);
  if (problems.length > 0) {
    for (const problem of problems) progress.onProblem?.(problem);
    const detail = progress.onProblem ? `${problems.length} problem(s), listed above` : `${problems.length} problem(s): ${problems.join('; ')}`;
    throw new AppError('BLOG_IMPORT_INVALID', { detail });
  }
  await writeAll(context, checked, progress.onProgress);
  return { imported: checked.length, warnings };
}

async function resolvePeople(db: Queryable, post: PostFile, file: string, problems: string[]): Promise<Omit<Checked, keyof PostFile | 'file'> | undefined> {
  const author = await staffByEmail(db, post.author);
  const organisation = post.organisation ? await organisationBySlug(db, post.organisation) : undefined;
  const orgRow = organisation?.id ?? null;
  if (post.organisation && !organisation) problems.push(`${file}: unknown organisation "${post.organisation}"`);
  if (!author || !author.active) {
    problems.push(`${file}: unknown author ${post.author} (no active staff member has this e-mail address)`);
    return undefined;
  }
  if (post.organisation && !organisation) return undefined;
  const grants = await grantsOf(db, author.id);
  if (!allowed({ staffId: author.id, grants }, 'blog.write', { kind: 'blog-scope', orgId: orgRow })) {
    problems.push(`${file}: ${post.author} does not hold the author or editor role for ${post.organisation ?? 'the network'}`);
    return undefined;
  }
  return { authorId: author.id, authorName: author.name, orgId: orgRow };
}

async function checkAddresses(db: Queryable, posts: Checked[], problems: string[]): Promise<void> {
  const bySlug = new Map<string, Checked>();
  for (const post of posts) {
    const earlier = bySlug.get(post.slug);
    if (reservedSlugs.has(post.slug)) problems.push(`${post.file}: the address "${post.slug}" is reserved for a page of the series; set another "slug"`);
    if (earlier) problems.push(`${post.file}: the address "${post.slug}" is also used by ${earlier.file}`);
    else bySlug.set(post.slug, post);
    if (await postBySlug(db, post.slug)) problems.push(`${post.file}: a post with the address "${post.slug}" already exists`);
  }
  for (const post of posts) {
    if (!post.translationOf) continue;
    const inFiles = bySlug.get(post.translationOf);
    const inSeries = inFiles ? undefined : await postBySlug(db, post.translationOf);
    const original = inFiles ? { language: inFiles.language, isTranslation: Boolean(inFiles.translationOf) } : inSeries ? { language: inSeries.language, isTranslation: inSeries.translationOf !== null } : undefined;
    if (!original) problems.push(`${post.file}: "translation-of" names "${post.translationOf}", which is neither in these files nor in the series`);
    else if (original.isTranslation) problems.push(`${post.file}: "translation-of" must name the original, and "${post.translationOf}" is itself a translation`);
    else if (original.language === post.language) problems.push(`${post.file}: a translation must be in another language than its original "${post.translationOf}"`);
  }
}

async function writeAll(context: Context, posts: Checked[], onProgress?: (done: number, total: number) => void): Promise<void> {
  const now = context.clock();
  // Originals first, so a translation can point to the row of its original.
  const ordered = [...posts].sort((a, b) => Number(Boolean(a.translationOf)) - Number(Boolean(b.translationOf)));
  await context.db.transaction(async (tx) => {
    const idBySlug = new Map<string, string>();
    for (const [index, post] of ordered.entries()) {
      await ensureAuthorProfile(tx, post.authorId, post.authorName);
      const originalId = post.translationOf ? (idBySlug.get(post.translationOf) ?? (await postBySlug(tx, post.translationOf))?.id ?? null) : null;
      const row = await insertPost(tx, {
        content: {
          title: post.title,
          slug: post.slug,
          summary: post.summary,
          body: post.body,
          language: post.language,
          kind: post.kind,
          tags: post.tags,
          signatories: post.signatories,
          authorRole: post.role,
          orgId: post.orgId,
          translationOf: originalId,
        },
        authorId: post.authorId,
        status: 'published',
        publishedAt: post.date,
        now,
        savedBy: null,
      });
      idBySlug.set(row.slug, row.id);
      await addReviewNote(tx, { postId: row.id, action: 'imported', revision: 1, staffId: null, note: post.file, now });
      onProgress?.(index + 1, ordered.length);
    }
    await recordAudit(tx, { actorId: null, action: 'blog.posts-imported', subjectType: 'blog-series', details: { count: ordered.length } }, now);
  });
}
