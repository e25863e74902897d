import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { setUpNewsroom } from '../../../tests/support/publishingPeople.ts';
import { AppError } from '../../core/errors.ts';
import { parsePostFile } from '../../core/publishing/frontMatter.ts';
import { blogPosts } from '../../storage/schema/index.ts';
import { exportPosts } from './exportPosts.ts';
import { importPosts, type SourceFile } from './importPosts.ts';
import { readBlogPost } from './readBlogPost.ts';

const original: SourceFile = {
  name: '2023/why-we-signed.md',
  text: `---
title: Why we signed the accountability pledge
author: efua.mensah@example.org
organisation: open-hands
role: Programme coordinator
date: 2023-11-25
tags: [Safeguarding, Partnership]
language: en
layout: post
---

We signed because survivors asked us to.[^1]

[^1]: Letter of 3 November 2023.
`,
};

const translation: SourceFile = {
  name: '2023/por-que-firmamos.md',
  text: `---
title: Por qué firmamos el compromiso
author: efua.mensah@example.org
organisation: open-hands
date: 2023-11-26
tags: Safeguarding
language: es
translation-of: why-we-signed-the-accountability-pledge
---
Firmamos porque las sobrevivientes nos lo pidieron.
`,
};

const statement: SourceFile = {
  name: 'joint-statement.md',
  text: `---
title: Joint statement of the members
slug: joint-statement
author: mira.halvorsen@example.org
date: 2024-03-08T09:00:00Z
language: en
kind: statement
signatories:
  - name: Ama Owusu
    role: Director
    organisation: Open Hands Collective
  - name: Jonas Berg
---
We commit to act on every report.
`,
};

async function importFailure(files: SourceFile[]): Promise<string> {
  const error = await importPosts(use.database.context, files).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError) || error.code !== 'BLOG_IMPORT_INVALID') throw new Error(`expected BLOG_IMPORT_INVALID, got ${String(error)}`);
  return error.message;
}

const use: { database: TestDatabase } = { database: undefined as unknown as TestDatabase };

describeStorage('importing and exporting posts', (useDatabase) => {
  beforeAll(async () => {
    use.database = useDatabase();
    await setUpNewsroom(use.database);
  });

  async function postCount(): Promise<number> {
    return (await use.database.db.select({ id: blogPosts.id }).from(blogPosts)).length;
  }

  it('refuses unknown authors and organisations, naming each file, and imports nothing', async () => {
    const stranger = { name: 'stranger.md', text: original.text.replace('efua.mensah@example.org', 'nobody@example.org') };
    const elsewhere = { name: 'elsewhere.md', text: statement.text.replace('author: mira', 'organisation: nowhere\nauthor: mira') };
    const message = await importFailure([original, stranger, elsewhere]);
    expect(message).toContain('stranger.md: unknown author nobody@example.org');
    expect(message).toContain('elsewhere.md: unknown organisation "nowhere"');
    expect(await postCount()).toBe(0);
  });

  it('refuses an author writing for an organisation they do not belong to', async () => {
    const message = await importFailure([{ name: 'wrong-org.md', text: original.text.replace('organisation: open-hands', 'organisation: red-andina') }]);
    expect(message).toContain('wrong-org.md: efua.mensah@example.org does not hold the author or editor role for red-andina');
  });

  it('refuses malformed front matter with the reason, and imports nothing', async () => {
    const broken = { name: 'broken.md', text: '---\ntitle: [unclosed\n---\nText' };
    const undated = { name: 'undated.md', text: original.text.replace('date: 2023-11-25\n', '') };
    const message = await importFailure([original, broken, undated]);
    expect(message).toContain('broken.md: the front matter is not valid YAML');
    expect(message).toContain('undated.md: "date" is missing');
    expect(await postCount()).toBe(0);
  });

  it('refuses two files with one address, and a translation of nothing', async () => {
    const twin = { name: 'twin.md', text: original.text };
    const orphan = { name: 'orphan.md', text: translation.text };
    expect(await importFailure([original, twin])).toContain('twin.md: the address "why-we-signed-the-accountability-pledge" is also used by 2023/why-we-signed.md');
    expect(await importFailure([orphan])).toContain('orphan.md: "translation-of" names "why-we-signed-the-accountability-pledge", which is neither in these files nor in the series');
    expect(await postCount()).toBe(0);
  });

  it('imports posts, translations and statements as published, dated as in their files', async () => {
    const report = await importPosts(use.database.context, [translation, original, statement]);
    expect(report).toEqual({ imported: 3, warnings: ['2023/why-we-signed.md: ignored "layout"'] });
    const page = await readBlogPost(use.database.context, 'why-we-signed-the-accountability-pledge');
    expect(page.post.publishedAt.toISOString()).toBe('2023-11-25T00:00:00.000Z');
    expect(page.post.organisation?.slug).toBe('open-hands');
    expect(page.post.bodyHtml).toContain('class="footnote-ref"');
    expect(page.post.translations.map((entry) => entry.language)).toEqual(['es']);
    expect((await readBlogPost(use.database.context, 'joint-statement')).post.signatories).toHaveLength(2);
  });

  it('refuses to import the same posts twice', async () => {
    expect(await importFailure([original])).toContain('a post with the address "why-we-signed-the-accountability-pledge" already exists');
  });

  it('exports files that read back to the posts that were imported', async () => {
    const files = await exportPosts(use.database.context);
    expect(files.map((file) => file.name).sort()).toEqual(['joint-statement.md', 'por-que-firmamos-el-compromiso.md', 'why-we-signed-the-accountability-pledge.md']);
    for (const source of [original, translation, statement]) {
      const before = parsePostFile(source.text);
      const exported = files.find((file) => {
        const parsed = parsePostFile(file.text);
        return parsed.ok && before.ok && parsed.post.title === before.post.title;
      });
      const after = exported ? parsePostFile(exported.text) : undefined;
      if (!before.ok || !after?.ok) throw new Error(`${source.name} did not round-trip`);
      expect({ ...after.post, slug: undefined }).toEqual({ ...before.post, slug: undefined, body: before.post.body });
    }
  });
});
