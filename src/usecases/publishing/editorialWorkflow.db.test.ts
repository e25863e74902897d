import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { postForm, setUpNewsroom, type Newsroom } from '../../../tests/support/publishingPeople.ts';
import { AppError } from '../../core/errors.ts';
import { verifyAuditLog } from '../../storage/auditLog.ts';
import { blogPosts, blogRevisions } from '../../storage/schema/index.ts';
import { approvePost } from './approvePost.ts';
import { commentOnPost } from './commentOnPost.ts';
import { compareRevisions } from './compareRevisions.ts';
import { draftPost } from './draftPost.ts';
import { publishPost } from './publishPost.ts';
import { readBlogListing } from './readBlogListing.ts';
import { readBlogPost } from './readBlogPost.ts';
import { readEditorialHome } from './readEditorialHome.ts';
import { readEditorialPost } from './readEditorialPost.ts';
import { requestChanges } from './requestChanges.ts';
import { revisePost } from './revisePost.ts';
import { submitPost } from './submitPost.ts';
import { unpublishPost } from './unpublishPost.ts';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describeStorage('the editorial workflow', (use) => {
  let database: TestDatabase;
  let people: Newsroom;
  let now = new Date('2025-05-05T09:00:00Z');

  beforeAll(async () => {
    database = use();
    // Each step a second after the last, as steps taken one click at a time are.
    database.context.clock = () => {
      now = new Date(now.getTime() + 1000);
      return now;
    };
    people = await setUpNewsroom(database);
  });

  it('takes a post from draft through a request for changes to publication, keeping every revision', async () => {
    const { author, orgEditor, openHands } = people;
    const { postId, slug } = await draftPost(database.context, author, postForm({ orgId: openHands }));
    expect(slug).toBe('what-our-survivor-panel-taught-us');
    await submitPost(database.context, author, postId);
    await requestChanges(database.context, orgEditor, postId, 'Please name the month the panel began.');
    const revised = postForm({ orgId: openHands, body: 'We met every month from March.[^1]\n\n[^1]: Twelve meetings in all.' });
    expect(await revisePost(database.context, author, postId, revised)).toEqual({ revision: 2 });
    await submitPost(database.context, author, postId, 'Added the month.');
    await approvePost(database.context, orgEditor, postId);
    await publishPost(database.context, orgEditor, postId);

    const desk = await readEditorialPost(database.context, orgEditor, postId);
    expect(desk.post.status).toBe('published');
    expect(desk.timeline.map((entry) => entry.action)).toEqual(['created', 'submit', 'request-changes', 'edit', 'submit', 'approve', 'publish']);
    expect(desk.timeline[2]?.note).toBe('Please name the month the panel began.');
    expect(desk.revisions.map((revision) => revision.number)).toEqual([2, 1]);

    const comparison = await compareRevisions(database.context, orgEditor, postId, 1, 2);
    expect(comparison.body.filter((line) => line.kind === 'added').map((line) => line.text)).toEqual(['We met every month from March.[^1]']);

    const page = await readBlogPost(database.context, slug);
    expect(page.post.title).toBe('What our survivor panel taught us');
    expect(page.post.author.name).toBe('Efua Mensah');
    expect(page.post.organisation?.name).toBe('Open Hands Collective');
    expect(page.post.authorRole).toBe('Programme coordinator');
    expect(page.post.tags.map((tag) => tag.slug)).toEqual(['survivor-voice', 'safeguarding']);
    expect(page.post.bodyHtml).toContain('from March');
    const listing = await readBlogListing(database.context, { filter: {}, page: 1 });
    expect(listing.cards.map((card) => card.slug)).toContain(slug);
  });

  it('keeps the text from the author once submitted, and lets the editor correct it', async () => {
    const { author, orgEditor, openHands } = people;
    const { postId } = await draftPost(database.context, author, postForm({ orgId: openHands, title: 'Locked while in review' }));
    await submitPost(database.context, author, postId);
    const refused = await failure(revisePost(database.context, author, postId, postForm({ orgId: openHands, title: 'Sneaky change' })));
    expect(refused.code).toBe('POST_STATUS_CONFLICT');
    await revisePost(database.context, orgEditor, postId, postForm({ orgId: openHands, title: 'Locked while in review', summary: 'Tightened by the editor.' }));
    const [row] = await database.db.select().from(blogPosts).where(eq(blogPosts.id, postId));
    expect(row?.summary).toBe('Tightened by the editor.');
    expect(row?.status).toBe('in_review');
  });

  it('never lets an author publish, nor an editor approve their own writing', async () => {
    const { author, orgEditor, networkEditor, openHands } = people;
    const { postId } = await draftPost(database.context, author, postForm({ orgId: openHands, title: 'Needs a second reader' }));
    await submitPost(database.context, author, postId);
    expect((await failure(publishPost(database.context, author, postId))).code).toBe('NOT_FOUND');
    expect((await failure(approvePost(database.context, author, postId))).code).toBe('NOT_FOUND');

    const own = await draftPost(database.context, orgEditor, postForm({ orgId: openHands, title: 'An editor writes too' }));
    await submitPost(database.context, orgEditor, own.postId);
    expect((await failure(publishPost(database.context, orgEditor, own.postId))).code).toBe('NOT_FOUND');
    await publishPost(database.context, networkEditor, own.postId);
    expect((await readEditorialPost(database.context, orgEditor, own.postId)).post.status).toBe('published');
  });

  it('hides a post from people with no part in it, exactly as if it did not exist', async () => {
    const { author, secondAuthor, openHands } = people;
    const { postId } = await draftPost(database.context, author, postForm({ orgId: openHands, title: 'Private draft' }));
    expect((await failure(readEditorialPost(database.context, secondAuthor, postId))).code).toBe('NOT_FOUND');
    expect((await failure(readEditorialPost(database.context, secondAuthor, '00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
    expect((await failure(commentOnPost(database.context, secondAuthor, postId, 'Hello'))).code).toBe('NOT_FOUND');
    expect((await failure(readBlogPost(database.context, 'private-draft'))).code).toBe('NOT_FOUND');
  });

  it('refuses to write for an organisation the author does not belong to', async () => {
    const { author, redAndina } = people;
    expect((await failure(draftPost(database.context, author, postForm({ orgId: redAndina, title: 'Elsewhere' })))).code).toBe('NOT_FOUND');
  });

  it('refuses an address already in use, saying so on the field, and writes nothing', async () => {
    const { author, openHands } = people;
    const before = await database.db.select({ id: blogPosts.id }).from(blogPosts);
    const error = await failure(draftPost(database.context, author, postForm({ orgId: openHands, title: 'Another', slug: 'what-our-survivor-panel-taught-us' })));
    expect(error.code).toBe('POST_SLUG_TAKEN');
    expect(error.fields).toEqual({ slug: 'editorial.form.slugTaken' });
    expect(await database.db.select({ id: blogPosts.id }).from(blogPosts)).toHaveLength(before.length);
  });

  it('gives a second post with the same title the next free address', async () => {
    const { author, openHands } = people;
    const { slug } = await draftPost(database.context, author, postForm({ orgId: openHands }));
    expect(slug).toBe('what-our-survivor-panel-taught-us-2');
  });

  it('refuses a schedule in the past and leaves the post as it was', async () => {
    const { author, orgEditor, openHands } = people;
    const { postId } = await draftPost(database.context, author, postForm({ orgId: openHands, title: 'Scheduled for later' }));
    await submitPost(database.context, author, postId);
    const error = await failure(publishPost(database.context, orgEditor, postId, { publishAt: new Date('2025-05-01T09:00:00Z') }));
    expect(error.code).toBe('POST_SCHEDULE_IN_PAST');
    expect((await readEditorialPost(database.context, orgEditor, postId)).post.status).toBe('in_review');
  });

  it('publishes a scheduled post by itself when its time comes, and can cancel the schedule', async () => {
    const { author, orgEditor, openHands } = people;
    const { postId, slug } = await draftPost(database.context, author, postForm({ orgId: openHands, title: 'Goes live on Friday' }));
    await submitPost(database.context, author, postId);
    await publishPost(database.context, orgEditor, postId, { publishAt: new Date('2025-05-09T08:00:00Z') });
    expect((await failure(readBlogPost(database.context, slug))).code).toBe('NOT_FOUND');
    now = new Date('2025-05-09T07:59:59Z');
    expect((await readBlogPost(database.context, slug)).post.title).toBe('Goes live on Friday');
    await unpublishPost(database.context, orgEditor, postId, 'Withdrawn at the partner’s request.');
    expect((await failure(readBlogPost(database.context, slug))).code).toBe('NOT_FOUND');
  });

  it('shows each person their desk: own posts for authors, the review queue for editors', async () => {
    const { author, orgEditor, secondAuthor } = people;
    const authorDesk = await readEditorialHome(database.context, author);
    expect(authorDesk.isEditor).toBe(false);
    expect(authorDesk.ownPosts.length).toBeGreaterThan(3);
    const editorDesk = await readEditorialHome(database.context, orgEditor);
    expect(editorDesk.toReview.map((item) => item.title)).toContain('Locked while in review');
    expect((await readEditorialHome(database.context, secondAuthor)).ownPosts).toEqual([]);
  });

  it('makes a translation point to an original in another language, and links them both ways', async () => {
    const { author, orgEditor, openHands } = people;
    const wrong = await failure(draftPost(database.context, author, postForm({ orgId: openHands, title: 'Same language', translationOf: 'what-our-survivor-panel-taught-us' })));
    expect(wrong.code).toBe('POST_TRANSLATION_INVALID');
    const { postId, slug } = await draftPost(
      database.context,
      author,
      postForm({ orgId: openHands, title: 'Lo que nos enseñó el panel', language: 'es', translationOf: 'what-our-survivor-panel-taught-us' }),
    );
    await submitPost(database.context, author, postId);
    await publishPost(database.context, orgEditor, postId);
    const original = await readBlogPost(database.context, 'what-our-survivor-panel-taught-us');
    expect(original.post.translations).toEqual([{ slug, language: 'es', title: 'Lo que nos enseñó el panel' }]);
    const translation = await readBlogPost(database.context, slug);
    expect(translation.post.translations.map((entry) => entry.slug)).toEqual(['what-our-survivor-panel-taught-us']);
    const listing = await readBlogListing(database.context, { filter: {}, page: 1 });
    expect(listing.cards.map((card) => card.slug)).not.toContain(slug);
  });

  it('keeps statements with their signatories in order', async () => {
    const { author, orgEditor, openHands } = people;
    const { postId, slug } = await draftPost(
      database.context,
      author,
      postForm({ orgId: openHands, title: 'Joint statement on accountability', kind: 'statement', signatories: 'Ama Owusu | Director | Open Hands Collective\nJonas Berg | Chair |' }),
    );
    await submitPost(database.context, author, postId);
    await publishPost(database.context, orgEditor, postId);
    expect((await readBlogPost(database.context, slug)).post.signatories).toEqual([
      { name: 'Ama Owusu', role: 'Director', organisation: 'Open Hands Collective' },
      { name: 'Jonas Berg', role: 'Chair', organisation: '' },
    ]);
    const error = await failure(draftPost(database.context, author, postForm({ orgId: openHands, title: 'Bad list', kind: 'statement', signatories: 'A | B | C | D' })));
    expect(error.fields).toEqual({ signatories: 'editorial.form.signatoriesInvalid' });
  });

  it('finds related posts by shared tags', async () => {
    const page = await readBlogPost(database.context, 'what-our-survivor-panel-taught-us');
    expect(page.post.related.length).toBeGreaterThan(0);
    expect(page.post.related.map((card) => card.slug)).not.toContain('what-our-survivor-panel-taught-us');
  });

  it('records every editorial step in an audit log whose chain verifies', async () => {
    const revisions = await database.db.select().from(blogRevisions);
    expect(revisions.length).toBeGreaterThan(5);
    const verdict = await verifyAuditLog(database.db);
    expect(verdict.ok).toBe(true);
  });
});
