/**
 * Publishing tables: the Partnership & Accountability series. A post row is the working copy
 * (what the editor form shows and, once published, what readers see); every save is also kept
 * as a numbered revision so versions can be compared. Reader comments store what the reader
 * typed and nothing about who they are: no IP address, no user agent, no cookie.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organisations, staff } from './platform.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The byline of a staff member who writes: a public page address, their role and a short bio. */
export const blogAuthors = pgTable('blog_authors', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull().unique(),
  /** The name printed in bylines (the staff name when they first wrote). */
  displayName: text('display_name').notNull(),
  role: text('role').notNull().default(''),
  bio: text('bio').notNull().default(''),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const blogPosts = pgTable(
  'blog_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    /** 'post' | 'statement' (core/publishing/post.ts). */
    kind: text('kind').notNull().default('post'),
    /** 'draft' | 'in_review' | 'changes_requested' | 'approved' | 'published' | 'unpublished'. */
    status: text('status').notNull().default('draft'),
    language: text('language').notNull(),
    /** The original this post translates; translations of one original are its siblings. */
    translationOf: uuid('translation_of').references((): AnyPgColumn => blogPosts.id, { onDelete: 'set null' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    /** The organisation the post speaks for; null for the network itself. */
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'restrict' }),
    /** The author's role as the byline showed it when written (job titles change). */
    authorRole: text('author_role').notNull().default(''),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull(),
    /** The body rendered and sanitised at save time, so readers never wait for Markdown. */
    bodyHtml: text('body_html').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    revision: integer('revision').notNull().default(1),
    /** Publication time; in the future while a published post is scheduled. */
    publishedAt: at('published_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('blog_posts_live_idx').on(table.publishedAt.desc(), table.id).where(sql`status = 'published'`),
    index('blog_posts_author_idx').on(table.authorId, table.publishedAt.desc()),
    index('blog_posts_org_idx').on(table.orgId, table.publishedAt.desc()),
    index('blog_posts_status_idx').on(table.status, table.updatedAt.desc()),
    index('blog_posts_translation_idx').on(table.translationOf),
    index('blog_posts_tags_idx').using('gin', table.tags),
  ],
);

/** Tags by their address: the slug of a tag name, and the name as first written. */
export const blogTags = pgTable('blog_tags', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
});

export const blogRevisions = pgTable(
  'blog_revisions',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => blogPosts.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull(),
    signatories: text('signatories').notNull().default(''),
    savedBy: uuid('saved_by').references(() => staff.id, { onDelete: 'set null' }),
    savedAt: at('saved_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.postId, table.number] })],
);

export const blogSignatories = pgTable(
  'blog_signatories',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => blogPosts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    organisation: text('organisation').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.postId, table.position] })],
);

/** The editorial conversation and every workflow step, in order: a post's timeline. */
export const blogReviewNotes = pgTable(
  'blog_review_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => blogPosts.id, { onDelete: 'cascade' }),
    /** An editorial action from core/publishing/editorialWorkflow.ts, or 'created'/'imported'. */
    action: text('action').notNull(),
    revision: integer('revision').notNull(),
    staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('blog_review_notes_post_idx').on(table.postId, table.createdAt)],
);

export const blogComments = pgTable(
  'blog_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => blogPosts.id, { onDelete: 'cascade' }),
    /** The reader comment an author or editor replies to. */
    replyTo: uuid('reply_to').references((): AnyPgColumn => blogComments.id, { onDelete: 'cascade' }),
    /** As the reader chose to sign, or empty. */
    name: text('name').notNull().default(''),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** 'held' | 'approved' | 'rejected'. */
    status: text('status').notNull().default('held'),
    /** Set for replies written by staff (shown with their byline). */
    staffId: uuid('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    /** Whether the reader's browser solved the proof of work (helps moderators judge). */
    proofOfWork: boolean('proof_of_work').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    moderatedAt: at('moderated_at'),
    moderatedBy: uuid('moderated_by').references(() => staff.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('blog_comments_post_idx').on(table.postId, table.status, table.createdAt),
    index('blog_comments_held_idx').on(table.createdAt).where(sql`status = 'held'`),
  ],
);

/** Comments received per fixed time window, across the whole site: the global rate limit. */
export const blogCommentWindows = pgTable('blog_comment_windows', {
  windowStart: at('window_start').primaryKey(),
  count: integer('count').notNull().default(0),
});

/** Uploaded images: re-encoded without metadata, stored on disk under blog-images/. */
export const blogImages = pgTable(
  'blog_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileName: text('file_name').notNull().unique(),
    postId: uuid('post_id').references(() => blogPosts.id, { onDelete: 'set null' }),
    uploadedBy: uuid('uploaded_by').references(() => staff.id, { onDelete: 'set null' }),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [unique('blog_images_post_sha').on(table.postId, table.sha256)],
);
