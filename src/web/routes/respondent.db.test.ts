import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { CaseState } from '../../core/procedures/index.ts';
import { reporterThread } from '../../storage/caseQueries.ts';
import { cases, respondentAccess } from '../../storage/schema/index.ts';
import type { Context } from '../../usecases/context.ts';
import { caseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, cookieBrowser, inputValue, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { formalCaseForRespondent, noticeText, type RespondentTeam } from '../../../tests/support/respondentFixtures.ts';
import { csrfFrom } from '../../../tests/support/webApp.ts';
import { buildApp, type App } from '../app.ts';
import { loggablePath } from '../logging.ts';

const PLANTED = 'Marisoleum';

/** A multipart/form-data body as a browser without JavaScript sends it. */
function multipart(parts: ({ name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer })[]) {
  const boundary = `----respondent${crypto.randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      'content' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`,
    ),
    'content' in part ? part.content : Buffer.from(part.value),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeStorage('the respondent’s portal and its staff side over HTTP', (use) => {
  let database: TestDatabase;
  let app: App;
  let dataDir: string;
  let orgId: string;
  let team: RespondentTeam;
  let staffBrowser: CookieBrowser;
  let now = new Date(Date.UTC(2026, 3, 6, 9));
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const context = (): Context => ({ ...database.context, clock: () => now });
  /** Every page a respondent or adviser was shown, to check at the end that the reporter's side never appeared. */
  const portalPages: string[] = [];

  beforeAll(async () => {
    database = use();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-respondent-web-'));
    app = await buildApp({ config: loadConfig({ REDRESS_DATA_DIR: dataDir }), context: { ...database.context, clock: () => now }, logger: false });
    await app.ready();
    orgId = await addOrganisation(database.db, { slug: 'estuary-collective', name: 'Estuary Collective', languages: ['en', 'es'] });
    team = {
      handler: await caseStaff(database, { name: 'Nkechi Lindqvist', grants: [{ role: 'handler', orgId }], now }),
      secondHandler: await caseStaff(database, { name: 'Paulo Ferreira', grants: [{ role: 'handler', orgId }], now }),
      investigator: await caseStaff(database, { name: 'Saoirse Okonjo', grants: [{ role: 'investigator', orgId }], now }),
    };
  });
  // The clock moves on between tests (a staff session idles out over days), so each test signs in afresh.
  beforeEach(async () => {
    later(60_000);
    staffBrowser = await signInStaff(app, team.handler, now);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const notifiedCase = () => formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });

  async function invite(caseId: string, form: Record<string, string>) {
    const panel = await staffBrowser.get(`/cases/${caseId}/respondent`);
    expect(panel.statusCode).toBe(200);
    return staffBrowser.post(`/cases/${caseId}/respondent-invitations`, { _csrf: csrfFrom(panel.body), ...form });
  }

  async function invitationOf(caseId: string, kind = 'respondent', language = 'en', days = '30') {
    const made = await invite(caseId, { kind, language, days });
    expect(made.statusCode).toBe(200);
    const link = /data-respondent-link[^>]*>([^<]+)</.exec(made.body)?.[1] ?? '';
    const code = /data-respondent-code[^>]*>([^<]+)</.exec(made.body)?.[1] ?? '';
    return { path: new URL(link).pathname, code };
  }

  async function portal(browser: CookieBrowser, url = '/respond/case') {
    const page = await browser.get(url);
    portalPages.push(page.body);
    return page;
  }

  async function signedInRespondent(caseId: string, kind = 'respondent'): Promise<CookieBrowser> {
    const { path: link, code } = await invitationOf(caseId, kind);
    const browser = cookieBrowser(app);
    portalPages.push((await browser.get(link)).body);
    const opened = await browser.post(link, { code });
    expect(opened.statusCode).toBe(303);
    return browser;
  }

  async function postPortal(browser: CookieBrowser, form: string, fields: Record<string, string | string[]>) {
    const page = await portal(browser);
    const response = await browser.post(`/respond/case/${form}`, { formToken: inputValue(page.body, 'formToken'), ...fields });
    portalPages.push(response.body);
    return response;
  }

  async function stateOf(caseId: string): Promise<CaseState> {
    const [row] = await database.db.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId));
    return row?.state as CaseState;
  }

  it('refuses an invitation without the reporter’s consent, and bad input, with a message and nothing stored', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: false, notice: false });
    const panel = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    expect(panel.body).toContain("without the reporter's consent or an approved safety exception");
    const refused = await invite(reported.id, { kind: 'respondent', language: 'en', days: '30' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('An invitation cannot be made now');
    const noDays = await invite(reported.id, { kind: 'respondent', language: 'en', days: '0' });
    expect(noDays.statusCode).toBe(400);
    expect(noDays.body).toContain('Please give a whole number of days within the range shown.');
    const badKind = await invite(reported.id, { kind: 'reporter', language: 'tlh', days: 'soon' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain('Please choose one of the options shown.');
    expect(await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, reported.id))).toEqual([]);
    const message = await staffBrowser.post(`/cases/${reported.id}/respondent-messages`, { _csrf: csrfFrom(panel.body), text: 'Hello' });
    expect(message.statusCode).toBe(409);
    expect(message.body).toContain('You cannot write to the respondent now');
  });

  it('opens the portal in the invitation’s language with the link and the code; wrong codes are counted and waited for', async () => {
    const reported = await notifiedCase();
    const { path: link, code } = await invitationOf(reported.id, 'respondent', 'es');
    expect(loggablePath(link)).toBe('/respond/[secret]');
    expect(loggablePath('/respond/case/files/abc')).toBe('/respond/case/files/abc');
    const browser = cookieBrowser(app);
    const form = await browser.get(link);
    portalPages.push(form.body);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Introduzca su código de acceso');
    expect(form.body).not.toContain('<script');
    const wrong = await browser.post(link, { code: '0000-0000-0000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Puede intentarlo 4 vez o veces más');
    expect((await browser.post(link, { code })).statusCode).toBe(429);
    const malformed = await browser.post(link, { code: 'abc' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('doce letras y cifras');
    const [counted] = await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, reported.id));
    expect(counted?.failedAttempts).toBe(1);
    later(6_000);
    const opened = await browser.post(link, { code: code.toLowerCase() });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/respond/case');
    expect(opened.headers['set-cookie']).toMatch(/redress_respondent=[^;]+; Path=\/respond; HttpOnly; SameSite=Strict/);
    const page = await portal(browser);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sus derechos');
    expect(page.body).toContain('Se presume que usted no es responsable');
    expect(page.body).toContain(noticeText.slice(0, 60));
    expect(page.body).toContain('Responder a la notificación');
    expect(page.body).not.toContain('<script');
    expect((await portal(browser, '/respond/case?lang=en')).body).toContain('Your rights');
    // Without the cookie the portal says the session ended, and nothing else.
    const stranger = await cookieBrowser(app).get('/respond/case');
    expect(stranger.statusCode).toBe(401);
    expect(stranger.body).toContain('Open your invitation link again');
  });

  it('takes a response, evidence and an appeal through the engine; refusals and bad input change nothing', async () => {
    const reported = await notifiedCase();
    const browser = await signedInRespondent(reported.id);
    later(60_000);
    const empty = await postPortal(browser, 'respond', { statement: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Please write something here.');

    const page = await portal(browser);
    const token = inputValue(page.body, 'formToken');
    const first = await browser.post('/respond/case/respond', { formToken: token, statement: 'I was at the other venue all afternoon.' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/respond/case?done=respond');
    const again = await browser.post('/respond/case/respond', { formToken: token, statement: 'I was at the other venue all afternoon.' });
    expect(again.headers.location).toBe('/respond/case?done=repeated');
    expect((await stateOf(reported.id)).responses).toHaveLength(1);
    const forged = await browser.post('/respond/case/respond', { formToken: `${token.slice(0, -3)}AAA`, statement: 'Forged.' });
    expect(forged.statusCode).toBe(403);

    const before = await stateOf(reported.id);
    const noGrounds = await postPortal(browser, 'appeal', { statement: 'I appeal.' });
    expect(noGrounds.statusCode).toBe(400);
    expect(noGrounds.body).toContain('Please choose at least one ground.');
    expect((await postPortal(browser, 'appeal', { grounds: 'becauseISaySo', statement: 'I appeal.' })).statusCode).toBe(400);
    const early = await postPortal(browser, 'appeal', { grounds: ['newEvidence', 'proceduralIrregularity'], statement: 'I appeal.' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('This could not be done, and nothing was changed: An appeal is possible only after the written outcome.');
    expect(await stateOf(reported.id)).toEqual(before);

    const note = Buffer.from('Timetable of the afternoon sessions, room B.\n');
    const withFile = await portal(browser);
    const { payload, contentType } = multipart([
      { name: 'formToken', value: inputValue(withFile.body, 'formToken') },
      { name: 'kind', value: 'document' },
      { name: 'statement', value: 'The afternoon timetable.' },
      { name: 'files', fileName: 'timetable.txt', type: 'text/plain', content: note },
    ]);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const sent = await app.inject({ method: 'POST', url: '/respond/case/evidence', headers: { 'content-type': contentType, cookie }, payload });
    expect(sent.statusCode).toBe(303);
    const listed = await portal(browser, String(sent.headers.location));
    expect(listed.body).toContain('Your evidence was added.');
    const fileId = /href="\/respond\/case\/files\/([0-9a-f-]{36})"/.exec(listed.body)?.[1] ?? '';
    const download = await browser.get(`/respond/case/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(note);
    const staffPanel = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    expect(staffPanel.body).toContain('timetable.txt');
    const staffDownload = await staffBrowser.get(`/cases/${reported.id}/respondent-files/${fileId}`);
    expect(staffDownload.rawPayload).toEqual(note);
    expect((await browser.get(`/respond/case/files/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const badKind = await postPortal(browser, 'evidence', { kind: 'rumour', statement: 'Kept as typed.' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain('Please choose one of the options shown.');
    expect(badKind.body).toContain('Kept as typed.</textarea>');
  });

  it('keeps the two threads apart, and nothing of the reporter’s side ever reaches a portal page', async () => {
    const reported = await notifiedCase();
    const browser = await signedInRespondent(reported.id);
    later(60_000);
    const panel = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    const sent = await staffBrowser.post(`/cases/${reported.id}/respondent-messages`, { _csrf: csrfFrom(panel.body), text: 'We have received your response.' });
    expect(sent.statusCode).toBe(303);
    const empty = await staffBrowser.post(`/cases/${reported.id}/respondent-messages`, { _csrf: csrfFrom(panel.body), text: '' });
    expect(empty.statusCode).toBe(400);
    expect((await postPortal(browser, 'message', { text: 'Thank you. Ulvenhart' })).statusCode).toBe(303);
    const page = await portal(browser);
    expect(page.body).toContain('We have received your response.');
    expect(page.body).toContain('Thank you. Ulvenhart');
    const staffSide = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    expect(staffSide.body).toContain('Thank you. Ulvenhart');
    expect(staffSide.body).not.toContain(PLANTED);
    const reporterSide = await reporterThread(database.db, reported.id);
    expect(reporterSide).toHaveLength(1);
    expect(reporterSide[0]?.thread).toBe('reporter');
  });

  it('answers a revoked or expired invitation with a clear page and changes nothing', async () => {
    const reported = await notifiedCase();
    const browser = await signedInRespondent(reported.id);
    const [access] = await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, reported.id));
    const panel = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    const revoked = await staffBrowser.post(`/cases/${reported.id}/respondent-invitations/${access?.id ?? ''}/revoke`, { _csrf: csrfFrom(panel.body) });
    expect(revoked.statusCode).toBe(303);
    const ended = await portal(browser);
    expect(ended.statusCode).toBe(401);
    expect((await staffBrowser.post(`/cases/${reported.id}/respondent-invitations/${crypto.randomUUID()}/revoke`, { _csrf: csrfFrom(panel.body) })).statusCode).toBe(404);

    const { path: link, code } = await invitationOf(reported.id, 'respondent', 'en', '1');
    later(2 * 86_400_000);
    const before = await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, reported.id));
    const expiredPage = await cookieBrowser(app).get(link);
    expect(expiredPage.statusCode).toBe(410);
    expect(expiredPage.body).toContain('This invitation has expired.');
    expect(expiredPage.body).toContain('Nothing in the case was changed.');
    const expiredPost = await cookieBrowser(app).post(link, { code });
    expect(expiredPost.statusCode).toBe(410);
    expect(await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, reported.id))).toEqual(before);
    const unknown = await cookieBrowser(app).get(`/respond/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This invitation link is not known.');
    portalPages.push(expiredPage.body, expiredPost.body, unknown.body);
  });

  it('lets the named adviser read and write, but not act for the respondent', async () => {
    const reported = await notifiedCase();
    const respondent = await signedInRespondent(reported.id);
    later(60_000);
    expect((await invite(reported.id, { kind: 'adviser', language: 'en', days: '30' })).statusCode).toBe(409);
    expect((await postPortal(respondent, 'adviser', { adviser: 'Bartholomew Osei, staff union' })).statusCode).toBe(303);
    const adviser = await signedInRespondent(reported.id, 'adviser');
    const page = await portal(adviser);
    expect(page.body).toContain("as the respondent's adviser");
    expect(page.body).not.toContain('Send my response');
    expect(page.body).toContain(noticeText.slice(0, 60));
    const before = await stateOf(reported.id);
    const acted = await postPortal(adviser, 'respond', { statement: 'On behalf of my client.' });
    expect(acted.statusCode).toBe(403);
    expect(acted.body).toContain('only the respondent can take this step');
    expect(await stateOf(reported.id)).toEqual(before);
    expect((await postPortal(adviser, 'message', { text: 'I will attend the interview.' })).statusCode).toBe(303);
    const staffSide = await staffBrowser.get(`/cases/${reported.id}/respondent`);
    expect(staffSide.body).toMatch(/<strong>Adviser<\/strong>/);
    expect((await portal(respondent)).body).toContain('I will attend the interview.');
  });

  it('never showed the planted word of the reporter’s side on any portal page', () => {
    expect(portalPages.length).toBeGreaterThan(20);
    for (const page of portalPages) expect(page).not.toContain(PLANTED);
  });
});
