import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { EscrowApiError } from '../../../client/escrow/escrowApi.ts';
import { IdentifiersRefused, placeAllegation, readConfiguration, sealAllegation } from '../../../client/escrow/placeAllegation.ts';
import { randomBytes } from '../../../core/crypto/bytes.ts';
import { blindInputs, generateServerKey } from '../../../core/escrow/oprf.ts';
import { parseReporterToken } from '../../../core/escrow/reporterToken.ts';
import { solvePow } from '../../../core/intake/receiptGuard.ts';
import { isAppError } from '../../../core/errors.ts';
import { queryRows } from '../../../storage/database.ts';
import { tagCounts } from '../../../storage/escrow/entryStore.ts';
import { describeStorage, type TestDatabase } from '../../../../tests/support/databases.ts';
import { escrowClient, escrowCounts, issueInvitation, useTemporaryEscrowKeys, type EscrowClient } from '../../../../tests/support/escrowFixtures.ts';
import { addStaff, cookieBrowser, inputValue, signInStaff, type CookieBrowser } from '../../../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../../../tests/support/webApp.ts';
import type { App } from '../../app.ts';

const respondent = {
  // One invented person, written the way two different reporters might.
  firstSpelling: 'Dario.Invented@Example.org',
  secondSpelling: '  dario.invented@example.ORG ',
  phone: '+44 20 7946 0958',
};

