/**
 * The Partnership & Accountability series in real Chromium, end to end: an administrator
 * invites an author (for a member organisation) and a network editor; the author drafts with
 * the live preview, the editor requests a change, the author revises, the editor compares the
 * revisions and publishes; the post is on /blog, in both feeds (read by a feed parser) and in
 * the sitemap; a reader with JavaScript off comments, the comment waits for moderation, and
 * once approved it shows. Staff work with JavaScript on, the reader with it off; every page
 * shown passes axe-core, keeps to the strict CSP and fits a phone screen.
 */
import Parser from 'rss-parser';
import { describe, expect, test } from 'vitest';
import { commentGuardPolicy } from '../../src/core/publishing/commentGuard.ts';
import { translator } from '../../src/i18n/index.ts';
import { acceptInvitation, addOrganisationAtAdmin, browserSuite, continueToStaffHome, inviteStaff, setUpAsFirstAdministrator, signIn as signInAs, signOut as signOutAs, type StaffPerson } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = { network: 'Lakeshore Women’s Network', name: 'Nana Adjei', email: 'nana.adjei@example.org', password: 'paper boats on a quiet lake' };
const author = { name: 'Wanjiru Kamau', email: 'wanjiru.kamau@example.org', password: 'mangoes ripen in the long rains' };
const editor = { name: 'Sofía Quispe', email: 'sofia.quispe@example.org', password: 'condors circle over the valley' };
const organisation = { name: 'Riverbank Collective', slug: 'riverbank-collective' };
const post = { title: 'What our listening sessions changed', slug: 'what-our-listening-sessions-changed' };

