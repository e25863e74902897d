import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { postForm, setUpNewsroom, type Newsroom } from '../../../tests/support/publishingPeople.ts';
import { AppError } from '../../core/errors.ts';
import { commentGuardPolicy, solveProofOfWork } from '../../core/publishing/commentGuard.ts';
import { queryRows } from '../../storage/database.ts';
import { blogComments, blogCommentWindows } from '../../storage/schema/index.ts';
import { sql } from 'drizzle-orm';
import { draftPost } from './draftPost.ts';
import { moderateComment } from './moderateComment.ts';
import { postComment, type ReaderComment } from './postComment.ts';
import { publishPost } from './publishPost.ts';
import { issueCommentForm } from './issueCommentForm.ts';
import { readBlogPost } from './readBlogPost.ts';
import { readModerationQueue } from './readModerationQueue.ts';
import { replyToComment } from './replyToComment.ts';
import { submitPost } from './submitPost.ts';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.code;
}

describeStorage('reader comments', (use) => {
  let database: TestDatabase;
  let people: Newsroom;
  let now = new Date('2025-06-02T10:00:00Z');
  const slug = 'listening-to-members';

  beforeAll(async () => {
    database = use();
    database.context.clock = () => now;
    people = await setUpNewsroom(database);
    const { postId } = await draftPost(database.context, people.author, postForm({ orgId: people.openHands, title: 'Listening to members', slug }));
    await submitPost(database.context, people.author, postId);
    await publishPost(database.context, people.orgEditor, postId);
  });

  async function freshForm(): Promise<string> {
    return issueCommentForm(database.context, slug);
  }

  function later(seconds: number) {
    now = new Date(now.getTime() + seconds * 1000);
  }

  function comment(formToken: string, overrides: Partial<ReaderComment> = {}): ReaderComment {
    return { slug, name: 'A reader in Accra', body: 'Thank you for *writing* this.', formToken, proofOfWork: '', honeypot: '', ...overrides };
  }

  it('holds a comment for moderation, shows it once approved, and stores nothing about the reader', async () => {
    const token = await freshForm();
    later(30);
    expect(await postComment(database.context, comment(token))).toBe('held');
    expect((await readBlogPost(database.context, slug)).post.comments).toEqual([]);
    const queue = await readModerationQueue(database.context, people.orgEditor);
    const held = queue.held.find((item) => item.body === 'Thank you for *writing* this.');
    if (!held) throw new Error('the comment is not in the queue');
    await moderateComment(database.context, people.orgEditor, held.id, 'approve');
    const [shown] = (await readBlogPost(database.context, slug)).post.comments;
    expect(shown?.name).toBe('A reader in Accra');
    expect(shown?.bodyHtml).toBe('<p>Thank you for <em>writing</em> this.</p>\n');
    const columns = await queryRows<{ column_name: string }>(database.db, sql`select column_name from information_schema.columns where table_name = 'blog_comments'`);
    expect(columns.map((column) => column.column_name).filter((name) => /ip|agent|address|cookie|referr/i.test(name))).toEqual([]);
  });

  it('lets the author reply under an approved comment, signed with their name', async () => {
    const [approved] = (await readBlogPost(database.context, slug)).post.comments;
    if (!approved) throw new Error('no approved comment');
    await replyToComment(database.context, people.author, approved.id, 'Thank you for reading.');
    const [shown] = (await readBlogPost(database.context, slug)).post.comments;
    expect(shown?.replies.map((reply) => [reply.staffName, reply.bodyHtml])).toEqual([['Efua Mensah', '<p>Thank you for reading.</p>\n']]);
    expect(await codeOf(replyToComment(database.context, people.secondAuthor, approved.id, 'Not my post'))).toBe('NOT_FOUND');
  });

  it('signs a comment with no name when the reader gives none', async () => {
    const token = await freshForm();
    later(10);
    await postComment(database.context, comment(token, { name: '   ', body: 'Anonymous thought.' }));
    const rows = await database.db.select({ name: blogComments.name }).from(blogComments).where(sql`${blogComments.body} = 'Anonymous thought.'`);
    expect(rows).toEqual([{ name: '' }]);
  });

  it('refuses a comment sent faster than a person could write one', async () => {
    const token = await freshForm();
    later(1);
    expect(await codeOf(postComment(database.context, comment(token)))).toBe('COMMENT_TOO_FAST');
  });

  it('refuses a forged, foreign or very old form', async () => {
    const token = await freshForm();
    later(commentGuardPolicy.maxSeconds + 60);
    expect(await codeOf(postComment(database.context, comment(token)))).toBe('COMMENT_FORM_EXPIRED');
    expect(await codeOf(postComment(database.context, comment('123.AAAAAAAAAAAAAAAAAAAAAAAA')))).toBe('COMMENT_FORM_EXPIRED');
  });

  it('quietly drops what a robot typed into the honeypot, answering as for anyone', async () => {
    const before = await database.db.select().from(blogComments);
    const token = await freshForm();
    later(10);
    expect(await postComment(database.context, comment(token, { honeypot: 'https://spam.example' }))).toBe('discarded');
    expect(await database.db.select().from(blogComments)).toHaveLength(before.length);
  });

  it('refuses comments on posts that are not live', async () => {
    expect(await codeOf(postComment(database.context, comment('1.x', { slug: 'no-such-post' })))).toBe('NOT_FOUND');
  });

  it('asks readers to wait when many comments arrive, and lets a proof of work through up to the hard limit', async () => {
    later(commentGuardPolicy.windowSeconds);
    const token = await freshForm();
    later(10);
    const window = new Date(Math.floor(now.getTime() / 1000 / commentGuardPolicy.windowSeconds) * commentGuardPolicy.windowSeconds * 1000);
    await database.db.insert(blogCommentWindows).values({ windowStart: window, count: commentGuardPolicy.softLimit });
    const before = (await database.db.select().from(blogComments)).length;
    expect(await codeOf(postComment(database.context, comment(token, { body: 'Plain' })))).toBe('COMMENTS_BUSY');
    const [counted] = await database.db.select({ count: blogCommentWindows.count }).from(blogCommentWindows).where(sql`${blogCommentWindows.windowStart} = ${window}`);
    expect(counted?.count).toBe(commentGuardPolicy.softLimit);
    expect(await postComment(database.context, comment(token, { body: 'With work', proofOfWork: solveProofOfWork(token) }))).toBe('held');
    const rows = await database.db.select().from(blogComments);
    expect(rows).toHaveLength(before + 1);
    expect(rows.find((row) => row.body === 'With work')?.proofOfWork).toBe(true);
  });

  it('lets only editors of the post moderate, and a rejected comment never shows', async () => {
    later(commentGuardPolicy.windowSeconds);
    const token = await freshForm();
    later(10);
    await postComment(database.context, comment(token, { body: 'Buy cheap watches' }));
    const held = (await readModerationQueue(database.context, people.orgEditor)).held.find((item) => item.body === 'Buy cheap watches');
    if (!held) throw new Error('not held');
    expect(await codeOf(moderateComment(database.context, people.author, held.id, 'approve'))).toBe('NOT_FOUND');
    expect((await readModerationQueue(database.context, people.author)).held).toEqual([]);
    await moderateComment(database.context, people.networkEditor, held.id, 'reject');
    const bodies = (await readBlogPost(database.context, slug)).post.comments.map((shown) => shown.bodyHtml);
    expect(bodies.join('')).not.toContain('watches');
  });
});
