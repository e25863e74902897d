import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import sharp from 'sharp';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../app.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { executableMarkupIn } from '../../../tests/support/executableMarkup.ts';
import { setUpNewsroom, type Newsroom, type Person } from '../../../tests/support/publishingPeople.ts';
import { browserFor, csrfFrom, setUpNetwork, type Browser } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

/** Signs a writer or editor in through the form, as a browser would (their roles need no TOTP). */
async function signedIn(app: App, person: Person): Promise<Browser> {
  const browser = browserFor(app);
  const response = await browser.post('/sign-in', { email: person.email, password: person.password, code: '' });
  if (response.statusCode !== 303) throw new Error(`sign-in failed for ${person.email}: ${response.statusCode}`);
  return browser;
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} on the page`);
  return match[1];
}

function postIdFrom(location: string | undefined): string {
  const match = /\/editorial\/posts\/([0-9a-f-]{36})/.exec(location ?? '');
  if (!match?.[1]) throw new Error(`not a post address: ${location}`);
  return match[1];
}

function multipartImage(csrf: string, bytes: Buffer, fileName = 'photo.jpg', type = 'image/jpeg') {
  const boundary = '----redress-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const pageAllowance = { elements: ['meta', 'link', 'form', 'input', 'button', 'textarea', 'select'], scriptSources: ['/assets/blog-comment-proof.js', '/assets/editorial-preview.js'] };

describeStorage('the series on the web', (use) => {
  let app: App;
  let database: TestDatabase;
  let people: Newsroom;
  let author: Browser;
  let editor: Browser;
  let offset = 0;
  let postId = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-blog-web-'));

  beforeAll(async () => {
    database = use();
    database.context.clock = () => new Date(Date.now() + offset);
    app = await buildApp({ config: loadConfig({ REDRESS_DATA_DIR: dataDir }), context: database.context, logger: false });
    await app.ready();
    await setUpNetwork(app, database);
    people = await setUpNewsroom(database);
    author = await signedIn(app, people.author);
    editor = await signedIn(app, people.orgEditor);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a post from the author’s draft through review to the series, its feeds and the sitemap', async () => {
    const form = await author.get('/editorial/posts/new');
    expect(form.statusCode).toBe(200);
    const csrf = csrfFrom(form.body);
    const fields = {
      _csrf: csrf,
      title: 'Listening before acting',
      slug: '',
      summary: 'What a survivor panel changed in our partnership.',
      body: 'Our panel met monthly.[^1] <script>alert(1)</script>\n\n[^1]: Twelve meetings.',
      language: 'en',
      kind: 'post',
      tags: 'Survivor voice, Partnership',
      signatories: '',
      authorRole: 'Programme coordinator',
      orgId: people.openHands,
      translationOf: '',
    };
    const preview = await author.post('/editorial/posts', { ...fields, intent: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(preview.body).toContain('class="footnote-ref"');
    const created = await author.post('/editorial/posts', { ...fields, intent: 'save' });
    expect(created.statusCode).toBe(303);
    postId = postIdFrom(created.headers.location);
    expect((await author.post(`/editorial/posts/${postId}/steps`, { _csrf: csrf, step: 'submit', note: '' })).statusCode).toBe(303);

    const review = await editor.get(`/editorial/posts/${postId}`);
    expect(review.body).toContain('Listening before acting');
    const editorCsrf = csrfFrom(review.body);
    const asked = await editor.post(`/editorial/posts/${postId}/steps`, { _csrf: editorCsrf, step: 'request-changes', note: 'Please say where the panel met.' });
    expect(asked.statusCode).toBe(303);

    const back = await author.get(`/editorial/posts/${postId}`);
    expect(back.body).toContain('Please say where the panel met.');
    const revised = await author.post(`/editorial/posts/${postId}`, { ...fields, body: 'Our panel met monthly in Tamale.[^1]\n\n[^1]: Twelve meetings.', intent: 'save' });
    expect(revised.statusCode).toBe(303);
    await author.post(`/editorial/posts/${postId}/steps`, { _csrf: csrf, step: 'submit', note: 'Added the town.' });

    const compare = await editor.get(`/editorial/posts/${postId}/revisions?from=1&to=2`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('<ins><span class="visually-hidden">Added: </span>Our panel met monthly in Tamale.[^1]</ins>');
    const published = await editor.post(`/editorial/posts/${postId}/steps`, { _csrf: editorCsrf, step: 'publish', note: '', publishAt: '' });
    expect(published.statusCode).toBe(303);

    const series = await app.inject({ method: 'GET', url: '/blog' });
    expect(series.statusCode).toBe(200);
    expect(series.body).toContain('href="/blog/listening-before-acting"');
    expect(series.body).toContain('Partnership &amp; Accountability');

    const post = await app.inject({ method: 'GET', url: '/blog/listening-before-acting' });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('Efua Mensah');
    expect(post.body).toContain('Programme coordinator');
    expect(post.body).toContain('Open Hands Collective');
    expect(post.body).toContain('The views expressed are the authors’ own');
    expect(post.body).toContain('<link rel="canonical" href="http://localhost:80/blog/listening-before-acting"/>');
    expect(post.body).toContain('<meta property="og:type" content="article"/>');
    expect(post.body).toContain('media="print"');
    expect(executableMarkupIn(post.body, pageAllowance)).toEqual([]);

    const parser = new Parser();
    for (const path of ['/blog/rss.xml', '/blog/atom.xml', '/blog/tags/survivor-voice/rss.xml', '/blog/authors/efua-mensah/atom.xml']) {
      const feed = await app.inject({ method: 'GET', url: path });
      expect(feed.statusCode, path).toBe(200);
      const parsed = await parser.parseString(feed.body);
      expect(parsed.items.map((item) => item.title), path).toContain('Listening before acting');
    }
    const sitemap = await app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(sitemap.body).toContain('<loc>http://localhost:80/blog/listening-before-acting</loc>');
    expect(sitemap.body).toContain('<loc>http://localhost:80/blog/tags/survivor-voice</loc>');
  });

  it('takes a reader’s comment without JavaScript, holds it, and shows it once approved', async () => {
    const reader = browserFor(app);
    const page = await reader.get('/blog/listening-before-acting');
    expect(page.headers['set-cookie']).toBeUndefined();
    const formToken = hiddenValue(page.body, 'formToken');
    offset += 20_000;
    const sent = await reader.post('/blog/listening-before-acting/comments', { formToken, proofOfWork: '', website: '', name: 'Abena', body: 'This helped our team. <img src=x onerror=alert(1)>' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/blog/listening-before-acting?comment=held');
    const thanks = await reader.get('/blog/listening-before-acting?comment=held');
    expect(thanks.body).toContain('Your comment will appear here once a moderator has read it.');
    expect(thanks.body).not.toContain('This helped our team.');

    const queue = await editor.get('/editorial/comments');
    expect(queue.body).toContain('This helped our team. &lt;img src=x onerror=alert(1)>');
    const commentId = /action="\/editorial\/comments\/([0-9a-f-]{36})"/.exec(queue.body)?.[1];
    if (!commentId) throw new Error('the comment is not on the moderation page');
    expect((await editor.post(`/editorial/comments/${commentId}`, { _csrf: csrfFrom(queue.body), decision: 'approve' })).statusCode).toBe(303);

    const shown = await reader.get('/blog/listening-before-acting');
    expect(shown.body).toContain('<strong>Abena</strong>');
    expect(shown.body).toContain('This helped our team. &lt;img src=x onerror=alert(1)&gt;');
    expect(executableMarkupIn(shown.body, pageAllowance)).toEqual([]);
  });

  it('lets the author answer an approved comment from the desk', async () => {
    const desk = await author.get('/editorial/comments');
    const commentId = /action="\/editorial\/comments\/([0-9a-f-]{36})\/reply"/.exec(desk.body)?.[1];
    if (!commentId) throw new Error('nothing to answer');
    const replied = await author.post(`/editorial/comments/${commentId}/reply`, { _csrf: csrfFrom(desk.body), [`reply-${commentId}`]: 'Thank you, Abena.' });
    expect(replied.statusCode).toBe(303);
    const page = await app.inject({ method: 'GET', url: '/blog/listening-before-acting' });
    expect(page.body).toContain('Efua Mensah (author)');
    expect(page.body).toContain('Thank you, Abena.');
  });

  it('asks a reader who was too quick to wait, keeping what they wrote', async () => {
    const page = await app.inject({ method: 'GET', url: '/blog/listening-before-acting' });
    const formToken = hiddenValue(page.body, 'formToken');
    const sent = await browserFor(app).post('/blog/listening-before-acting/comments', { formToken, website: '', name: '', body: 'Instant reply' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('Please wait a few seconds and send your comment again.');
    expect(sent.body).toContain('>Instant reply</textarea>');
  });

  it('refuses an empty comment beside its field, and a comment on a post that is not public', async () => {
    const empty = await browserFor(app).post('/blog/listening-before-acting/comments', { formToken: 'x', body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="field-body-error"');
    expect((await browserFor(app).post('/blog/not-a-post/comments', { formToken: 'x', body: 'Hello' })).statusCode).toBe(404);
  });

  it('refuses a taken address on the form, beside the field, and saves nothing', async () => {
    const form = await author.get('/editorial/posts/new');
    const response = await author.post('/editorial/posts', {
      _csrf: csrfFrom(form.body),
      title: 'Another post',
      slug: 'listening-before-acting',
      summary: '',
      body: 'Text',
      language: 'en',
      kind: 'post',
      tags: '',
      signatories: '',
      authorRole: '',
      orgId: people.openHands,
      translationOf: '',
      intent: 'save',
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Another post already uses this address.');
    expect(response.body).toContain('value="Another post"');
  });

  it('refuses a schedule in the past with a clear message', async () => {
    const form = await author.get('/editorial/posts/new');
    const csrf = csrfFrom(form.body);
    const created = await author.post('/editorial/posts', {
      _csrf: csrf,
      title: 'For next week',
      slug: '',
      summary: '',
      body: 'Soon.',
      language: 'en',
      kind: 'post',
      tags: '',
      signatories: '',
      authorRole: '',
      orgId: people.openHands,
      translationOf: '',
      intent: 'save',
    });
    const id = postIdFrom(created.headers.location);
    await author.post(`/editorial/posts/${id}/steps`, { _csrf: csrf, step: 'submit', note: '' });
    const page = await editor.get(`/editorial/posts/${id}`);
    const past = await editor.post(`/editorial/posts/${id}/steps`, { _csrf: csrfFrom(page.body), step: 'publish', note: '', publishAt: '2020-01-01T09:00' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('That time has already passed.');
    const garbled = await editor.post(`/editorial/posts/${id}/steps`, { _csrf: csrfFrom(page.body), step: 'publish', note: '', publishAt: 'next tuesday' });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.body).toContain('Give a date and time, or leave it empty.');
  });

  it('refuses an oversize image and a file that is not an image, with a message on the page', async () => {
    const form = await author.get('/editorial/posts/new');
    const csrf = csrfFrom(form.body);
    const created = await author.post('/editorial/posts', {
      _csrf: csrf,
      title: 'With pictures',
      slug: '',
      summary: '',
      body: 'Pictures below.',
      language: 'en',
      kind: 'post',
      tags: '',
      signatories: '',
      authorRole: '',
      orgId: people.openHands,
      translationOf: '',
      intent: 'save',
    });
    const draftId = postIdFrom(created.headers.location);
    for (const [bytes, status, message] of [
      [Buffer.alloc(8 * 1024 * 1024 + 10, 1), 413, 'The image is larger than 8 MB.'],
      [Buffer.from('%PDF-1.7 not an image'), 400, 'This file is not an image we can use.'],
    ] as const) {
      const body = multipartImage(csrf, bytes);
      const response = await app.inject({
        method: 'POST',
        url: `/editorial/posts/${draftId}/images`,
        headers: { cookie: author.cookie ?? '', 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(status);
      expect(response.body).toContain(message);
    }
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } }).jpeg().withExif({ IFD0: { Artist: 'Private Person' } }).toBuffer();
    const body = multipartImage(csrf, photo);
    const attached = await app.inject({
      method: 'POST',
      url: `/editorial/posts/${draftId}/images`,
      headers: { cookie: author.cookie ?? '', 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(attached.statusCode).toBe(303);
    const url = decodeURIComponent(/image=([^&#]+)/.exec(attached.headers.location ?? '')?.[1] ?? '');
    const shown = await author.get(attached.headers.location ?? '');
    expect(shown.body).toContain(`![Describe the image](${url})`);
    const served = await app.inject({ method: 'GET', url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.includes(Buffer.from('Private Person'))).toBe(false);
  });

  it('answers 404 for unknown addresses, tags, authors, pages and images, never 500', async () => {
    for (const path of ['/blog/no-such-post', '/blog/tags/nothing', '/blog/authors/nobody', '/blog/organisations/nowhere', '/blog?page=99', '/blog/images/x.jpg', '/blog/UPPER', '/blog/tags/x/feed.json']) {
      expect((await app.inject({ method: 'GET', url: path })).statusCode, path).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: '/blog?page=abc' })).statusCode).toBe(400);
  });

  it('keeps drafts and other people’s posts out of reach', async () => {
    const stranger = await signedIn(app, people.secondAuthor);
    expect((await stranger.get(`/editorial/posts/${postId}`)).statusCode).toBe(404);
    expect((await browserFor(app).get('/editorial')).statusCode).toBe(303);
  });

  it('serves a returning reader 304 when nothing changed, and never caches a signed-in page', async () => {
    const first = await app.inject({ method: 'GET', url: '/blog' });
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    const again = await app.inject({ method: 'GET', url: '/blog', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    const staffView = await author.get('/blog');
    expect(staffView.headers['cache-control']).toBe('no-store');
    expect(staffView.body).toContain('Efua Mensah');
  });
});
