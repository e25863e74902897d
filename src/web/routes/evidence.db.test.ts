import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { solvePow } from '../../core/intake/receiptGuard.ts';
import { queryRows } from '../../storage/database.ts';
import { openDeclared } from '../../../tests/support/caseGate.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, cookieBrowser, inputValue, receiptFrom, signInStaff, type CookieBrowser, type StaffFixture } from '../../../tests/support/intakeFixtures.ts';
import { setUpNetwork } from '../../../tests/support/webApp.ts';
import { buildApp, type App } from '../app.ts';

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; content: Buffer };

/** A multipart/form-data body as a browser without JavaScript sends it. */
function multipartBody(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----redress${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'content' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head), 'content' in part ? part.content : Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postMultipart(app: App, browser: CookieBrowser, url: string, parts: Part[]) {
  const { payload, contentType } = multipartBody(parts);
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return app.inject({ method: 'POST', url, headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) }, payload });
}

/** A photograph as a phone would save it: with the place it was taken in its EXIF. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'InventedPhone', Model: 'Model Z', Artist: 'Ama Owusu' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '5/1 33/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 12/1 0/1' },
    })
    .toBuffer();
}

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describeStorage('evidence files with a report, in follow-up and on the case page', (use) => {
  let app: App;
  let database: TestDatabase;
  let dataDir: string;
  let handler: StaffFixture;
  let orgId: string;
  const attachmentsDir = () => path.join(dataDir, 'attachments');
  // An authenticator code is accepted once, so the handler signs in once for the whole file.
  let handlerBrowser: CookieBrowser | undefined;
  const asHandler = async () => (handlerBrowser ??= await signInStaff(app, handler, new Date()));

  beforeAll(async () => {
    database = use();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-evidence-'));
    app = await buildApp({ config: loadConfig({ REDRESS_DATA_DIR: dataDir }), context: database.context, logger: false });
    await app.ready();
    await setUpNetwork(app, database);
    orgId = await addOrganisation(database.db, { slug: 'harbour-aid', name: 'Harbour Aid' });
    handler = await addStaff(database, { name: 'Nadia Okafor', email: 'nadia.okafor@example.org', grants: [{ role: 'handler', orgId }] });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function reportForm(reporter: CookieBrowser) {
    const form = await reporter.get('/o/harbour-aid/report');
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain('type="file"');
    expect(form.body).toContain('may contain hidden details that identify you');
    return [
      { name: 'formToken', value: inputValue(form.body, 'formToken') },
      { name: 'questionnaire', value: inputValue(form.body, 'questionnaire') },
      { name: 'q_account', value: 'The warehouse manager followed me home twice.' },
      { name: 'q_evidence', value: 'yes' },
      { name: 'path', value: 'not_sure' },
      { name: 'identity', value: 'anonymous' },
      { name: 'intent', value: 'submit' },
    ] satisfies Part[];
  }

  async function caseIdOfLatest(): Promise<string> {
    const [row] = await queryRows<{ id: string }>(database.db, sql`select id from cases order by created_at desc limit 1`);
    if (!row) throw new Error('no case');
    return row.id;
  }

  async function attachmentCount(): Promise<number> {
    return (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from case_attachments`))[0]?.n ?? 0;
  }

  it('removes the place and camera from a photo, records the SHA-256 of what arrived, and audits the handler’s download', async () => {
    const photo = await photoWithGps();
    expect((await exifr.parse(photo, { gps: true }))?.latitude).toBeGreaterThan(5);
    const reporter = cookieBrowser(app);
    const fields = await reportForm(reporter);
    const sent = await postMultipart(app, reporter, '/o/harbour-aid/report', [...fields, { name: 'q_evidenceFiles', fileName: 'street.jpg', type: 'image/jpeg', content: photo }]);
    expect(sent.statusCode).toBe(200);
    expect(receiptFrom(sent.body)).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const caseId = await caseIdOfLatest();

    const staff = await asHandler();
    const page = await openDeclared(staff, caseId);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('street.jpg');
    expect(page.body).toContain(sha256(photo));
    const link = new RegExp(`/cases/${caseId}/attachments/([0-9a-f-]{36})`).exec(page.body);
    const download = await staff.get(link?.[0] ?? '');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain('street.jpg');
    const cleaned = download.rawPayload;
    expect((await sharp(cleaned).metadata()).width).toBe(64);
    expect(await exifr.parse(cleaned, { gps: true, xmp: true, iptc: true, ifd0: {}, exif: true })).toBeUndefined();
    expect(cleaned.includes(Buffer.from('InventedPhone'))).toBe(false);
    const audit = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${caseId} and action = 'case.attachment-downloaded'`);
    expect(audit).toHaveLength(1);
  });

  it('never stores the words of an uploaded text file in the clear, on disk or in the database', async () => {
    const marker = `MARKER-${crypto.randomBytes(12).toString('hex')}`;
    const reporter = cookieBrowser(app);
    const fields = await reportForm(reporter);
    const note = Buffer.from(`What I wrote down that night: ${marker}\n`);
    const sent = await postMultipart(app, reporter, '/o/harbour-aid/report', [...fields, { name: 'q_evidenceFiles', fileName: 'notes.txt', type: 'text/plain', content: note }]);
    expect(sent.statusCode).toBe(200);
    for (const file of filesUnder(dataDir)) expect(fs.readFileSync(file).includes(Buffer.from(marker)), file).toBe(false);
    const tables = await queryRows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    for (const { name } of tables) {
      const [row] = await queryRows<{ found: boolean }>(database.db, sql.raw(`select exists (select 1 from "${name}" t where t::text like '%${marker}%' or encode(convert_to(t::text, 'UTF8'), 'hex') like '%${Buffer.from(marker).toString('hex')}%') as found`));
      expect(row?.found, name).toBe(false);
    }
    expect(sha256(note)).toHaveLength(64);
  });

  it('refuses a file whose name says one type when its bytes are another, and stores nothing', async () => {
    const before = { rows: await attachmentCount(), files: filesUnder(attachmentsDir()).length };
    const cases = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases`))[0]?.n;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#335577' } }).png().toBuffer();
    const reporter = cookieBrowser(app);
    const fields = await reportForm(reporter);
    const refused = await postMultipart(app, reporter, '/o/harbour-aid/report', [...fields, { name: 'q_evidenceFiles', fileName: 'scan.pdf', type: 'application/pdf', content: png }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('“scan.pdf” is not what its name says: it is really a PNG file.');
    // The typed account comes back so nothing the reporter wrote is lost.
    expect(refused.body).toContain('The warehouse manager followed me home twice.');
    expect({ rows: await attachmentCount(), files: filesUnder(attachmentsDir()).length }).toEqual(before);
    expect((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases`))[0]?.n).toBe(cases);
  });

  it('refuses unknown types, files over the size limit and too many files at once, in the reporter’s language', async () => {
    const reporter = cookieBrowser(app);
    const before = await attachmentCount();
    const binary = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]);
    const unknown = await postMultipart(app, reporter, '/o/harbour-aid/report?lang=es', [...(await reportForm(reporter)), { name: 'q_evidenceFiles', fileName: 'data.bin', type: 'application/octet-stream', content: binary }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('«data.bin» no es un tipo de archivo que aceptemos');
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x61);
    const tooLarge = await postMultipart(app, reporter, '/o/harbour-aid/report', [...(await reportForm(reporter)), { name: 'q_evidenceFiles', fileName: 'long.txt', type: 'text/plain', content: big }]);
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('“long.txt” is larger than 20 MB. Nothing was saved.');
    const six = Array.from({ length: 6 }, (_, index) => ({ name: 'q_evidenceFiles', fileName: `page${index}.txt`, type: 'text/plain', content: Buffer.from(`page ${index}`) }));
    const tooMany = await postMultipart(app, reporter, '/o/harbour-aid/report', [...(await reportForm(reporter)), ...six]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('You can send at most 5 files at a time.');
    expect(await attachmentCount()).toBe(before);
  });

  it('lets the reporter add evidence from the follow-up page without JavaScript and shows them its name', async () => {
    const reporter = cookieBrowser(app);
    const fields = await reportForm(reporter);
    const sent = await postMultipart(app, reporter, '/o/harbour-aid/report', fields);
    const receipt = receiptFrom(sent.body);
    const signIn = await reporter.get('/o/harbour-aid/follow-up');
    const challenge = inputValue(signIn.body, 'challenge');
    const difficulty = Number(/data-pow-difficulty="(\d+)"/.exec(signIn.body)?.[1]);
    const inside = await reporter.post('/o/harbour-aid/follow-up', { challenge, pow: solvePow(challenge, difficulty), receipt });
    expect(inside.statusCode).toBe(303);
    const page = await reporter.get('/o/harbour-aid/follow-up');
    expect(page.body).toContain('name="files"');
    const added = await postMultipart(app, reporter, '/o/harbour-aid/follow-up/information', [
      { name: 'formToken', value: inputValue(page.body, 'formToken') },
      { name: 'text', value: '' },
      { name: 'files', fileName: 'timeline.txt', type: 'text/plain', content: Buffer.from('Monday, then Thursday.') },
    ]);
    expect(added.statusCode).toBe(303);
    const after = await reporter.get('/o/harbour-aid/follow-up');
    expect(after.body).toContain('timeline.txt');
  });

  it('opens an old case to a handler appointed later only once a colleague shares it, and audits the sharing', async () => {
    const reporter = cookieBrowser(app);
    await postMultipart(app, reporter, '/o/harbour-aid/report', await reportForm(reporter));
    const caseId = await caseIdOfLatest();
    const newcomer = await addStaff(database, { name: 'Tomás Ibarra', email: 'tomas.ibarra@example.org', grants: [{ role: 'handler', orgId }] });
    const outsider = await addStaff(database, { name: 'Lena Brandt', email: 'lena.brandt@example.org', grants: [{ role: 'editor', orgId }] });
    const later = await signInStaff(app, newcomer, new Date());
    expect((await later.get(`/cases/${caseId}`)).statusCode).toBe(404);

    const staff = await asHandler();
    const page = await openDeclared(staff, caseId);
    expect(page.body).toContain('Tomás Ibarra');
    expect(page.body).not.toContain('Lena Brandt');
    const csrf = inputValue(page.body, '_csrf');
    const refused = await staff.post(`/cases/${caseId}/share`, { _csrf: csrf, colleague: outsider.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('That colleague cannot be given access to this case');
    const shared = await staff.post(`/cases/${caseId}/share`, { _csrf: csrf, colleague: newcomer.id });
    expect(shared.statusCode).toBe(303);
    const opened = await openDeclared(later, caseId);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('The warehouse manager followed me home twice.');
    const audit = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where subject_id = ${caseId} and action = 'case.access-shared'`);
    expect(audit[0]?.n).toBe(1);
  });

  it('lets a handler attach a document to the case with the form token, and refuses it without', async () => {
    const reporter = cookieBrowser(app);
    await postMultipart(app, reporter, '/o/harbour-aid/report', await reportForm(reporter));
    const caseId = await caseIdOfLatest();
    const staff = await asHandler();
    const page = await openDeclared(staff, caseId);
    const letter = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const withoutToken = await postMultipart(app, staff, `/cases/${caseId}/attachments`, [{ name: 'files', fileName: 'letter.pdf', type: 'application/pdf', content: letter }]);
    expect(withoutToken.statusCode).toBe(403);
    const attached = await postMultipart(app, staff, `/cases/${caseId}/attachments`, [
      { name: '_csrf', value: inputValue(page.body, '_csrf') },
      { name: 'files', fileName: 'letter.pdf', type: 'application/pdf', content: letter },
    ]);
    expect(attached.statusCode).toBe(303);
    const after = await staff.get(`/cases/${caseId}?done=evidence`);
    expect(after.body).toContain('letter.pdf');
    expect(after.body).toContain(sha256(letter));
  });
});
