import { sql } from 'drizzle-orm';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../storage/database.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, signInStaff } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

/** What a browser would send for the page's form: inputs, checked boxes, selected options, textareas. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let textarea: string | undefined;
  let select: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const field = attributes.name;
        if (name === 'input' && field) {
          if (attributes.type === 'checkbox' || attributes.type === 'radio') {
            if ('checked' in attributes) fields[field] = attributes.value ?? 'on';
          } else fields[field] = attributes.value ?? '';
        }
        if (name === 'textarea' && field) {
          textarea = field;
          fields[field] = '';
        }
        if (name === 'select' && field) select = field;
        if (name === 'option' && select && 'selected' in attributes) fields[select] = attributes.value ?? '';
      },
      ontext(text) {
        if (textarea) fields[textarea] += text;
      },
      onclosetag(name) {
        if (name === 'textarea') textarea = undefined;
        if (name === 'select') select = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return fields;
}

describeStorage('the questionnaire editor', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  const editorUrl = '/admin/report-channels/o/river-house/questionnaire';

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'river-house', name: 'River House' });
    await addStaff(database, { name: 'Joon Park', email: 'joon.park@example.org', grants: [{ role: 'handler', orgId }] });
  });
  afterAll(async () => {
    await app.close();
  });

  const versions = async () => queryRows<{ version: number }>(database.db, sql`select version from questionnaires q join organisations o on o.id = q.org_id where o.slug = 'river-house' order by version`);

  it('saves edits as a new version, keeps the old one for reports that answered it, and shows the new questions to reporters', async () => {
    // A report answered version 1 before the edit.
    const reporter = cookieBrowser(app);
    const before = await reporter.get('/o/river-house/report');
    const firstVersion = inputValue(before.body, 'questionnaire');

    const page = await admin.browser.get(editorUrl);
    expect(page.statusCode).toBe(200);
    const fields = formFields(page.body);
    const rows = Number(fields.rows);
    const last = rows - 1;
    // Every language Redress speaks has its fields.
    for (const language of ['en', 'es', 'fr', 'pt']) expect(fields).toHaveProperty(`r${last}_label_${language}`);
    // Add a yes/no question with Spanish, French and Portuguese text, a conditional follow-up, move it first, remove "where".
    Object.assign(fields, {
      [`r${last}_id`]: 'safeNow',
      [`r${last}_type`]: 'yes_no',
      [`r${last}_label_en`]: 'Are you safe right now?',
      [`r${last}_label_es`]: '¿Está a salvo ahora?',
      [`r${last}_label_fr`]: 'Êtes-vous en sécurité en ce moment ?',
      [`r${last}_label_pt`]: 'Está em segurança agora?',
      [`r${last}_required`]: 'yes',
      [`r${last}_position`]: '0',
    });
    const whereRow = Object.entries(fields).find(([name, value]) => /^r\d+_id$/.test(name) && value === 'where')?.[0].replace('_id', '');
    fields[`${whereRow}_remove`] = 'yes';
    fields.rows = String(rows + 1);
    Object.assign(fields, { [`r${rows}_id`]: 'safetyDetails', [`r${rows}_type`]: 'long_text', [`r${rows}_label_en`]: 'What would help you feel safe?', [`r${rows}_showIfQuestion`]: 'safeNow', [`r${rows}_showIfEquals`]: 'no', [`r${rows}_position`]: '0' });
    const saved = await admin.browser.post(editorUrl, fields);
    expect(saved.statusCode).toBe(303);
    expect((await versions()).map((row) => row.version)).toEqual([1, 2]);

    const after = await reporter.get('/o/river-house/report?lang=es');
    expect(after.body).toContain('¿Está a salvo ahora?');
    expect(after.body).not.toContain('name="q_where"');
    expect(after.body.indexOf('q_safeNow')).toBeLessThan(after.body.indexOf('q_account'));
    expect(after.body.indexOf('q_safeNow')).toBeLessThan(after.body.indexOf('q_safetyDetails'));
    // French and Portuguese reporters read the edited question in their language, the shipped ones from the catalogues.
    const french = await reporter.get('/o/river-house/report?lang=fr');
    expect(french.body).toContain('Êtes-vous en sécurité en ce moment ?');
    expect(french.body).toContain('Avec vos mots, que s');
    const portuguese = await reporter.get('/o/river-house/report?lang=pt');
    expect(portuguese.body).toContain('Está em segurança agora?');
    expect(portuguese.body).toContain('Por palavras suas, o que aconteceu?');
    // The shipped questions keep their catalogue keys, so they are still translated.
    expect(inputValue(after.body, 'questionnaire')).not.toBe(firstVersion);
    const [stored] = await queryRows<{ definition: { questions: { id: string; label: unknown }[] } }>(database.db, sql`select definition from questionnaires where version = 2`);
    expect(stored?.definition.questions.find((question) => question.id === 'account')?.label).toEqual({ key: 'intake.questions.account.label' });

    // The report on version 1 can still be sent with the questions it was written for.
    const sent = await reporter.post('/o/river-house/report', {
      formToken: inputValue(before.body, 'formToken'),
      questionnaire: firstVersion,
      q_account: 'My team leader keeps commenting on my body.',
      q_where: 'The depot',
      path: 'not_sure',
      identity: 'anonymous',
      intent: 'submit',
    });
    expect(sent.statusCode).toBe(200);
    const [kept] = await queryRows<{ version: number }>(database.db, sql`select q.version from cases c join questionnaires q on q.id = c.questionnaire_id`);
    expect(kept?.version).toBe(1);
  });

  it('refuses an invalid definition with clear messages and stores nothing', async () => {
    const page = await admin.browser.get(editorUrl);
    const fields = formFields(page.body);
    const last = Number(fields.rows) - 1;
    Object.assign(fields, {
      [`r${last}_id`]: 'account',
      [`r${last}_type`]: 'single_choice',
      [`r${last}_label_en`]: 'Where?',
      [`r${last}_options`]: 'Office Floor | somewhere',
      [`r${last}_showIfQuestion`]: 'nothingLikeThis',
      [`r${last}_showIfEquals`]: 'yes',
    });
    const refused = await admin.browser.post(editorUrl, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Another question already has this short name.');
    expect(refused.body).toContain('Each choice needs a value');
    expect(refused.body).toContain('The condition must name an earlier');
    expect(refused.body).toContain('Office Floor | somewhere');
    expect((await versions()).map((row) => row.version)).toEqual([1, 2]);
  });

  it('refuses a form based on an older version instead of overwriting the newer one', async () => {
    const page = await admin.browser.get(editorUrl);
    const fields = formFields(page.body);
    const first = await admin.browser.post(editorUrl, fields);
    expect(first.statusCode).toBe(303);
    const second = await admin.browser.post(editorUrl, fields);
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else saved a new version');
    expect((await versions()).map((row) => row.version)).toEqual([1, 2, 3]);
  });

  it('is not there for staff who do not administer the channel', async () => {
    const handler = await addStaff(database, { name: 'Ines Duarte', email: 'ines.duarte@example.org', grants: [{ role: 'handler', orgId: null }] });
    const browser = await signInStaff(app, handler, new Date());
    expect((await browser.get(editorUrl)).statusCode).toBe(404);
  });
});
