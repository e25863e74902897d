import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportedCase } from '../../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../../tests/support/databases.ts';
import { addOrganisation, addStaff, signInStaff, type CookieBrowser, type StaffFixture } from '../../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../../tests/support/webApp.ts';
import { procedureDefinitionSchema, templates } from '../../../core/procedures/index.ts';
import { formalInvestigation } from '../../../core/procedures/templates/index.ts';
import { translator } from '../../../i18n/index.ts';
import { queryRows } from '../../../storage/database.ts';
import { cases, procedureDefinitions } from '../../../storage/schema/index.ts';
import type { App } from '../../app.ts';
import { apiErrorSchema } from '../../openapi.ts';
import { servedRoutes } from '../../../../tests/support/routes.ts';
import { actionResultSchema, availableActionsSchema, caseFileSchema, inboxSchema, replyResultSchema } from './caseSchemas.ts';

type Answer = { status: number; json: Record<string, unknown>; headers: Record<string, unknown> };

/** A staff member's API client: their session cookie, and the form token when asked to send it. */
function apiClient(app: App, browser: CookieBrowser) {
  const cookie = () => [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const answer = (response: Awaited<ReturnType<App['inject']>>): Answer => ({ status: response.statusCode, json: response.json(), headers: response.headers });
  let token = '';
  return {
    async get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
      return answer(await app.inject({ method: 'GET', url, headers: { cookie: cookie(), ...headers } }));
    },
    async csrf(): Promise<string> {
      token ||= String((await this.get('/api/v1/session')).json.csrfToken);
      return token;
    },
    /** POSTs JSON with the form token; `raw` sends the body as given, `headers` override. */
    async post(url: string, body: unknown, options: { raw?: string; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Answer> {
      const headers = { cookie: cookie(), 'content-type': 'application/json', ...(options.csrf === false ? {} : { 'x-csrf-token': await this.csrf() }), ...options.headers };
      return answer(await app.inject({ method: 'POST', url, headers, payload: options.raw ?? JSON.stringify(body) }));
    },
  };
}
type ApiClient = ReturnType<typeof apiClient>;

/** Everything a refused request could have touched on a case, to show it changed nothing. */
async function caseSnapshot(database: TestDatabase, caseId: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  const counts = await queryRows<{ documents: number; messages: number; keys: number; events: number; outbox: number }>(
    database.db,
    sql`select (select count(*)::int from case_documents where case_id = ${caseId}) as documents,
               (select count(*)::int from case_messages where case_id = ${caseId}) as messages,
               (select count(*)::int from case_keys where case_id = ${caseId}) as keys,
               (select count(*)::int from case_events where case_id = ${caseId}) as events,
               (select count(*)::int from outbox) as outbox`,
  );
  return { row, counts: counts[0] };
}

describeStorage('the case-handling JSON API', (use) => {
  let app: App;
  let database: TestDatabase;
  let orgId: string;
  let hana: StaffFixture;
  let kofi: StaffFixture;
  let lior: StaffFixture;
  let hanaApi: ApiClient;
  let kofiApi: ApiClient;
  let liorApi: ApiClient;

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    orgId = await addOrganisation(database.db, { slug: 'riverbend-aid', name: 'Riverbend Aid' });
    const otherOrgId = await addOrganisation(database.db, { slug: 'hillside-trust', name: 'Hillside Trust' });
    hana = await addStaff(database, { name: 'Hana Ito', email: 'hana.ito@example.org', grants: [{ role: 'handler', orgId }] });
    kofi = await addStaff(database, { name: 'Kofi Mensah', email: 'kofi.mensah@example.org', grants: [{ role: 'handler', orgId }] });
    lior = await addStaff(database, { name: 'Lior Ben-Ami', email: 'lior.ben-ami@example.org', grants: [{ role: 'handler', orgId: otherOrgId }] });
    const now = new Date();
    hanaApi = apiClient(app, await signInStaff(app, hana, now));
    kofiApi = apiClient(app, await signInStaff(app, kofi, now));
    liorApi = apiClient(app, await signInStaff(app, lior, now));
  });
  afterAll(async () => {
    await app.close();
  });

  async function newCase(account = 'An invented account: the coordinator shouted at me in the storeroom.') {
    return reportedCase(database.db, { orgId, holders: [hana, kofi], account, path: 'formal' });
  }

  /** Declares no conflict and joins the team, as a handler does on first opening a case. */
  async function takeOn(client: ApiClient, caseId: string, staffId: string) {
    expect((await client.post(`/api/v1/cases/${caseId}/actions`, { type: 'declareNoConflict' })).status).toBe(200);
    expect((await client.post(`/api/v1/cases/${caseId}/actions`, { type: 'assign', staffId, as: 'handler' })).status).toBe(200);
  }

  describe('the OpenAPI document', () => {
    it('is served to anyone as JSON, and describes every /api/v1 route Fastify serves, each with its answers', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      const document = response.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security: unknown[] }>> };
      expect(document.openapi).toBe('3.1.0');
      const served = servedRoutes(app).filter((route) => route.split(' ')[1]?.startsWith('/api/v1/'));
      expect(served.length).toBeGreaterThanOrEqual(8);
      const described = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
      expect(described).toEqual(expect.arrayContaining(served));
      for (const route of served) {
        const [method = '', path = ''] = route.split(' ');
        const operation = document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
        expect(Object.keys(operation?.responses ?? {}).some((status) => status.startsWith('2'))).toBe(true);
        expect(operation?.security).toEqual(method === 'POST' ? [{ session: [], csrf: [] }] : [{ session: [] }]);
      }
    });
  });

  describe('signing in and the form token', () => {
    it('answers 401 in the one error shape to a caller without a session, on every route', async () => {
      for (const url of ['/api/v1/cases', '/api/v1/session', '/api/v1/procedures', `/api/v1/cases/${crypto.randomUUID()}`]) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(401);
        expect(apiErrorSchema.parse(response.json()).error.code).toBe('SIGN_IN_REQUIRED');
        expect(response.headers['content-type']).toContain('application/json');
      }
    });

    it('gives the signed-in member their form token, and refuses a POST without it, with a wrong one, or from another site, changing nothing', async () => {
      const reported = await newCase();
      const session = await hanaApi.get('/api/v1/session');
      expect(session.status).toBe(200);
      expect(session.json).toMatchObject({ staffId: hana.id, name: 'Hana Ito' });
      const before = await caseSnapshot(database, reported.id);
      const url = `/api/v1/cases/${reported.id}/actions`;
      const refusals = [
        await hanaApi.post(url, { type: 'declareNoConflict' }, { csrf: false }),
        await hanaApi.post(url, { type: 'declareNoConflict' }, { headers: { 'x-csrf-token': 'not-the-token' } }),
        await hanaApi.post(url, { type: 'declareNoConflict' }, { headers: { origin: 'https://elsewhere.example' } }),
        await hanaApi.post(`/api/v1/cases/${reported.id}/messages`, { text: 'Hello' }, { csrf: false }),
        // The token of another session is no good either.
        await hanaApi.post(url, { type: 'declareNoConflict' }, { headers: { 'x-csrf-token': await kofiApi.csrf() } }),
      ];
      for (const refused of refusals) {
        expect(refused.status).toBe(403);
        expect(apiErrorSchema.parse(refused.json).error.code).toBe('CSRF_INVALID');
      }
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });
  });

  describe('the inbox', () => {
    it('lists the cases the member holds, filtered as the inbox page filters, and not to anyone else', async () => {
      const reported = await newCase();
      const inbox = await hanaApi.get('/api/v1/cases');
      expect(inbox.status).toBe(200);
      const page = inboxSchema.parse(inbox.json);
      expect(page.cases.map((entry) => entry.id)).toContain(reported.id);
      expect(page.cases.find((entry) => entry.id === reported.id)).toMatchObject({ orgId, orgName: 'Riverbend Aid', path: 'formal' });
      expect(inbox.json.cases).not.toContain('storeroom');
      expect(inboxSchema.parse((await hanaApi.get('/api/v1/cases?status=closed')).json).cases.map((entry) => entry.id)).not.toContain(reported.id);
      expect(inboxSchema.parse((await liorApi.get('/api/v1/cases')).json).cases.map((entry) => entry.id)).not.toContain(reported.id);
    });

    it('answers 400 naming the filter it cannot read', async () => {
      for (const query of ['status=bogus', 'after=yesterday', 'overdue=maybe']) {
        const refused = await hanaApi.get(`/api/v1/cases?${query}`);
        expect(refused.status).toBe(400);
        const { error } = apiErrorSchema.parse(refused.json);
        expect(error.code).toBe('BAD_INPUT');
        expect(JSON.stringify(error.details)).toContain(query.split('=')[0]);
      }
    });
  });

  describe('a case file', () => {
    it('shows only the unsealed facts until the member declares no conflict, then the whole file', async () => {
      const reported = await newCase();
      const cover = await hanaApi.get(`/api/v1/cases/${reported.id}`);
      expect(cover.status).toBe(200);
      expect(caseFileSchema.parse(cover.json)).toMatchObject({ declared: false, id: reported.id, status: 'submitted' });
      expect(JSON.stringify(cover.json)).not.toContain('storeroom');

      await takeOn(hanaApi, reported.id, hana.id);
      expect((await hanaApi.post(`/api/v1/cases/${reported.id}/messages`, { text: 'Thank you for telling us; we have read your report.' })).status).toBe(201);
      const opened = await hanaApi.get(`/api/v1/cases/${reported.id}`);
      expect(opened.status).toBe(200);
      const file = caseFileSchema.parse(opened.json);
      if (!file.declared) throw new Error('expected the whole file');
      expect(file.answers.account).toBe('An invented account: the coordinator shouted at me in the storeroom.');
      expect(file.messages.map((message) => message.text)).toEqual(['Thank you for telling us; we have read your report.']);
      // A reply is not the acknowledgement: the status follows the procedure's steps alone.
      expect(file.status).toBe('submitted');
      expect(file.handling).toMatchObject({ procedure: { id: 'formal-investigation' }, team: [{ staffId: hana.id, role: 'handler' }] });
      expect(file.deadlines.length).toBeGreaterThan(0);
      expect(file.history.map((entry) => entry.action.type)).toEqual(['declareNoConflict', 'assign']);
      expect(file.people[hana.id]).toBe('Hana Ito');
      const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${reported.id} order by seq`);
      expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['case.conflict-declaration-shown', 'case.viewed', 'case.message-sent']));
    });

    it('answers a forbidden case exactly like a missing one, on every case route', async () => {
      const reported = await newCase();
      const missing = crypto.randomUUID();
      const pairs: [string, string, unknown][] = [
        ['GET', '', undefined],
        ['GET', '/actions', undefined],
        ['POST', '/actions', { type: 'declareNoConflict' }],
        ['POST', '/messages', { text: 'Are you safe to talk this week?' }],
      ];
      const before = await caseSnapshot(database, reported.id);
      for (const [method, suffix, body] of pairs) {
        const ask = (id: string) => (method === 'GET' ? liorApi.get(`/api/v1/cases/${id}${suffix}`) : liorApi.post(`/api/v1/cases/${id}${suffix}`, body));
        const forbidden = await ask(reported.id);
        const unknown = await ask(missing);
        const malformed = await ask('not-a-case');
        expect(forbidden.status).toBe(404);
        expect(forbidden.json).toEqual(unknown.json);
        expect(malformed).toMatchObject({ status: 404, json: unknown.json });
        expect(apiErrorSchema.parse(forbidden.json).error.code).toBe('NOT_FOUND');
      }
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });

    it('answers a colleague found to be conflicted exactly like a stranger to the case', async () => {
      const reported = await newCase();
      await takeOn(hanaApi, reported.id, hana.id);
      const recorded = await hanaApi.post(`/api/v1/cases/${reported.id}/actions`, { type: 'recordConflict', staffId: kofi.id, basis: 'relatedToParty', reason: 'Shares a flat with the respondent' });
      expect(recorded.status).toBe(200);
      const missing = await kofiApi.get(`/api/v1/cases/${crypto.randomUUID()}`);
      for (const suffix of ['', '/actions']) {
        expect(await kofiApi.get(`/api/v1/cases/${reported.id}${suffix}`)).toMatchObject({ status: 404, json: missing.json });
      }
      expect(inboxSchema.parse((await kofiApi.get('/api/v1/cases')).json).cases.map((entry) => entry.id)).not.toContain(reported.id);
    });
  });

  describe('actions', () => {
    it('lists what the member can do now, and takes an action, answering where the case stands', async () => {
      const reported = await newCase();
      const first = availableActionsSchema.parse((await hanaApi.get(`/api/v1/cases/${reported.id}/actions`)).json);
      expect(first.actions.map((action) => action.type)).toContain('declareNoConflict');
      expect(first.actions.map((action) => action.type)).not.toContain('decide');

      await takeOn(hanaApi, reported.id, hana.id);
      const offered = availableActionsSchema.parse((await hanaApi.get(`/api/v1/cases/${reported.id}/actions`)).json);
      expect(offered.actions).toContainEqual({ type: 'acknowledge', target: expect.any(String) });
      expect(offered.assignable.handler).toContain(kofi.id);
      expect(offered.people[kofi.id]).toBe('Kofi Mensah');

      const taken = await hanaApi.post(`/api/v1/cases/${reported.id}/actions`, { type: 'addMeasure', for: 'reporter', kind: 'supportive', descriptionRef: 'A quieter desk away from the storeroom' });
      expect(taken.status).toBe(200);
      const result = actionResultSchema.parse(taken.json);
      expect(result.action).toMatchObject({ type: 'addMeasure', descriptionRef: expect.stringMatching(/^doc:/) });
      expect(result.handling.team).toEqual([expect.objectContaining({ staffId: hana.id, role: 'handler' })]);
      expect(JSON.stringify(taken.json)).not.toContain('quieter desk');
      const file = caseFileSchema.parse((await hanaApi.get(`/api/v1/cases/${reported.id}`)).json);
      if (!file.declared || result.action.type !== 'addMeasure') throw new Error('expected the whole file');
      expect(file.documents[result.action.descriptionRef]).toMatchObject({ text: 'A quieter desk away from the storeroom' });
    });

    it('answers 409 with the engine’s reason, in the member’s language, and changes nothing', async () => {
      const reported = await newCase();
      await takeOn(hanaApi, reported.id, hana.id);
      const before = await caseSnapshot(database, reported.id);
      const decide = { type: 'decide', outcome: 'responsible', standardOfEvidence: 'preponderanceOfEvidence', reasonsRef: 'Decided far too early', sanctions: [], remedies: [] };
      const refused = await hanaApi.post(`/api/v1/cases/${reported.id}/actions`, decide);
      expect(refused.status).toBe(409);
      const { error } = apiErrorSchema.parse(refused.json);
      expect(error.code).toBe('CASE_ACTION_REFUSED');
      expect(error.reason).toMatch(/^[A-Z_]+$/);
      expect(error.message).toBe(translator('en')(`procedures.refusals.${error.reason}`, error.details ?? {}));
      const spanish = await hanaApi.post(`/api/v1/cases/${reported.id}/actions?lang=es`, decide);
      expect(apiErrorSchema.parse(spanish.json).error).toMatchObject({ reason: error.reason, message: translator('es')(`procedures.refusals.${error.reason}`, error.details ?? {}) });
      // The same action twice: the second is refused as already done.
      const twice = await hanaApi.post(`/api/v1/cases/${reported.id}/actions`, { type: 'declareNoConflict' });
      expect(twice.status).toBe(409);
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });

    it('answers 400 to a body it cannot read or that the action schema refuses, and changes nothing', async () => {
      const reported = await newCase();
      await takeOn(hanaApi, reported.id, hana.id);
      const before = await caseSnapshot(database, reported.id);
      const url = `/api/v1/cases/${reported.id}/actions`;
      const refusals = [
        await hanaApi.post(url, undefined, { raw: '{"type": "acknowledge",' }),
        await hanaApi.post(url, undefined, { raw: '' }),
        await hanaApi.post(url, undefined, { raw: 'type=acknowledge', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        await hanaApi.post(url, { type: 'triage', priority: 'extreme', retaliationRisk: 'low' }),
        await hanaApi.post(url, { type: 'launchRocket' }),
        await hanaApi.post(url, { type: 'skipStep', step: 'notice', reason: 'no' }),
        await hanaApi.post(url, { type: 'acknowledge', sneaky: true }),
        await hanaApi.post(url, ['acknowledge']),
      ];
      for (const refused of refusals) {
        expect(refused.status).toBe(400);
        expect(apiErrorSchema.parse(refused.json).error.code).toBe('BAD_INPUT');
      }
      expect(JSON.stringify(refusals[3]?.json)).toContain('priority');
      expect((await hanaApi.post(url, undefined, { raw: '{"type":"acknowledge"}', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
      const notJson = await hanaApi.post(url, undefined, { raw: '<type>acknowledge</type>', headers: { 'content-type': 'application/xml' } });
      expect(notJson.status).toBe(415);
      expect(apiErrorSchema.parse(notJson.json).error.code).toBe('BAD_INPUT');
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });

    it('never answers 500 whatever JSON arrives, and a refused body never changes the case', async () => {
      const reported = await newCase();
      await takeOn(hanaApi, reported.id, hana.id);
      const before = await caseSnapshot(database, reported.id);
      // Only actions that would be refused: anything accepted would rightly change the case.
      const body = fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('decide', 'triage', 'extendDeadline', 'changePath', 'fileAppeal'), detail: fc.jsonValue() }));
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const answer = await hanaApi.post(`/api/v1/cases/${reported.id}/actions`, value);
          expect([400, 409]).toContain(answer.status);
          expect(apiErrorSchema.safeParse(answer.json).success).toBe(true);
        }),
        { numRuns: 25 },
      );
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });
  });

  describe('replying to the reporter', () => {
    it('sends a message, and refuses an empty one with the field at fault', async () => {
      const reported = await newCase();
      await takeOn(kofiApi, reported.id, kofi.id);
      const sent = await kofiApi.post(`/api/v1/cases/${reported.id}/messages`, { text: 'We would like to talk with you this week.' });
      expect(sent.status).toBe(201);
      expect(replyResultSchema.parse(sent.json)).toEqual({ sent: true });
      const before = await caseSnapshot(database, reported.id);
      for (const body of [{ text: '   ' }, { text: '' }, {}, { text: 42 }]) {
        const refused = await kofiApi.post(`/api/v1/cases/${reported.id}/messages`, body);
        expect(refused.status).toBe(400);
        expect(apiErrorSchema.parse(refused.json).error).toMatchObject({ code: 'BAD_INPUT', details: { where: 'body' } });
      }
      expect(await caseSnapshot(database, reported.id)).toEqual(before);
    });
  });

  describe('procedures', () => {
    it('lists the shipped templates and the stored versions, and reads one; an unknown or unreadable one is not found', async () => {
      const adapted = { ...formalInvestigation, id: 'riverbend-formal', version: 3 };
      await database.db.insert(procedureDefinitions).values([
        { id: adapted.id, version: adapted.version, path: adapted.path, orgId, definition: adapted },
        { id: 'broken-copy', version: 1, path: 'formal', orgId, definition: { steps: 'none' } },
      ]);
      const list = await hanaApi.get('/api/v1/procedures');
      expect(list.status).toBe(200);
      const listed = list.json.procedures as { id: string; version: number; origin: string; orgId: string | null }[];
      expect(listed.filter((entry) => entry.origin === 'template').map((entry) => `${entry.id}@${entry.version}`)).toEqual(
        templates.map((template) => `${template.id}@${template.version}`),
      );
      expect(listed.filter((entry) => entry.origin === 'stored')).toEqual([expect.objectContaining({ id: 'riverbend-formal', version: 3, orgId })]);
      const formal = await hanaApi.get('/api/v1/procedures/formal-investigation/1');
      expect(formal.status).toBe(200);
      expect(procedureDefinitionSchema.parse(formal.json).id).toBe('formal-investigation');
      const stored = await hanaApi.get('/api/v1/procedures/riverbend-formal/3');
      expect(stored.status).toBe(200);
      expect(procedureDefinitionSchema.parse(stored.json)).toMatchObject({ id: 'riverbend-formal', version: 3 });
      for (const url of ['/api/v1/procedures/broken-copy/1', '/api/v1/procedures/formal-investigation/999', '/api/v1/procedures/no-such-thing/1', '/api/v1/procedures/formal-investigation/first']) {
        const missing = await hanaApi.get(url);
        expect(missing.status).toBe(404);
        expect(apiErrorSchema.parse(missing.json).error.code).toBe('NOT_FOUND');
      }
    });
  });
});