for (const backend of testBackends()) {
  describe(`the series from draft to reader’s comment [${backend}]`, () => {
    // Staff work with JavaScript on, the reader with it off.
    const suite = browserSuite(backend, { staff: { javaScript: true }, reader: { javaScript: false } });
    const useStaff = () => suite.browser('staff');
    const useReader = () => suite.browser('reader');
    const invitations = { author: '', editor: '' };

    // Authors and editors sign in without an authenticator.
    const signIn = (person: StaffPerson, label: string) => signInAs(useStaff(), person, { label });
    const signOut = (label: string) => signOutAs(useStaff(), label);

    async function openPost(label: string): Promise<void> {
      const { page, goto, follow, checkPage } = useStaff();
      expect(await goto('/editorial')).toBe(200);
      await checkPage(`${label}: editorial desk`);
      expect(await follow(page.getByRole('link', { name: post.title }).first())).toBe(200);
      await checkPage(`${label}: the post on the desk`);
    }

    async function accept(link: string, person: { password: string }, label: string): Promise<void> {
      await acceptInvitation(useStaff(), link, person, label);
      await useStaff().checkPage(`${label}: recovery key`);
      await continueToStaffHome(useStaff(), label);
    }

    test('an administrator sets up the network and invites an author and an editor', async () => {
      await setUpAsFirstAdministrator(useStaff(), suite.server().setupLink, admin);
      await addOrganisationAtAdmin(useStaff(), { ...organisation, languages: ['en'], country: 'KE' });
      invitations.author = await inviteStaff(useStaff(), author, [{ role: 'author', scope: { label: organisation.name } }], 'inviting an author');
      invitations.editor = await inviteStaff(useStaff(), editor, [{ role: 'editor', scope: { label: t('adminStaff.networkScope') } }], 'inviting an editor');
      await signOut('administrator');
    });

    test('the author drafts with the live preview and submits the post for review', async () => {
      const { page, follow, checkPage } = useStaff();
      await accept(invitations.author, author, 'author');
      expect(await follow(page.getByRole('link', { name: t('editorial.nav') }))).toBe(200);
      await checkPage('author: empty desk');
      expect(await follow(page.getByRole('link', { name: t('editorial.home.newPost') }))).toBe(200);
      await checkPage('author: new post form');
      await page.getByLabel(t('editorial.form.title'), { exact: true }).fill(post.title);
      await page.getByLabel(t('editorial.form.summary'), { exact: true }).fill('Twelve months of listening before acting.');
      await page.getByLabel(t('editorial.form.authorRole'), { exact: true }).fill('Programme coordinator');
      await page.getByLabel(t('editorial.form.tags'), { exact: true }).fill('Survivor voice, Partnership');
      await page.getByLabel(t('editorial.form.body'), { exact: true }).fill('We listened first.[^1]\n\n## What we changed\n\nThe way we report back.\n\n[^1]: Twelve sessions in 2024.');
      // The live preview follows the text without a page load.
      await expect.poll(() => page.locator('[data-preview-target]').innerHTML(), { timeout: 10_000 }).toContain('footnote-ref');
      expect(await page.locator('[data-preview-target] h2').textContent()).toBe('What we changed');
      expect(await follow(page.getByRole('button', { name: t('editorial.form.create') }))).toBe(200);
      await checkPage('author: draft saved');
      expect(await page.getByRole('status').first().textContent()).toContain(t('editorial.saved'));
      expect(await follow(page.getByRole('button', { name: t('editorial.steps.submit') }))).toBe(200);
      await checkPage('author: submitted');
      expect(await page.locator('.post-status').textContent()).toContain(t('editorial.status.in_review'));
      await signOut('author');
    });

    test('the editor requests a change', async () => {
      const { page, follow, checkPage } = useStaff();
      await accept(invitations.editor, editor, 'editor');
      await openPost('editor');
      await page.getByLabel(t('editorial.steps.note'), { exact: true }).fill('Please name the town where the sessions took place.');
      expect(await follow(page.getByRole('button', { name: t('editorial.steps.request-changes') }))).toBe(200);
      await checkPage('editor: changes requested');
      await signOut('editor');
    });

    test('the author revises and resubmits', async () => {
      const { page, follow, checkPage } = useStaff();
      await signIn(author, 'author again');
      await openPost('author revising');
      expect(await page.locator('.timeline').textContent()).toContain('Please name the town where the sessions took place.');
      await page.getByLabel(t('editorial.form.body'), { exact: true }).fill('We listened first, in Kisumu.[^1]\n\n## What we changed\n\nThe way we report back.\n\n[^1]: Twelve sessions in 2024.');
      expect(await follow(page.getByRole('button', { name: t('editorial.form.save') }))).toBe(200);
      await checkPage('author: revision saved');
      await page.getByLabel(t('editorial.steps.note'), { exact: true }).fill('Added the town.');
      expect(await follow(page.getByRole('button', { name: t('editorial.steps.submit') }))).toBe(200);
      await checkPage('author: resubmitted');
      await signOut('author');
    });

    test('the editor compares the revisions and publishes', async () => {
      const { page, follow, checkPage } = useStaff();
      await signIn(editor, 'editor again');
      await openPost('editor reviewing');
      expect(await follow(page.getByRole('button', { name: t('editorial.revisions.compare') }))).toBe(200);
      await checkPage('editor: revisions compared');
      expect(await page.locator('.diff-added').first().textContent()).toContain('We listened first, in Kisumu.');
      await openPost('editor publishing');
      expect(await follow(page.getByRole('button', { name: t('editorial.steps.publish'), exact: true }))).toBe(200);
      await checkPage('editor: published');
      expect(await page.locator('.post-status').textContent()).toContain(t('editorial.status.published'));
    });

    test('the post is on the series page, in both feeds and in the sitemap', async () => {
      const { page, goto, follow, checkPage } = useReader();
      const server = suite.server();
      expect(await goto('/blog')).toBe(200);
      await checkPage('series page');
      expect(await page.locator('main').textContent()).toContain(t('blog.defaults.disclaimer'));
      expect(await follow(page.getByRole('link', { name: post.title }))).toBe(200);
      await checkPage('post page');
      const article = (await page.locator('article.post').textContent()) ?? '';
      for (const expected of [author.name, 'Programme coordinator', organisation.name, 'Twelve sessions in 2024.', t('blog.defaults.disclaimer')]) expect(article).toContain(expected);
      expect(await follow(page.getByRole('link', { name: 'Survivor voice' }).first())).toBe(200);
      await checkPage('tag page');
      expect(await follow(page.getByRole('link', { name: author.name }).first())).toBe(200);
      await checkPage('author page');
      expect(await goto('/blog/conduct')).toBe(200);
      await checkPage('code of conduct');

      const parser = new Parser();
      for (const feed of ['/blog/rss.xml', '/blog/atom.xml']) {
        const response = await fetch(new URL(feed, server.url));
        expect(response.status, feed).toBe(200);
        const parsed = await parser.parseString(await response.text());
        expect(parsed.items.map((item) => item.title), feed).toContain(post.title);
      }
      const sitemap = await (await fetch(new URL('/sitemap.xml', server.url))).text();
      expect(sitemap).toContain(`/blog/${post.slug}</loc>`);
    });

    test('a reader comments with JavaScript off; the comment waits for moderation', async () => {
      const { page, goto, follow, checkPage } = useReader();
      expect(await goto(`/blog/${post.slug}`)).toBe(200);
      await checkPage('post before commenting');
      await page.getByLabel(t('blog.comments.body'), { exact: true }).fill('Thank you. We tried the same in our town.');
      // A person takes longer than the form's time-lock to read and write.
      await page.waitForTimeout((commentGuardPolicy.minSeconds + 1) * 1000);
      expect(await follow(page.getByRole('button', { name: t('blog.comments.submit') }))).toBe(200);
      await checkPage('comment held');
      expect(await page.getByRole('status').textContent()).toContain(t('blog.comments.held'));
      expect(await page.locator('.comment-list').count()).toBe(0);
    });

    test('approved by the editor, the comment shows', async () => {
      const { page, goto, follow, checkPage } = useStaff();
      expect(await goto('/editorial/comments')).toBe(200);
      await checkPage('moderation queue');
      expect(await page.locator('.moderation-list').first().textContent()).toContain('Thank you. We tried the same in our town.');
      expect(await follow(page.getByRole('button', { name: t('editorial.comments.approve') }))).toBe(200);
      await checkPage('comment approved');

      const readerView = useReader();
      expect(await readerView.goto(`/blog/${post.slug}`)).toBe(200);
      await readerView.checkPage('post with the comment');
      expect(await readerView.page.locator('.comment-list').textContent()).toContain('Thank you. We tried the same in our town.');
      expect(await readerView.page.locator('.comment-list').textContent()).toContain(t('blog.comments.anonymous'));
    });

    test('with JavaScript on, the reader’s browser does the anti-spam work before sending', async () => {
      const { page, goto, follow, checkPage } = useStaff();
      await signOut('editor');
      expect(await goto(`/blog/${post.slug}`)).toBe(200);
      await checkPage('post, JavaScript on');
      await page.getByLabel(t('blog.comments.name')).fill('Achieng');
      await page.getByLabel(t('blog.comments.body'), { exact: true }).fill('Could you share the questions you asked?');
      await page.waitForTimeout((commentGuardPolicy.minSeconds + 1) * 1000);
      expect(await follow(page.getByRole('button', { name: t('blog.comments.submit') }))).toBe(200);
      await checkPage('comment held, JavaScript on');
      await signIn(editor, 'editor moderating');
      expect(await goto('/editorial/comments')).toBe(200);
      await checkPage('moderation queue with a comment that did the work');
      expect(await page.locator('.moderation-list').first().textContent()).toContain(t('editorial.comments.proofOfWork'));
    });

    test('the network editor sets the series’ words and a byline; mistakes come back beside their fields', async () => {
      const { page, goto, follow, checkPage } = useStaff();
      expect(await goto('/editorial/series')).toBe(200);
      await checkPage('series settings');
      await page.getByLabel(t('editorial.series.seriesTitle')).fill('');
      expect(await follow(page.getByRole('button', { name: t('editorial.series.save') }))).toBe(400);
      await checkPage('series settings with a mistake');
      await page.getByLabel(t('editorial.series.seriesTitle')).fill('Voices for Accountability');
      expect(await follow(page.getByRole('button', { name: t('editorial.series.save') }))).toBe(200);
      await checkPage('series settings saved');
      expect(await goto('/editorial/profile')).toBe(200);
      await checkPage('byline');
      await page.getByLabel(t('editorial.profile.role')).fill('Network editor');
      expect(await follow(page.getByRole('button', { name: t('editorial.profile.save') }))).toBe(200);
      await checkPage('byline saved');
      expect(await goto('/editorial/posts/new')).toBe(200);
      await checkPage('new post form');
      expect(await follow(page.getByRole('button', { name: t('editorial.form.create') }))).toBe(400);
      await checkPage('new post form with mistakes');
      const readerView = useReader();
      expect(await readerView.goto('/blog?lang=es')).toBe(200);
      await readerView.checkPage('series page in Spanish');
      expect(await readerView.page.locator('h1').textContent()).toBe(translator('es')('blog.defaults.title'));
      expect(await readerView.goto('/blog')).toBe(200);
      await readerView.checkPage('series page with its new title');
      expect(await readerView.page.locator('h1').textContent()).toBe('Voices for Accountability');
    });
  });
}
