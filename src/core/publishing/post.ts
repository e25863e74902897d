/**
 * What a post is, in the editors' words: a kind (an ordinary post or a statement with
 * signatories), a status in the editorial workflow, and the fields a byline needs. Pure types
 * and parsers shared by every publishing layer.
 */
import { z } from 'zod';

export type PostId = string & { readonly __postId: unique symbol };
export type CommentId = string & { readonly __commentId: unique symbol };

export const postKinds = ['post', 'statement'] as const;
export type PostKind = (typeof postKinds)[number];

/**
 * `published` with a publication time in the future is a scheduled post: it goes live on its
 * own when that time comes, with no job to run.
 */
export const postStatuses = ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'] as const;
export type PostStatus = (typeof postStatuses)[number];

export function isPostStatus(value: unknown): value is PostStatus {
  return typeof value === 'string' && (postStatuses as readonly string[]).includes(value);
}

export function isPostKind(value: unknown): value is PostKind {
  return typeof value === 'string' && (postKinds as readonly string[]).includes(value);
}

export type Signatory = { name: string; role: string; organisation: string };

/** The largest image an author may attach. */
export const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
export const IMAGE_MAX_MEGABYTES = IMAGE_MAX_BYTES / 1024 / 1024;

export const signatorySchema = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200).default(''),
  organisation: z.string().trim().max(200).default(''),
});

/** Public visibility: published, and its publication time has come. */
export function isLive(post: { status: PostStatus; publishedAt: Date | null }, now: Date): boolean {
  return post.status === 'published' && post.publishedAt !== null && post.publishedAt.getTime() <= now.getTime();
}

export function isScheduled(post: { status: PostStatus; publishedAt: Date | null }, now: Date): boolean {
  return post.status === 'published' && post.publishedAt !== null && post.publishedAt.getTime() > now.getTime();
}

/**
 * Signatories as editors type them: one per line, "Name | Role | Organisation" (role and
 * organisation optional). Empty lines are skipped.
 */
export function parseSignatoryLines(text: string): { ok: true; signatories: Signatory[] } | { ok: false; line: number } {
  const signatories: Signatory[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const [name = '', role = '', organisation = '', ...rest] = line.split('|').map((part) => part.trim());
    const parsed = signatorySchema.safeParse({ name, role, organisation });
    if (!parsed.success || rest.length > 0) return { ok: false, line: index + 1 };
    signatories.push(parsed.data);
  }
  return { ok: true, signatories };
}

export function signatoryLines(signatories: readonly Signatory[]): string {
  return signatories.map((person) => [person.name, person.role, person.organisation].join(' | ').replace(/( \| )+$/, '')).join('\n');
}

/** Tags as typed, comma-separated: trimmed, de-duplicated by slug, at most 10. */
export function parseTagList(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, 60);
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags.slice(0, 10);
}
