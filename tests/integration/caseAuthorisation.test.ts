/**
 * The authorisation matrix of case handling: every case route Redress serves × every relation a
 * person can have to a case — assigned to it, in the same organisation but not on it, in
 * another organisation, conflicted, a network admin holding only an emergency copy, the
 * network's auditor, the reporter, the respondent. Each answer is either "allowed" (the route
 * does its work, or refuses the input) or "denied", and a denial must be indistinguishable from
 * asking about a case that does not exist: same status, same headers that matter, same body
 * (with the ids swapped). New case routes are picked up from Fastify's route tree, so a route
 * added later is covered or the test fails until it is classified. Everyone here is invented.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, type CaseStaff } from '../support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../support/databases.ts';
import { addOrganisation, cookieBrowser, signInStaff, type CookieBrowser } from '../support/intakeFixtures.ts';
import { formalCaseForRespondent, staffActs } from '../support/respondentFixtures.ts';
import { servedRoutes } from '../support/routes.ts';
import { csrfFrom, setUpNetwork, testApp, type EnrolledAdmin } from '../support/webApp.ts';
import { wrapForStaff } from '../../src/core/intake/caseCrypto.ts';
import { caseKeys, cases, staff } from '../../src/storage/schema/index.ts';
import { startReporterSession } from '../../src/usecases/intake/reporterSessions.ts';
import { inviteRespondent } from '../../src/usecases/respondent/inviteRespondent.ts';
import { signInAsRespondent } from '../../src/usecases/respondent/signInAsRespondent.ts';
import type { App } from '../../src/web/app.ts';
import { eq } from 'drizzle-orm';

type Relation = 'assigned' | 'sameOrganisation' | 'otherOrganisation' | 'conflicted' | 'emergencyHolder' | 'auditor' | 'reporter' | 'respondent';
type Verdict = 'allow' | 'deny';

/** Routes that concern one case, by the place of its id or number in the path. */
const caseRoute = /^(GET|POST|PUT|DELETE|PATCH) \/(cases\/:id|api\/v1\/cases\/:id|audit\/cases\/:ref)(\/|$)/;

/**
 * Routes about something inside the case (a file, an invitation, a link, a running break-glass):
 * with nothing of the kind there, "not found" is the right answer for everyone, so only the
 * denials are compared on them.
 */
const subResource = /:(attachmentId|accessId)\b|\/links\/remove$|\/break-glass\/end$/;

function expected(route: string, relation: Relation): Verdict {
  // The audit trail: the network's auditors and admins (metadata only, never content).
  if (route.includes('/audit/cases/')) return relation === 'auditor' || relation === 'emergencyHolder' ? 'allow' : 'deny';
  if (/\/break-glass(\/|$)/.test(route)) return relation === 'emergencyHolder' || relation === 'assigned' ? 'allow' : 'deny';
  return relation === 'assigned' ? 'allow' : 'deny';
}

type Answer = { status: number; location: string; contentType: string; body: string };

