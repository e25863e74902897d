/**
 * Posts as Markdown files with YAML front matter, the format static-site generators use, so a
 * network can bring its existing posts in (`redress blog import`) and take them out again
 * (`redress blog export`). Parsing is strict about what it needs and says exactly what is wrong,
 * naming the field; keys it does not know are reported, not silently kept.
 */
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { POST_BODY_MAX } from './markdown.ts';
import { parseTagList, postKinds, signatorySchema, type PostKind, type Signatory } from './post.ts';
import { isSlug } from './slugs.ts';

export type PostFile = {
  title: string;
  slug: string | undefined;
  /** The author's e-mail address, as known to Redress. */
  author: string;
  /** The organisation's short name; absent for the network itself. */
  organisation: string | undefined;
  /** The author's role or job title, as the byline shows it. */
  role: string;
  date: Date;
  tags: string[];
  language: string;
  /** The slug of the post this one translates. */
  translationOf: string | undefined;
  kind: PostKind;
  summary: string;
  signatories: Signatory[];
  body: string;
};

export type FrontMatterResult = { ok: true; post: PostFile; unknownKeys: string[] } | { ok: false; problems: string[] };

const FRONT_MATTER_MAX = 20_000;

const languageTag = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language code such as en, es or pt-BR');

const dateValue = z
  .union([z.string(), z.date()])
  .transform((value, context) => {
    const date = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) {
      context.addIssue({ code: 'custom', message: 'a date such as 2024-05-01 or 2024-05-01T09:30:00Z' });
      return z.NEVER;
    }
    return date;
  });

const tagsValue = z
  .union([z.string().max(1000), z.array(z.union([z.string(), z.number()]).transform(String)).max(50)])
  .transform((value) => parseTagList(Array.isArray(value) ? value.join(',') : value));

const frontMatterSchema = z.object({
  title: z.string().trim().min(1, 'a title').max(300),
  slug: z
    .string()
    .trim()
    .refine(isSlug, 'lower-case letters, digits and hyphens')
    .optional(),
  author: z.string().trim().toLowerCase().pipe(z.email('the author’s e-mail address')),
  organisation: z
    .string()
    .trim()
    .refine(isSlug, 'the organisation’s short name')
    .optional(),
  role: z.string().trim().max(200).default(''),
  date: dateValue,
  tags: tagsValue.default([]),
  language: languageTag,
  'translation-of': z
    .string()
    .trim()
    .refine(isSlug, 'the slug of the original post')
    .optional(),
  kind: z.enum(postKinds).default('post'),
  summary: z.string().trim().max(1000).default(''),
  signatories: z.array(signatorySchema).max(5000).default([]),
});

const knownKeys = new Set(Object.keys(frontMatterSchema.shape));

/** Splits `---\nYAML\n---\nbody`; undefined when the file does not start with front matter. */
function split(text: string): { yaml: string; body: string } | undefined {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(normalised);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', body: normalised.slice(match[0].length).replace(/^\n+/, '').trimEnd() };
}

export function parsePostFile(text: string): FrontMatterResult {
  const parts = split(text);
  if (!parts) return { ok: false, problems: ['the file does not start with front matter between two "---" lines'] };
  if (parts.yaml.length > FRONT_MATTER_MAX) return { ok: false, problems: ['the front matter is too long'] };
  if (parts.body.length > POST_BODY_MAX) return { ok: false, problems: [`the text is longer than ${POST_BODY_MAX} characters`] };
  const document = parseDocument(parts.yaml, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, problems: document.errors.map((error) => `the front matter is not valid YAML: ${error.message.split('\n')[0] ?? ''}`) };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ok: false, problems: [`the front matter is not valid YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, problems: ['the front matter must be a list of "key: value" lines'] };
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const field = issue.path.join('.') || 'front matter';
        const missing = issue.path.length === 1 && !(String(issue.path[0]) in (data as Record<string, unknown>));
        const expected = missing ? 'is missing' : `should be ${issue.message}`;
        return `"${field}" ${expected}`;
      }),
    };
  }
  const value = parsed.data;
  if (value.kind === 'post' && value.signatories.length > 0) return { ok: false, problems: ['"signatories" belong to a statement: add "kind: statement"'] };
  return {
    ok: true,
    unknownKeys: Object.keys(data).filter((key) => !knownKeys.has(key)),
    post: {
      title: value.title,
      slug: value.slug,
      author: value.author,
      organisation: value.organisation,
      role: value.role,
      date: value.date,
      tags: value.tags,
      language: value.language,
      translationOf: value['translation-of'],
      kind: value.kind,
      summary: value.summary,
      signatories: value.signatories,
      body: parts.body,
    },
  };
}

/** Writes a post back as a file that `parsePostFile` reads to the same post. */
export function formatPostFile(post: PostFile & { slug: string }): string {
  const data: Record<string, unknown> = {
    title: post.title,
    slug: post.slug,
    author: post.author,
    ...(post.organisation ? { organisation: post.organisation } : {}),
    ...(post.role ? { role: post.role } : {}),
    date: post.date.toISOString(),
    tags: post.tags,
    language: post.language,
    ...(post.translationOf ? { 'translation-of': post.translationOf } : {}),
    kind: post.kind,
    ...(post.summary ? { summary: post.summary } : {}),
    ...(post.signatories.length > 0 ? { signatories: post.signatories } : {}),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---\n\n${post.body.trimEnd()}\n`;
}
