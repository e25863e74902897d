import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, signInStaff } from '../../../tests/support/intakeFixtures.ts';
import { formalCaseForRespondent, staffActs, type RespondentTeam } from '../../../tests/support/respondentFixtures.ts';
import { ensureNetwork } from '../../../tests/support/toolkit.ts';
import { csrfFrom, testApp } from '../../../tests/support/webApp.ts';
import { attachmentsFolder } from '../../storage/attachmentFiles.ts';
import { evidenceShares } from '../../storage/schema/index.ts';
import { addCaseEvidence } from '../../usecases/cases/addCaseEvidence.ts';
import { startReporterSession } from '../../usecases/intake/reporterSessions.ts';
import type { App } from '../app.ts';
import { REPORTER_COOKIE } from './reporterChannel.tsx';

describeStorage('the evidence-review form and the reporter’s download', (use) => {
  let database: TestDatabase;
  let app: App;
  let team: RespondentTeam;
  let orgId: string;
  const now = new Date(Date.UTC(2026, 5, 8, 9));

  beforeAll(async () => {
    database = use();
    database.context.clock = () => now;
    app = await testApp(database);
    await ensureNetwork(database);
    orgId = await addOrganisation(database.db, { slug: 'fenland-guild', name: 'Fenland Guild' });
    team = {
      handler: await caseStaff(database, { name: 'Ilse Marangoni', grants: [{ role: 'handler', orgId }], now }),
      secondHandler: await caseStaff(database, { name: 'Tariq Oyelaran', grants: [{ role: 'handler', orgId }], now }),
      investigator: await caseStaff(database, { name: 'Brigid Castellanos', grants: [{ role: 'investigator', orgId }], now }),
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it('shares from the case page, and lets the reporter download only what was shared', async () => {
    const reported = await formalCaseForRespondent(database.context, { orgId, team, planted: 'Thistledown', consent: true, notice: true });
    const folder = attachmentsFolder(app.redress.config.dataDir);
    const content = new Uint8Array(Buffer.from('%PDF-1.4\n% minutes\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    expect(await addCaseEvidence(database.context, team.handler.member, { caseId: reported.id, uploads: [{ name: 'minutes.pdf', content, truncated: false }], folder })).toMatchObject({ ok: true });
    await staffActs(database.context, team.investigator, reported.id, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: 'A steward heard the remark.' });

    const browser = await signInStaff(app, team.handler, now);
    const page = await browser.get(`/cases/${reported.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Evidence for the review');
    const ids = [...page.body.matchAll(/name="items" value="([0-9a-f-]{36})"/g)].map((match) => match[1] ?? '');
    expect(ids).toHaveLength(2);

    // Nothing chosen: a clear error, nothing shared.
    const empty = await browser.post(`/cases/${reported.id}/evidence-review`, { _csrf: csrfFrom(page.body) });
    expect(empty.statusCode).toBe(400);
    expect(await database.db.select().from(evidenceShares).where(eq(evidenceShares.caseId, reported.id))).toHaveLength(0);

    const shared = await browser.post(`/cases/${reported.id}/evidence-review`, { _csrf: csrfFrom(page.body), items: ids });
    expect(shared.statusCode).toBe(303);
    const after = await browser.get(`/cases/${reported.id}`);
    expect(after.body).not.toContain('name="items"');

    // The reporter's page lists both; the file downloads; an unshared id is not found.
    const session = await startReporterSession(database.db, { caseId: reported.id, caseKey: reported.caseKey, now });
    const followUp = await app.inject({ method: 'GET', url: '/follow-up', cookies: { [REPORTER_COOKIE]: session.token } });
    expect(followUp.statusCode).toBe(200);
    expect(followUp.body).toContain('Evidence to review');
    expect(followUp.body).toContain('A steward heard the remark.');
    const link = /href="([^"]*\/follow-up\/evidence\/[0-9a-f-]{36})[^"]*"/.exec(followUp.body)?.[1];
    if (!link) throw new Error('no download link');
    const download = await app.inject({ method: 'GET', url: link, cookies: { [REPORTER_COOKIE]: session.token } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('minutes.pdf');
    const original = await app.inject({ method: 'GET', url: `/follow-up/evidence/${ids[0]}`, cookies: { [REPORTER_COOKIE]: session.token } });
    expect(original.statusCode).toBe(404);
    const signedOut = await app.inject({ method: 'GET', url: link });
    expect(signedOut.statusCode).not.toBe(200);
    expect(fs.existsSync(folder)).toBe(true);
  });
});
