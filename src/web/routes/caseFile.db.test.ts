import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, signInStaff, type CookieBrowser } from '../../../tests/support/intakeFixtures.ts';
import { csrfFrom, setUpNetwork, testApp } from '../../../tests/support/webApp.ts';
import type { App } from '../app.ts';

describeStorage('redaction and case file pages', (use) => {
  let app: App;
  let database: TestDatabase;
  let amara: CaseStaff;
  let outsider: CaseStaff;
  let handler: CookieBrowser;
  let caseId = '';
  const account = 'Jonas Berg locked me in the workshop after the evening class.';

  beforeAll(async () => {
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    const orgId = await addOrganisation(database.db, { slug: 'northgate-college', name: 'Northgate College' });
    const otherOrg = await addOrganisation(database.db, { slug: 'southgate-college', name: 'Southgate College' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    outsider = await caseStaff(database, { name: 'Odile Laurent', grants: [{ role: 'handler', orgId: otherOrg }] });
    caseId = (await reportedCase(database.db, { orgId, holders: [amara], account })).id;
    handler = await signInStaff(app, amara, new Date());
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows each answer to redact, explains a refused edit beside the answer, and saves a version', async () => {
    const page = await handler.get(`/cases/${caseId}/redactions/investigator`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Share this answer');
    expect(page.body).toContain(account);
    const _csrf = csrfFrom(page.body);

    const refused = await handler.post(`/cases/${caseId}/redactions/investigator`, { _csrf, title: 'For the investigator', include_account: 'yes', text_account: 'Jonas Berg locked me in the workshop after the evening class again.' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('This text is not in the original answer');
    expect(refused.body).toContain('after the evening class again.');

    const saved = await handler.post(`/cases/${caseId}/redactions/investigator`, { _csrf, title: 'For the investigator', include_account: 'yes', text_account: '██████████ locked me in the workshop after the evening class.' });
    expect(saved.statusCode).toBe(303);
    const after = await handler.get(saved.headers.location ?? '');
    expect(after.body).toContain('The redacted version was saved.');
    expect(after.body).toContain('Version 1: “For the investigator”');

    const spanish = await handler.get(`/cases/${caseId}/redactions/respondent?lang=es`);
    expect(spanish.body).toContain('Compartir esta respuesta');
  });

  it('sends the case file as a PDF, and answers an unknown version, audience or case, or a case of another organisation, as bad input or not found', async () => {
    const pdf = await handler.get(`/cases/${caseId}/export.pdf?version=investigator`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="case-\d+-investigator\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await handler.get(`/cases/${caseId}/export.pdf?version=respondent`)).statusCode).toBe(409);
    expect((await handler.get(`/cases/${caseId}/export.pdf?version=everything`)).statusCode).toBe(400);
    expect((await handler.get(`/cases/${caseId}/redactions/colleagues`)).statusCode).toBe(404);
    expect((await handler.get('/cases/00000000-0000-4000-8000-000000000000/export.pdf?version=full')).statusCode).toBe(404);
    const stranger = await signInStaff(app, outsider, new Date());
    expect((await stranger.get(`/cases/${caseId}/export.pdf?version=full`)).statusCode).toBe(404);
    expect((await stranger.get(`/cases/${caseId}/redactions/investigator`)).statusCode).toBe(404);
  });
});
