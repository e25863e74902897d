import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff } from '../../../tests/support/toolkit.ts';
import type { Actor } from '../../core/policy.ts';
import { resolveText } from '../../core/toolkit/template.ts';
import { addQuestion, copyTemplate, editQuestion, newVersion, publishTemplate, removeQuestion, templateFor, templatesFor } from './templates.ts';
import { openRound } from './openRound.ts';

describeStorage('question templates', (use) => {
  let database: TestDatabase;
  let admin: Actor;
  let orgCoordinator: Actor;
  let builtInId: string;

  beforeAll(async () => {
    database = use();
    const orgId = await addOrganisation(database, 'north-shelter', 'North Shelter');
    admin = await addStaff(database, 'helena.berg@example.org', 'Helena Berg', [{ role: 'admin', orgId: null }]);
    orgCoordinator = await addStaff(database, 'samir.haddad@example.org', 'Samir Haddad', [{ role: 'assessment_coordinator', orgId }]);
    builtInId = (await templatesFor(database.context, admin)).find((template) => template.builtIn)?.id ?? '';
  });

  it('ships the default template once, published and frozen', async () => {
    const templates = await templatesFor(database.context, orgCoordinator);
    expect(templates.filter((template) => template.builtIn)).toHaveLength(1);
    await expect(editQuestion(database.context, admin, builtInId, 'policy.policy-known', { text: { en: 'x' }, kind: 'agreement', short: true })).rejects.toMatchObject({ code: 'TOOLKIT_TEMPLATE_FROZEN' });
  });

  it('lets an admin copy, edit, publish and version a template, each word translatable', async () => {
    const copyId = await copyTemplate(database.context, admin, builtInId, { en: 'Our own audit', es: 'Nuestra auditoría' });
    await editQuestion(database.context, admin, copyId, 'policy.policy-known', { text: { en: 'I can find our code of conduct.', es: 'Sé dónde está nuestro código de conducta.' }, kind: 'agreement', short: true });
    await addQuestion(database.context, admin, copyId, 'image', { text: { en: 'Our website names a safeguarding contact.', es: 'Nuestra web indica un contacto de salvaguarda.' }, kind: 'yes_partly_no', short: false });
    await removeQuestion(database.context, admin, copyId, 'image.image-comment');
    const edited = await templateFor(database.context, admin, copyId);
    const question = edited.definition.domains[0]?.questions.find((candidate) => candidate.key === 'policy.policy-known');
    expect(question && resolveText(question.text, 'es', (key) => key)).toBe('Sé dónde está nuestro código de conducta.');
    expect(edited.definition.domains[7]?.questions.at(-1)?.key).toBe('image.q11');
    expect(resolveText(edited.definition.domains[1]?.questions[0]?.text ?? { key: 'x.y' }, 'es', (key) => key)).toContain('líderes');
    // A draft cannot be used by a round; a published one is frozen.
    await expect(openRound(database.context, admin, { title: 'Too early', orgId: null, templateId: copyId, form: 'long', closesOn: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await publishTemplate(database.context, admin, copyId);
    await expect(removeQuestion(database.context, admin, copyId, 'image.q11')).rejects.toMatchObject({ code: 'TOOLKIT_TEMPLATE_FROZEN' });
    const nextId = await newVersion(database.context, admin, copyId);
    expect((await templateFor(database.context, admin, nextId)).version).toBe(2);
  });

  it('refuses an edit that would leave a domain without a short-form question, and outsiders', async () => {
    const copyId = await copyTemplate(database.context, admin, builtInId, { en: 'Another' });
    for (const key of ['leadership.leaders-speak', 'leadership.leaders-example']) {
      await editQuestion(database.context, admin, copyId, key, { text: { en: 'Changed' }, kind: 'agreement', short: false });
    }
    await expect(editQuestion(database.context, admin, copyId, 'leadership.leaders-act', { text: { en: 'Changed' }, kind: 'agreement', short: false })).rejects.toMatchObject({ code: 'TOOLKIT_TEMPLATE_INVALID' });
    await expect(copyTemplate(database.context, orgCoordinator, builtInId, { en: 'Mine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
