import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPostFile, parsePostFile, type PostFile } from './frontMatter.ts';

const sample = `---
title: "Why we signed: a member's view"
author: Lucia.Ferrer@Example.org
organisation: red-andina
role: Programme coordinator
date: 2024-03-08
tags: [Safeguarding, Survivor voice]
language: es
translation-of: why-we-signed
layout: post
---

Texto del *artículo*.[^1]

[^1]: Nota.
`;

describe('reading a post file', () => {
  it('reads every field a network brings, and reports keys it does not know', () => {
    const result = parsePostFile(sample);
    expect(result).toEqual({
      ok: true,
      unknownKeys: ['layout'],
      post: {
        title: "Why we signed: a member's view",
        slug: undefined,
        author: 'lucia.ferrer@example.org',
        organisation: 'red-andina',
        role: 'Programme coordinator',
        date: new Date('2024-03-08T00:00:00Z'),
        tags: ['Safeguarding', 'Survivor voice'],
        language: 'es',
        translationOf: 'why-we-signed',
        kind: 'post',
        summary: '',
        signatories: [],
        body: 'Texto del *artículo*.[^1]\n\n[^1]: Nota.',
      },
    });
  });

  it('reads a statement with its signatories and comma-separated tags', () => {
    const result = parsePostFile(
      '---\ntitle: Joint statement\nauthor: a@example.org\ndate: 2024-01-02T09:30:00+01:00\nlanguage: en\nkind: statement\ntags: "one, two"\nsignatories:\n  - name: Ada Mensah\n    role: Chair\n    organisation: Open Hands\n  - name: Ravi Kumar\n---\nWe call for…',
    );
    expect(result.ok && result.post.signatories).toEqual([
      { name: 'Ada Mensah', role: 'Chair', organisation: 'Open Hands' },
      { name: 'Ravi Kumar', role: '', organisation: '' },
    ]);
    expect(result.ok && result.post.tags).toEqual(['one', 'two']);
    expect(result.ok && result.post.date.toISOString()).toBe('2024-01-02T08:30:00.000Z');
  });

  it.each([
    ['no front matter at all', 'Just text', 'the file does not start with front matter between two "---" lines'],
    ['unclosed front matter', '---\ntitle: x\n\nbody', 'the file does not start with front matter between two "---" lines'],
    ['broken YAML', '---\ntitle: [unclosed\nauthor: a@example.org\n---\nx', 'the front matter is not valid YAML'],
    ['a list instead of keys', '---\n- a\n- b\n---\nx', 'the front matter must be a list of "key: value" lines'],
    ['a duplicated key', '---\ntitle: a\ntitle: b\n---\nx', 'the front matter is not valid YAML'],
    ['no title', '---\nauthor: a@example.org\ndate: 2024-01-01\nlanguage: en\n---\nx', '"title" is missing'],
    ['an author that is not an e-mail address', '---\ntitle: T\nauthor: Ana\ndate: 2024-01-01\nlanguage: en\n---\nx', '"author" should be the author’s e-mail address'],
    ['an impossible date', '---\ntitle: T\nauthor: a@example.org\ndate: 2024-13-45\nlanguage: en\n---\nx', '"date" should be a date such as 2024-05-01'],
    ['a language name instead of a code', '---\ntitle: T\nauthor: a@example.org\ndate: 2024-01-01\nlanguage: Spanish\n---\nx', '"language" should be a language code'],
    ['signatories on an ordinary post', '---\ntitle: T\nauthor: a@example.org\ndate: 2024-01-01\nlanguage: en\nsignatories:\n  - name: A\n---\nx', '"signatories" belong to a statement'],
    ['a bad slug', '---\ntitle: T\nslug: Not A Slug\nauthor: a@example.org\ndate: 2024-01-01\nlanguage: en\n---\nx', '"slug" should be lower-case letters'],
  ])('says clearly what is wrong with %s', (_case, text, problem) => {
    const result = parsePostFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(' | ')).toContain(problem);
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        parsePostFile(`---\n${text}\n---\nbody`);
        parsePostFile(text);
      }),
      { numRuns: 300 },
    );
  });
});

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ':#&!?-]{0,30}$/).map((text) => text.trim().replace(/\s+/g, ' ')).filter((text) => text.length > 0);
const postFile: fc.Arbitrary<PostFile & { slug: string }> = fc.record({
  title: word,
  slug: fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}$/),
  author: fc.constantFrom('ada@example.org', 'ravi.kumar@example.net'),
  organisation: fc.option(fc.constantFrom('open-hands', 'red-andina'), { nil: undefined }),
  role: fc.oneof(fc.constant(''), word),
  date: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
  tags: fc.uniqueArray(word, { maxLength: 4, selector: (tag) => tag.toLowerCase() }).map((tags) => tags.filter((tag) => !tag.includes(','))),
  language: fc.constantFrom('en', 'es', 'fr', 'pt-BR'),
  translationOf: fc.option(fc.constantFrom('original-post', 'a-1'), { nil: undefined }),
  kind: fc.constant('post' as const),
  summary: fc.oneof(fc.constant(''), word),
  signatories: fc.constant([]),
  body: fc.string({ maxLength: 200 }).map((body) => body.replace(/\r/g, '').replace(/^\n+/, '').trimEnd()),
});

describe('writing a post file', () => {
  it('writes files that read back to the same post', () => {
    fc.assert(
      fc.property(postFile, (post) => {
        const result = parsePostFile(formatPostFile(post));
        expect(result).toEqual({ ok: true, unknownKeys: [], post });
      }),
      { numRuns: 200 },
    );
  });
});
