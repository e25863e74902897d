import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/toolkit.ts';
import { browserFor, csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../../../tests/support/webApp.ts';
import { roleGrants, staff } from '../../storage/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { App } from '../app.ts';
import { defaultTemplate } from '../../core/toolkit/defaultTemplate.ts';
import { completeProgress } from '../../../tests/support/toolkit.ts';
import { submitAnswers } from '../../usecases/toolkit/answering.ts';
import { printInvitationCodes } from '../../usecases/toolkit/inviteColleagues.ts';
import { totpCodeAt } from '../../core/totp.ts';

/** The toolkit's pages through the HTTP shell: what a coordinator and five colleagues do, without JavaScript. */
describeStorage('toolkit pages', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let adminId = '';
  let orgId: string;
  let now = Date.now();

  beforeAll(async () => {
    database = use();
    database.context.clock = () => new Date(now);
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    orgId = await addOrganisation(database, 'coastal-care', 'Coastal Care');
    const [member] = await database.db.select({ id: staff.id }).from(staff).where(eq(staff.email, admin.email));
    adminId = member?.id ?? '';
    await database.db.insert(roleGrants).values({ staffId: adminId, orgId, role: 'assessment_coordinator' });
  });
  afterAll(async () => {
    await app.close();
  });

  async function signInAgain(): Promise<void> {
    const signedIn = await admin.browser.post('/sign-in', { email: admin.email, password: admin.password, code: totpCodeAt(admin.totpSecret, new Date(now)) });
    expect(signedIn.statusCode).toBe(303);
  }

  /** Walks one colleague through the form, page by page, as a browser without JavaScript would. */
  async function answer(code: string, choice: string): Promise<{ status: number; body: string }> {
    const colleague = browserFor(app);
    let page = await colleague.get(`/toolkit/answer/${code}`);
    expect(page.statusCode).toBe(200);
    let fields: Record<string, string> = { role: 'staff' };
    for (let step = 0; step < 20; step += 1) {
      const progress = /name="progress" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
      const stepValue = /name="step" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
      const radios = [...page.body.matchAll(/type="radio" name="(a:[^"]+)"/g)].map((match) => match[1] ?? '');
      for (const name of new Set(radios)) fields[name] = choice;
      const action = page.body.includes('value="submit"') ? 'submit' : 'next';
      page = await colleague.post(`/toolkit/answer/${code}`, { ...fields, progress, step: stepValue, action });
      fields = {};
      if (action === 'submit') return { status: page.statusCode, body: page.body };
      expect(page.statusCode).toBe(200);
    }
    throw new Error('the questionnaire did not end');
  }

  it('opens a round, takes five answers without JavaScript, shows results only after closing, and tracks an action point', async () => {
    const browser = admin.browser;
    const home = await browser.get('/toolkit');
    expect(home.statusCode).toBe(200);
    const templateId = /<option value="([0-9a-f-]{36})"/.exec(home.body.slice(home.body.indexOf('name="templateId"')))?.[1] ?? '';
    const opened = await browser.post('/toolkit/rounds', { _csrf: csrfFrom(home.body), title: 'Coastal 2026', scope: orgId, templateId, form: 'short', closesOn: '' });
    expect(opened.statusCode).toBe(303);
    const roundUrl = opened.headers.location ?? '';
    const roundPage = await browser.get(roundUrl);
    expect(roundPage.body).toContain('fewer than 5');
    const codesPage = await browser.post(`${roundUrl}/organisations/${orgId}/codes`, { _csrf: csrfFrom(roundPage.body), count: '6' });
    const codes = [...codesPage.body.matchAll(/data-invitation-code[^>]*>([^<]+)</g)].map((match) => match[1] ?? '');
    expect(codes).toHaveLength(6);

    for (const code of codes.slice(0, 4)) expect((await answer(code, '3')).status).toBe(200);
    const early = await browser.get(`${roundUrl}/results/${orgId}`);
    expect(early.body).toContain('Results appear once the round is closed.');
    expect(early.body).not.toContain('<svg');

    const fifth = await answer(codes[4] ?? '', '1');
    expect(fifth.body).toContain('Your answers have been received.');
    const reused = await answer(codes[4] ?? '', '1').catch(() => undefined);
    expect(reused).toBeUndefined();
    const again = await browserFor(app).get(`/toolkit/answer/${codes[4]}`);
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('This invitation is not valid');

    const beforeClose = await browser.get(roundUrl);
    expect(beforeClose.body).toContain('at least 5');
    expect((await browser.post(`${roundUrl}/close`, { _csrf: csrfFrom(beforeClose.body) })).statusCode).toBe(400);
    expect((await browser.post(`${roundUrl}/close`, { _csrf: csrfFrom(beforeClose.body), confirm: 'yes' })).statusCode).toBe(303);
    const late = await browserFor(app).get(`/toolkit/answer/${codes[5]}`);
    expect(late.statusCode).toBe(404);

    const results = await browser.get(`${roundUrl}/results/${orgId}`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('<svg');
    expect(results.body).not.toContain('style=');
    expect(results.body).toContain('Hidden: fewer than 5 people');
    const csv = await browser.get(`${roundUrl}/results/${orgId}.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('respondents,,,Everyone,5,');
    const pdf = await browser.get(`${roundUrl}/results/${orgId}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const due = new Date(now + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await browser.post('/toolkit/actions', {
      _csrf: csrfFrom(results.body),
      roundId: roundUrl.split('/').at(-1) ?? '',
      orgId,
      title: 'Name two trained focal points',
      domainKey: 'safeguarding',
      questionKey: '',
      ownerName: 'Operations lead',
      ownerEmail: '',
      dueOn: due,
      indicator: 'Focal points named and trained',
      target: 'Two by the due date',
    });
    expect(created.statusCode).toBe(303);
    const actionUrl = created.headers.location ?? '';
    expect((await browser.get(actionUrl)).body).not.toContain('This action point is overdue');
    // A week and a day later (the session has long expired: sign in again, at that time).
    now += 8 * 86_400_000;
    await signInAgain();
    const overdue = await browser.get('/toolkit/actions');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).toMatch(/data-overdue[\s\S]*Name two trained focal points/);
    expect((await browser.get(actionUrl)).body).toContain('This action point is overdue');
  });

  it('runs a network round: the member shares two domains, attaches evidence, and the roll-up shows only those', async () => {
    const browser = admin.browser;
    const home = await browser.get('/toolkit');
    const templateId = /<option value="([0-9a-f-]{36})"/.exec(home.body.slice(home.body.indexOf('name="templateId"')))?.[1] ?? '';
    const opened = await browser.post('/toolkit/rounds', { _csrf: csrfFrom(home.body), title: 'Network 2026', scope: 'network', templateId, form: 'short', closesOn: '' });
    expect(opened.statusCode).toBe(303);
    const roundUrl = opened.headers.location ?? '';
    const roundId = roundUrl.split('/').at(-1) ?? '';
    const codes = await printInvitationCodes(database.context, { staffId: adminId, grants: [{ role: 'assessment_coordinator', orgId }] }, { roundId, orgId, count: 5, language: 'es' });
    for (const code of codes) await submitAnswers(database.context, { code, progress: completeProgress(defaultTemplate, 'short', 2, 'volunteers') });

    const roundPage = await browser.get(roundUrl);
    const shared = await app.inject({
      method: 'POST',
      url: `${roundUrl}/organisations/${orgId}/share`,
      headers: { cookie: browser.cookie ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrfFrom(roundPage.body))}&domains=policy&domains=culture`,
    });
    expect(shared.statusCode).toBe(303);

    const boundary = 'toolkitboundary';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = [
      part('_csrf', csrfFrom(roundPage.body)),
      part('domainKey', 'policy'),
      part('kind', 'document'),
      part('title', 'Code of conduct, 2025 edition'),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="code-of-conduct.txt"\r\nContent-Type: text/plain\r\n\r\nEveryone signs this code.\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const attached = await app.inject({ method: 'POST', url: `${roundUrl}/organisations/${orgId}/evidence`, headers: { cookie: browser.cookie ?? '', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(attached.statusCode).toBe(303);
    const withEvidence = await browser.get(roundUrl);
    expect(withEvidence.body).toContain('Code of conduct, 2025 edition');
    const evidenceUrl = /href="(\/toolkit\/evidence\/[0-9a-f-]{36})"/.exec(withEvidence.body)?.[1] ?? '';
    const file = await browser.get(evidenceUrl);
    expect(file.body).toBe('Everyone signs this code.');
    const noToken = await app.inject({ method: 'POST', url: `${roundUrl}/organisations/${orgId}/evidence`, headers: { cookie: browser.cookie ?? '', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body.replace(part('_csrf', csrfFrom(roundPage.body)), '') });
    expect(noToken.statusCode).toBe(403);

    await browser.post(`${roundUrl}/close`, { _csrf: csrfFrom(withEvidence.body), confirm: 'yes' });
    const network = await browser.get(`${roundUrl}/network`);
    expect(network.statusCode).toBe(200);
    expect(network.body).toContain('<svg');
    expect(network.body).toContain('Not shared');
    const csv = await browser.get(`${roundUrl}/network.csv`);
    expect(csv.body).toMatch(/organisation,Policy and code of conduct,Coastal Care,,5,/);
    expect(csv.body).toMatch(/organisation,Programmes,Coastal Care,,,,,,,,,,Not shared/);
    const pdf = await browser.get(`${roundUrl}/network.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets an admin copy the default template, edit a question in both languages, and publish it', async () => {
    const browser = admin.browser;
    const list = await browser.get('/toolkit/templates');
    expect(list.statusCode).toBe(200);
    const builtIn = /href="\/toolkit\/templates\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    const page = await browser.get(`/toolkit/templates/${builtIn}`);
    expect(page.body).toContain('This template ships with Redress');
    const copied = await browser.post(`/toolkit/templates/${builtIn}/copy`, { _csrf: csrfFrom(page.body), name: 'Coastal audit' });
    expect(copied.statusCode).toBe(303);
    const copyUrl = copied.headers.location ?? '';
    const editForm = await browser.get(`${copyUrl}/questions/policy.policy-known`);
    expect(editForm.statusCode).toBe(200);
    expect(editForm.body).toContain('Sé dónde encontrar nuestro código de conducta');
    const refused = await browser.post(`${copyUrl}/questions/policy.policy-known`, { _csrf: csrfFrom(editForm.body), text_en: '', text_es: 'Solo en español', kind: 'agreement' });
    expect(refused.statusCode).toBe(400);
    const saved = await browser.post(`${copyUrl}/questions/policy.policy-known`, { _csrf: csrfFrom(editForm.body), text_en: 'I can find our code of conduct.', text_es: 'Encuentro nuestro código de conducta.', kind: 'agreement', short: 'yes' });
    expect(saved.statusCode).toBe(303);
    const published = await browser.post(`${copyUrl}/publish`, { _csrf: csrfFrom(editForm.body) });
    expect(published.statusCode).toBe(303);
    const after = await browser.get(`${copyUrl}?lang=es`);
    expect(after.body).toContain('Encuentro nuestro código de conducta.');
    const frozen = await browser.post(`${copyUrl}/questions/policy.policy-known/remove`, { _csrf: csrfFrom(after.body) });
    expect(frozen.statusCode).toBe(409);
  });

  it('answers bad input with clear messages and never a server error', async () => {
    const browser = admin.browser;
    for (const url of ['/toolkit/rounds/not-a-round', '/toolkit/rounds/00000000-0000-4000-8000-000000000000', '/toolkit/actions/nope', '/toolkit/templates/zzz', '/toolkit/answer/%3Cscript%3E', '/toolkit/progress/123']) {
      expect((await browser.get(url)).statusCode, url).toBe(404);
    }
    const start = await browserFor(app).post('/toolkit/answer', { code: 'ABCD-EFGH-JKMN-PQRS' });
    expect(start.statusCode).toBe(404);
    expect(start.body).toContain('This invitation is not valid');
    const resume = await browserFor(app).post('/toolkit/resume', { resume: 'nothing' });
    expect(resume.statusCode).toBe(404);
    expect(resume.body).toContain('This resume code is not valid');
    const home = await browser.get('/toolkit');
    const refused = await browser.post('/toolkit/rounds', { _csrf: csrfFrom(home.body), title: '', scope: 'elsewhere', templateId: 'x', form: 'medium' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Please correct the following');
  });
});