describeStorage('allegation escrow through its JSON API and pages', (use) => {
  let app: App;
  let database: TestDatabase;
  let keys: ReturnType<typeof useTemporaryEscrowKeys>;
  let counsellor: CookieBrowser;
  let client: EscrowClient;
  const receipts: string[] = [];

  beforeAll(async () => {
    keys = useTemporaryEscrowKeys();
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    const imani = await addStaff(database, { name: 'Imani Njeri', email: 'imani.njeri@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    await addStaff(database, { name: 'Tomás Ruiz', email: 'tomas.ruiz@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    counsellor = await signInStaff(app, imani, new Date());
    client = escrowClient(app);
  });
  afterAll(async () => {
    await app.close();
    keys.remove();
  });

  async function reporterToken(): Promise<string> {
    return client.api.redeemInvitation(await issueInvitation(counsellor));
  }

  async function place(token: string, identifiers: Parameters<typeof placeAllegation>[0]['identifiers'], account: string, evidence: Parameters<typeof placeAllegation>[0]['evidence'] = []) {
    return placeAllegation({ api: client.api, configuration: await client.configuration(), token, identifiers, account, evidence });
  }

  async function statusOf(receipt: string) {
    const challenge = await client.api.challenge();
    return client.api.status({ receipt, challenge: challenge.challenge, pow: solvePow(challenge.challenge, challenge.difficulty) });
  }

  async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof EscrowApiError) return { code: error.code, status: error.status };
      if (isAppError(error)) return { code: error.code, status: error.status };
      throw error;
    }
    throw new Error('expected a refusal');
  }

  it('publishes the pinned key, the threshold and the counsellors, keeping the secrets in a 0600 file outside the database', async () => {
    const published = await client.api.configuration();
    expect(published.threshold).toBe(2);
    expect(published.counsellors).toHaveLength(2);
    expect((await client.publicKey()).length).toBe(32);
    expect(fs.statSync(keys.file).mode & 0o777).toBe(0o600);
    const secret = JSON.parse(fs.readFileSync(keys.file, 'utf8')).oprfSecretKey as string;
    const dump = await queryRows<{ text: string }>(database.db, sql`select string_agg(value::text, ' ') as text from settings`);
    expect(dump[0]?.text ?? '').not.toContain(secret);
  });

  it('two reporters naming one person differently match once; the counsellor reads both, each reporter sees the match', async () => {
    const first = await place(await reporterToken(), [{ kind: 'email', text: respondent.firstSpelling }, { kind: 'phone', text: respondent.phone }], 'Dario kept me late and would not let me leave the office.');
    expect(first.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect((await statusOf(first.receipt)).status).toBe('not_matched');
    const beforeMatch = await counsellor.get('/escrow/matches');
    expect(beforeMatch.body).not.toContain('data-escrow-new-matches');

    const evidence = { name: 'messages.txt', type: 'text/plain', bytes: new TextEncoder().encode('Invented messages kept as evidence.') };
    const second = await place(await reporterToken(), [{ kind: 'email', text: respondent.secondSpelling }], 'At the retreat he cornered me in the corridor.', [evidence]);
    receipts.push(first.receipt, second.receipt);

    const counts = await escrowCounts(database.db);
    expect(counts.escrow_matches).toBe(1);
    expect(counts.escrow_entries).toBe(3);
    expect(counts.escrow_sealed_shares).toBe(6);
    const [match] = await queryRows<{ tag: Uint8Array }>(database.db, sql`select tag from escrow_matches`);
    expect([...(await tagCounts(database.db, [new Uint8Array(match?.tag ?? []), randomBytes(32)])).values()]).toEqual([2]);

    const listing = await counsellor.get('/escrow/matches');
    expect(listing.body).toContain('data-escrow-new-matches="1"');
    const matchPath = /href="(\/escrow\/matches\/[0-9a-f-]{36})"/.exec(listing.body)?.[1] ?? '';
    const opened = await counsellor.get(matchPath);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Dario kept me late and would not let me leave the office.');
    expect(opened.body).toContain('At the retreat he cornered me in the corridor.');
    expect(opened.body.match(/data-escrow-entry[=>\s]/g)).toHaveLength(2);
    const evidencePath = /href="(\/escrow\/matches\/[^"]+\/evidence\/[^"]+)"/.exec(opened.body)?.[1] ?? '';
    const download = await counsellor.get(evidencePath);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Invented messages kept as evidence.');
    expect(download.headers['content-disposition']).toContain('messages.txt');

    const reads = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where action like 'escrow.%' order by seq`);
    expect(reads.map((row) => row.action)).toEqual(expect.arrayContaining(['escrow.match-found', 'escrow.match-opened', 'escrow.evidence-read']));
    expect((await counsellor.get('/escrow/matches')).body).not.toContain('data-escrow-new-matches');

    expect((await statusOf(first.receipt)).status).toBe('matched');
    expect((await statusOf(second.receipt)).status).toBe('matched');
  });

  it('shows the match on the reporter’s follow-up page and makes the report when they choose to go on', async () => {
    const reporter = cookieBrowser(app);
    const form = await reporter.get('/escrow/follow-up');
    const challenge = inputValue(form.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(form.body)?.[1]);
    const status = await reporter.post('/escrow/follow-up', { challenge, pow: solvePow(challenge, difficulty), receipt: receipts[1] ?? '' });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('data-escrow-state="matched"');
    const decided = await reporter.post('/escrow/follow-up/decision', {
      allegation: inputValue(status.body, 'allegation'),
      formToken: inputValue(status.body, 'formToken'),
      decision: 'proceed',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.body).toContain('data-escrow-report-receipt');
    expect(decided.body).toContain('href="/follow-up?lang=en"');
    const matchPath = /href="(\/escrow\/matches\/[0-9a-f-]{36})"/.exec((await counsellor.get('/escrow/matches')).body)?.[1] ?? '';
    const opened = await counsellor.get(matchPath);
    expect(opened.body).toContain('go on to a report');
    expect(opened.body).toMatch(/href="\/cases\/[0-9a-f-]{36}"/);
  });

  it('keeps an unmatched entry out of everyone’s reach, and answers an unknown match like any unknown page', async () => {
    const lone = await place(await reporterToken(), [{ kind: 'name_and_organisation', name: 'Wendell Imaginary', organisation: 'Nowhere Trust' }], 'Only one person has named him.');
    expect((await statusOf(lone.receipt)).status).toBe('not_matched');
    expect((await escrowCounts(database.db)).escrow_matches).toBe(1);
    expect((await counsellor.get('/escrow/matches/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await counsellor.get('/escrow/matches/not-an-id')).statusCode).toBe(404);
    const outsider = cookieBrowser(app);
    expect((await outsider.get('/escrow/matches')).statusCode).toBe(303);
  });

  it('refuses malformed identifiers in the client: nothing is sent, nothing stored', async () => {
    const token = await reporterToken();
    const before = await escrowCounts(database.db);
    const attempt = place(token, [{ kind: 'email', text: 'dario@@example.org' }, { kind: 'phone', text: '020 7946 0958' }, { kind: 'profile_url', text: 'https://x.com/home' }], 'An account.');
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdentifiersRefused);
    expect((error as IdentifiersRefused).refusals.map((refusal) => refusal.problem)).toEqual(['email_malformed', 'phone_needs_country', 'url_not_profile']);
    expect(await escrowCounts(database.db)).toEqual(before);
  });

  it('refuses a server that answers with another key: nothing is placed', async () => {
    const token = await reporterToken();
    const before = await escrowCounts(database.db);
    const published = await client.api.configuration();
    const otherKey = generateServerKey().publicKey;
    expect(() => readConfiguration(published, otherKey)).toThrow(expect.objectContaining({ code: 'ESCROW_PROOF_INVALID' }));
    // A server that publishes one key and evaluates with another fails the proof.
    const configuration = { ...(await client.configuration()), publicKey: otherKey };
    const placed = placeAllegation({ api: client.api, configuration, token, identifiers: [{ kind: 'email', text: respondent.firstSpelling }], account: 'An account.', evidence: [] });
    expect(await refusal(placed)).toEqual({ code: 'ESCROW_PROOF_INVALID', status: 502 });
    const after = await escrowCounts(database.db);
    expect({ ...after, escrow_evaluations: before.escrow_evaluations }).toEqual(before);
  });

  it('refuses a replayed evaluation request and stores nothing for it', async () => {
    const token = await reporterToken();
    const [request] = blindInputs([new TextEncoder().encode('replayed identifier')]);
    if (!request) throw new Error('no request');
    await client.api.evaluate(token, [request.blinded]);
    const before = await escrowCounts(database.db);
    expect(await refusal(client.api.evaluate(token, [request.blinded]))).toEqual({ code: 'ESCROW_OPRF_REPLAYED', status: 409 });
    expect(await refusal(client.api.evaluate(await reporterToken(), [request.blinded]))).toEqual({ code: 'ESCROW_OPRF_REPLAYED', status: 409 });
    const after = await escrowCounts(database.db);
    expect({ ...after, escrow_reporters: before.escrow_reporters }).toEqual(before);
  });

  it('limits evaluations per token: the seventeenth in a day is refused with a retry time', async () => {
    const token = await reporterToken();
    const batch = () => blindInputs(Array.from({ length: 8 }, (_, index) => new TextEncoder().encode(`candidate ${index}`))).map((request) => request.blinded);
    await client.api.evaluate(token, batch());
    await client.api.evaluate(token, batch());
    const before = await escrowCounts(database.db);
    const response = await app.inject({ method: 'POST', url: '/api/escrow/evaluations', payload: { token, blinded: [batch()[0]].map((element) => Buffer.from(element ?? []).toString('base64url')) } });
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('RATE_LIMITED');
    expect(response.json().error.params.seconds).toBeGreaterThan(80_000);
    expect(await escrowCounts(database.db)).toEqual(before);
  });

  it('answers malformed requests with clear errors and stores nothing', async () => {
    const token = await reporterToken();
    const before = await escrowCounts(database.db);
    const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
    const cases: [string, unknown, number, string][] = [
      ['/api/escrow/evaluations', { token, blinded: ['A'.repeat(43)] }, 400, 'ESCROW_OPRF_REQUEST_INVALID'],
      ['/api/escrow/evaluations', { token, blinded: ['not base64!'] }, 400, 'ESCROW_OPRF_REQUEST_INVALID'],
      ['/api/escrow/evaluations', { token, blinded: [] }, 400, 'ESCROW_OPRF_REQUEST_INVALID'],
      ['/api/escrow/evaluations', { token: 'x'.repeat(43), blinded: ['AAAA'] }, 401, 'ESCROW_TOKEN_INVALID'],
      ['/api/escrow/evaluations', { token: 42 }, 400, 'BAD_INPUT'],
      ['/api/escrow/reporters/invitation', { code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789' }, 401, 'ESCROW_TOKEN_INVALID'],
      ['/api/escrow/reporters/email-code', { email: 'someone@example.org' }, 409, 'ESCROW_EMAIL_NOT_OFFERED'],
      ['/api/escrow/allegations', { token, entries: [{ tag: 'AAAA', ciphertext: 'AAAA', sealedForCounsellors: [] }] }, 400, 'ESCROW_ENTRY_INVALID'],
      ['/api/escrow/allegations', { token, entries: [] }, 400, 'ESCROW_ENTRY_INVALID'],
      ['/api/escrow/status', { receipt: '1234', challenge: 'forged', pow: '' }, 400, 'RECEIPT_CHALLENGE_INVALID'],
    ];
    for (const [url, payload, status, code] of cases) {
      const response = await post(url, payload);
      expect({ url, status: response.statusCode, code: response.json().error?.code }).toEqual({ url, status, code });
      expect(response.json().error.message).toMatch(/\w/);
    }
    expect(await escrowCounts(database.db)).toEqual(before);
  });

  it('refuses entries sealed to the wrong counsellors, more entries than evaluations, and naming one person twice', async () => {
    const token = await reporterToken();
    const configuration = await client.configuration();
    const before = await escrowCounts(database.db);
    const oneCounsellor = { ...configuration, counsellors: configuration.counsellors.slice(0, 1) };
    const wrongCounsellors = placeAllegation({ api: client.api, configuration: oneCounsellor, token, identifiers: [{ kind: 'email', text: 'someone.else@example.org' }], account: 'An account.', evidence: [] });
    expect(await refusal(wrongCounsellors)).toEqual({ code: 'ESCROW_COUNSELLORS_CHANGED', status: 409 });
    const evaluated = await escrowCounts(database.db);
    expect({ ...evaluated, escrow_evaluations: before.escrow_evaluations }).toEqual(before);

    // Entries whose tags no evaluation ever answered: more entries than this token's evaluations.
    const fresh = await reporterToken();
    const parsedToken = parseReporterToken(fresh);
    if (!parsedToken) throw new Error('token did not parse');
    const unevaluated = sealAllegation(configuration, parsedToken, [randomBytes(64), randomBytes(64)], 'Tags made up without the server.', []);
    const beforeMadeUp = await escrowCounts(database.db);
    expect(await refusal(client.api.place(fresh, unevaluated.records, undefined))).toEqual({ code: 'ESCROW_ENTRY_INVALID', status: 400 });
    expect(await escrowCounts(database.db)).toEqual(beforeMadeUp);

    const placed = await place(token, [{ kind: 'email', text: 'someone.else@example.org' }], 'A first account.');
    expect(placed.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const afterFirst = await escrowCounts(database.db);
    const again = place(token, [{ kind: 'email', text: 'Someone.Else@example.org' }], 'The same person again.');
    expect(await refusal(again)).toEqual({ code: 'ESCROW_ALREADY_NAMED', status: 409 });
    const afterSecond = await escrowCounts(database.db);
    expect({ ...afterSecond, escrow_evaluations: afterFirst.escrow_evaluations }).toEqual(afterFirst);
  });

  it('refuses a malformed or unknown receipt, and a decision before any match', async () => {
    expect(await refusal(statusOf('1234 5678'))).toEqual({ code: 'RECEIPT_MALFORMED', status: 400 });
    expect(await refusal(statusOf('0000 0000 0000 0001'))).toEqual({ code: 'RECEIPT_UNKNOWN', status: 401 });
    const lone = await place(await reporterToken(), [{ kind: 'email', text: 'nobody.else@example.net' }], 'Nobody else named him.');
    const challenge = await client.api.challenge();
    const decision = client.api.decide({ receipt: lone.receipt, challenge: challenge.challenge, pow: solvePow(challenge.challenge, challenge.difficulty), decision: 'proceed' });
    expect(await refusal(decision)).toEqual({ code: 'ESCROW_DECISION_UNAVAILABLE', status: 409 });
  });

  it('serves the escrow page with the pinned key, and explains it needs JavaScript', async () => {
    const page = await cookieBrowser(app).get('/escrow');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-public-key="${(await client.api.configuration()).publicKey}"`);
    expect(page.body).toContain('data-escrow-no-script');
    expect(page.body).toContain('src="/assets/escrow.js"');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const bundle = await app.inject({ method: 'GET', url: '/assets/escrow.js' });
    expect(bundle.statusCode).toBe(200);
  });
});