describeStorage('who may reach a case, route by route', (use) => {
  let app: App;
  let database: TestDatabase;
  let admin: EnrolledAdmin;
  let caseId: string;
  let caseRef: number;
  const clients = new Map<Relation, { get(url: string): Promise<Answer>; post(url: string, api: boolean): Promise<Answer> }>();

  function answer(response: Awaited<ReturnType<App['inject']>>): Answer {
    return { status: response.statusCode, location: String(response.headers.location ?? ''), contentType: String(response.headers['content-type'] ?? ''), body: response.body };
  }

  /** A signed-in staff member's client: form posts carry `_csrf`, API posts the header. */
  function staffClient(browser: CookieBrowser, csrf: string) {
    const cookie = () => [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return {
      get: async (url: string) => answer(await app.inject({ method: 'GET', url, headers: { cookie: cookie() } })),
      post: async (url: string, api: boolean) =>
        answer(
          api
            ? await app.inject({ method: 'POST', url, headers: { cookie: cookie(), 'content-type': 'application/json', 'x-csrf-token': csrf }, payload: '{}' })
            : await app.inject({ method: 'POST', url, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` }),
        ),
    };
  }

  /** Someone who is not staff: only their own cookie. */
  function cookieClient(cookie: string) {
    return {
      get: async (url: string) => answer(await app.inject({ method: 'GET', url, headers: { cookie } })),
      post: async (url: string, api: boolean) =>
        answer(await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': api ? 'application/json' : 'application/x-www-form-urlencoded' }, payload: api ? '{}' : 'x=1' })),
    };
  }

  async function signedIn(person: CaseStaff | EnrolledAdmin): Promise<{ get: (url: string) => Promise<Answer>; post: (url: string, api: boolean) => Promise<Answer> }> {
    const browser = 'member' in person ? await signInStaff(app, person, new Date()) : cookieBrowser(app);
    if (!('member' in person)) {
      const [name = '', value = ''] = (person.browser.cookie ?? '').split('=');
      browser.cookies.set(name, value);
    }
    const page = await browser.get('/account');
    return staffClient(browser, csrfFrom(page.body));
  }

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    admin = await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'meadow-alliance', name: 'Meadow Alliance' });
    const otherOrgId = await addOrganisation(database.db, { slug: 'canyon-circle', name: 'Canyon Circle' });
    const handler = await caseStaff(database, { name: 'Ayodele Bankole', grants: [{ role: 'handler', orgId }] });
    const secondHandler = await caseStaff(database, { name: 'Birgit Lindqvist', grants: [{ role: 'handler', orgId }] });
    const investigator = await caseStaff(database, { name: 'Caetano Brandão', grants: [{ role: 'investigator', orgId }] });
    const colleague = await caseStaff(database, { name: 'Dagny Holm', grants: [{ role: 'handler', orgId }, { role: 'investigator', orgId }] });
    const outsider = await caseStaff(database, { name: 'Emeka Nwosu', grants: [{ role: 'handler', orgId: otherOrgId }, { role: 'admin', orgId: otherOrgId }] });
    const conflicted = await caseStaff(database, { name: 'Farah Siddiqui', grants: [{ role: 'handler', orgId }] });
    const auditor = await caseStaff(database, { name: 'Gideon Mwale', grants: [{ role: 'auditor', orgId: null }] });

    const context = database.context;
    const reported = await formalCaseForRespondent(context, { orgId, team: { handler, secondHandler, investigator }, planted: 'Quillfeather', consent: true, notice: true });
    caseId = reported.id;
    caseRef = (await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, caseId)))[0]?.ref ?? 0;
    // The conflicted colleague held a key, and the network admin an emergency copy, as intake gives them.
    const keyFor = async (staffId: string, holder: 'staff' | 'emergency') => {
      const [row] = await database.db.select({ publicKey: staff.publicKey }).from(staff).where(eq(staff.id, staffId));
      if (!row) throw new Error('no such staff member');
      await database.db.insert(caseKeys).values({ caseId, holder, staffId, wrappedKey: wrapForStaff(row.publicKey, reported.caseKey, caseId, staffId), createdAt: new Date() });
    };
    await keyFor(conflicted.id, 'staff');
    const [networkAdmin] = await database.db.select({ id: staff.id }).from(staff).where(eq(staff.email, admin.email));
    if (!networkAdmin) throw new Error('no network admin');
    await keyFor(networkAdmin.id, 'emergency');
    await staffActs(context, handler, caseId, { type: 'recordConflict', staffId: conflicted.id, basis: 'relatedToParty', reason: 'is the respondent’s sister' });

    const invited = await inviteRespondent(context, handler.member, caseId, { kind: 'respondent', language: 'en', days: 30 });
    if (!invited.ok) throw new Error(`invitation refused: ${JSON.stringify(invited.problem)}`);
    const respondentSignIn = await signInAsRespondent(context, { token: invited.invitation.path.split('/').at(-1), code: invited.invitation.code });
    if (respondentSignIn.kind !== 'signed-in') throw new Error('the respondent could not sign in');
    const reporterSession = await startReporterSession(database.db, { caseId, caseKey: reported.caseKey, now: new Date() });

    clients.set('assigned', await signedIn(handler));
    clients.set('sameOrganisation', await signedIn(colleague));
    clients.set('otherOrganisation', await signedIn(outsider));
    clients.set('conflicted', await signedIn(conflicted));
    clients.set('emergencyHolder', await signedIn(admin));
    clients.set('auditor', await signedIn(auditor));
    clients.set('reporter', cookieClient(`redress_reporter=${reporterSession.token}`));
    clients.set('respondent', cookieClient(`redress_respondent=${respondentSignIn.token}`));
  });
  afterAll(async () => {
    await app.close();
  });

  function urlFor(route: string, id: string, ref: number): string {
    return route
      .replace(/^\S+ /, '')
      .replace(':id', id)
      .replace(':ref', String(ref))
      .replace(':audience', 'investigator')
      .replace(/export\.pdf$/, 'export.pdf?version=full')
      .replace(/:(attachmentId|accessId)/, '00000000-0000-4000-8000-000000000000');
  }

  /** The same answer, once the ids of the real and the unknown case are made the same. */
  function normalised(value: Answer, id: string, ref: number): Answer {
    const swap = (text: string) => text.split(id).join('<case>').split(`/audit/cases/${ref}`).join('/audit/cases/<ref>').split(`#${ref}`).join('#<ref>');
    return { ...value, location: swap(value.location), body: swap(value.body) };
  }

  it('covers every case route, and classifies each relation to each as the policy says', async () => {
    const routes = servedRoutes(app).filter((route) => caseRoute.test(route));
    expect(routes.length).toBeGreaterThan(15);
    const unknownId = crypto.randomUUID();
    const unknownRef = 987_654_321;
    const wrong: string[] = [];
    for (const route of routes) {
      const method = route.split(' ')[0] ?? 'GET';
      const api = route.includes('/api/');
      for (const [relation, client] of clients) {
        const verdict = expected(route, relation);
        const ask = (id: string, ref: number) => (method === 'GET' ? client.get(urlFor(route, id, ref)) : client.post(urlFor(route, id, ref), api));
        const real = await ask(caseId, caseRef);
        const unknown = await ask(unknownId, unknownRef);
        const same = JSON.stringify(normalised(real, caseId, caseRef)) === JSON.stringify(normalised(unknown, unknownId, unknownRef));
        if (verdict === 'deny' && !same) wrong.push(`${route} as ${relation}: denied differently from an unknown case (${real.status} vs ${unknown.status})`);
        // Bad input is refused before anything is looked up, for a real and an unknown case alike; allowed means not turned away.
        if (verdict === 'allow' && !subResource.test(route) && (real.status === 404 || real.status === 403 || real.location.includes('/sign-in'))) {
          wrong.push(`${route} as ${relation}: refused (${real.status}) but should be allowed`);
        }
        if (real.status >= 500) wrong.push(`${route} as ${relation}: ${real.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
