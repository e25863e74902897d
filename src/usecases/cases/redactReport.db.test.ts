import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff, type ReportedCase } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { isAppError } from '../../core/errors.ts';
import { openDocument, openRespondentKey, sealDocument } from '../../core/intake/caseCrypto.ts';
import { translator } from '../../i18n/index.ts';
import { queryRows } from '../../storage/database.ts';
import { caseDocuments, cases } from '../../storage/schema/index.ts';
import { actOnCase } from './actOnCase.ts';
import { exportCasePdf } from './exportCasePdf.ts';
import { lockCase } from '../../storage/caseHandlingStore.ts';
import { latestRedaction, openRedactionEditor, redactReport, reportForViewer, type RedactionInput } from './redactReport.ts';

/** The text drawn on the pages of an uncompressed PDF: pdfkit writes each line as hex strings in a TJ array. */
function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  return [...raw.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)*)\]\s*TJ/g)]
    .map((line) => [...(line[1] ?? '').matchAll(/<([0-9a-f]*)>/g)].map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1')).join(''))
    .join('\n');
}

const refusedWith = (code: string) => (error: unknown) => isAppError(error) && error.code === code;

describeStorage('redacted versions of a report and the case file export', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let chiara: CaseStaff;
  let clock = new Date(Date.UTC(2026, 3, 1, 9));
  const ctx = () => ({ ...database.context, clock: () => clock });
  const later = (minutes: number) => {
    clock = new Date(clock.getTime() + minutes * 60_000);
  };
  const account = 'Dana Whitfield shouted at me in the costume store and blocked the door.';
  const labels = { t: translator('en'), language: 'en' };

  beforeAll(async () => {
    database = use();
    orgId = await addOrganisation(database.db, { slug: 'riverside-theatre', name: 'Riverside Theatre' });
    amara = await caseStaff(database, { name: 'Amara Osei', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Dlamini', grants: [{ role: 'handler', orgId }] });
    chiara = await caseStaff(database, { name: 'Chiara Russo', grants: [{ role: 'investigator', orgId }] });
  });

  async function act(who: CaseStaff, caseId: string, action: Record<string, unknown>) {
    later(1);
    const outcome = await actOnCase(ctx(), who.member, caseId, action);
    if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
  }

  async function newCase(): Promise<ReportedCase> {
    const reported = await reportedCase(database.db, { orgId, holders: [amara, bongani], at: clock, account, identity: { name: 'Noor Haddad', contact: 'noor.haddad@example.org' } });
    await act(amara, reported.id, { type: 'declareNoConflict' });
    await act(amara, reported.id, { type: 'assign', staffId: amara.id, as: 'handler' });
    return reported;
  }

  const blackedOut: RedactionInput = { title: 'For the investigator, no names', includeIdentity: false, choices: { account: { include: true, text: '█ shouted at me in the costume store and [redacted].' } } };

  const redactions = (caseId: string) => database.db.select().from(caseDocuments).where(and(eq(caseDocuments.caseId, caseId), sql`${caseDocuments.kind} like 'redaction.%'`));

  it('keeps each saved version, sealed with the case key, newest first, and audits it without the text', async () => {
    const reported = await newCase();
    const editor = await openRedactionEditor(ctx(), amara.member, reported.id, 'investigator');
    expect(editor.questions.map((entry) => [entry.question.id, entry.answer, entry.editable])).toEqual([['account', account, true]]);
    expect(editor).toMatchObject({ identity: { name: 'Noor Haddad' }, identityAllowed: false, latest: null, versions: [] });

    later(1);
    expect(await redactReport(ctx(), amara.member, reported.id, 'investigator', blackedOut)).toMatchObject({ ok: true, version: 1 });
    later(1);
    expect(await redactReport(ctx(), bongani.member, reported.id, 'investigator', { ...blackedOut, title: 'Second try' })).toMatchObject({ ok: true, version: 2 });
    const rows = await redactions(reported.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.kind === 'redaction.investigator' && row.sealedWith === 'case')).toBe(true);
    for (const row of rows) expect(Buffer.from(row.sealedBody).toString('latin1')).not.toContain('shouted');
    const [first] = rows;
    if (!first) throw new Error('no redaction');
    expect(openDocument(reported.caseKey, reported.id, first.id, first.sealedBody)).toEqual({
      text: 'For the investigator, no names',
      data: { version: 1, answers: [{ key: 'account', answer: '█ shouted at me in the costume store and [redacted].' }], identity: null },
    });
    const [row] = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    if (!row) throw new Error('no case');
    expect(await latestRedaction(database.db, row, reported.caseKey, 'investigator')).toMatchObject({ version: 2, title: 'Second try' });
    const after = await openRedactionEditor(ctx(), amara.member, reported.id, 'investigator');
    expect(after.versions.map((version) => [version.version, version.authorName])).toEqual([
      [2, 'Bongani Dlamini'],
      [1, 'Amara Osei'],
    ]);
    const audits = await queryRows<{ details: string }>(database.db, sql`select details::text as details from audit_log where action = 'case.redaction-saved' and subject_id = ${reported.id}`);
    expect(audits).toHaveLength(2);
    for (const audit of audits) expect(audit.details).not.toContain('shouted');
  });

  it('refuses added words, a silent cut, a missing name and an identity the reporter did not agree to share, and saves nothing', async () => {
    const reported = await newCase();
    const outcome = await redactReport(ctx(), amara.member, reported.id, 'respondent', {
      title: ' ',
      includeIdentity: true,
      choices: { account: { include: true, text: 'Someone shouted at me in the costume store.' } },
    });
    expect(outcome).toEqual({ ok: false, problems: { title: 'required', identity: 'notAllowed', answers: { account: { code: 'notInOriginal', piece: 'Someone shouted at me in the costume store.' } } } });
    const cut = await redactReport(ctx(), amara.member, reported.id, 'respondent', { ...blackedOut, choices: { account: { include: true, text: 'shouted at me in the costume store and blocked the door.' } } });
    expect(cut).toMatchObject({ ok: false, problems: { answers: { account: { code: 'unmarkedCut' } } } });
    expect(await redactions(reported.id)).toEqual([]);
    const [row] = await database.db.select({ key: cases.sealedRespondentKey }).from(cases).where(eq(cases.id, reported.id));
    expect(row?.key).toBeNull();
  });

  it('seals the respondent’s version with the respondent key, with the identity only when the reporter agreed to be named', async () => {
    const reported = await newCase();
    await database.db.update(cases).set({ identityMode: 'named' }).where(eq(cases.id, reported.id));
    later(1);
    const saved = await redactReport(ctx(), amara.member, reported.id, 'respondent', { ...blackedOut, title: 'For the respondent', includeIdentity: true });
    if (!saved.ok) throw new Error('refused');
    const [document] = await redactions(reported.id);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, reported.id));
    if (!document || !row?.sealedRespondentKey) throw new Error('not stored');
    expect(document.sealedWith).toBe('respondent');
    expect(() => openDocument(reported.caseKey, reported.id, document.id, document.sealedBody)).toThrow();
    const respondentKey = openRespondentKey(reported.caseKey, reported.id, row.sealedRespondentKey);
    expect(openDocument(respondentKey, reported.id, document.id, document.sealedBody).data).toMatchObject({ identity: { name: 'Noor Haddad', contact: 'noor.haddad@example.org' } });
  });

  it('gives someone who only investigates the investigator version, and neither the redaction form nor the full export', async () => {
    const reported = await newCase();
    await act(amara, reported.id, { type: 'assign', staffId: chiara.id, as: 'investigator' });
    const view = async (who: CaseStaff) =>
      database.db.transaction(async (tx) => {
        const row = await lockCase(tx, reported.id);
        if (!row) throw new Error('no case');
        return reportForViewer(tx, { row, caseKey: reported.caseKey, staffId: who.id });
      });
    expect(await view(chiara)).toEqual({ answers: { account }, identity: undefined, redacted: false, redactionId: null });
    later(1);
    const saved = await redactReport(ctx(), amara.member, reported.id, 'investigator', blackedOut);
    if (!saved.ok) throw new Error('refused');
    expect(await view(chiara)).toEqual({ answers: { account: '█ shouted at me in the costume store and [redacted].' }, identity: undefined, redacted: true, redactionId: saved.documentId });
    expect(await view(amara)).toMatchObject({ answers: { account }, identity: { name: 'Noor Haddad' }, redacted: false });
    await expect(openRedactionEditor(ctx(), chiara.member, reported.id, 'investigator')).rejects.toSatisfy(refusedWith('CASE_REPORT_REDACTED'));
    await expect(redactReport(ctx(), chiara.member, reported.id, 'investigator', blackedOut)).rejects.toSatisfy(refusedWith('CASE_REPORT_REDACTED'));
    await expect(exportCasePdf(ctx(), chiara.member, reported.id, 'full', labels)).rejects.toSatisfy(refusedWith('CASE_REPORT_REDACTED'));
    const exported = await exportCasePdf(ctx(), chiara.member, reported.id, 'investigator', labels, { compress: false });
    expect(pdfText(exported.bytes)).not.toContain('Whitfield');
  });

  it('exports a case file that honours each version strictly: no redacted word, identity, reason or internal note where it must not be', async () => {
    const reported = await newCase();
    await act(amara, reported.id, { type: 'acknowledge' });
    await act(amara, reported.id, { type: 'assign', staffId: bongani.id, as: 'handler' });
    await act(bongani, reported.id, { type: 'declareNoConflict' });
    await act(amara, reported.id, { type: 'triage', priority: 'high', retaliationRisk: 'high' });
    await act(amara, reported.id, { type: 'giveFeedback', summaryRef: 'FEEDBACK-SUMMARY: we opened an investigation.' });
    await act(amara, reported.id, { type: 'extendDeadline', deadline: 'notice', days: 7, reason: 'EXTENSION-REASON: Dana Whitfield is on leave.' });
    await act(amara, reported.id, { type: 'requestSafetyException', reason: 'SAFETY-REASON: threats to the props team.' });
    await act(bongani, reported.id, { type: 'approveSafetyException' });
    await act(amara, reported.id, { type: 'notifyRespondent', noticeRef: 'NOTICE-TEXT: the allegations and your rights.', contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'] });
    const noteId = crypto.randomUUID();
    await database.db.insert(caseDocuments).values({
      id: noteId,
      caseId: reported.id,
      kind: 'note',
      sealedWith: 'case',
      sealedBody: sealDocument(reported.caseKey, reported.id, noteId, { text: 'INTERNAL-NOTE: Dana Whitfield called twice.' }),
      authorKind: 'staff',
      authorStaffId: amara.id,
      createdAt: clock,
    });
    await expect(exportCasePdf(ctx(), amara.member, reported.id, 'investigator', labels)).rejects.toSatisfy(refusedWith('REDACTION_MISSING'));
    later(1);
    await redactReport(ctx(), amara.member, reported.id, 'investigator', blackedOut);
    await redactReport(ctx(), amara.member, reported.id, 'respondent', { ...blackedOut, title: 'For the respondent' });
    later(1);

    const versions = { full: '', investigator: '', respondent: '' };
    for (const version of ['full', 'investigator', 'respondent'] as const) {
      const exported = await exportCasePdf(ctx(), amara.member, reported.id, version, labels, { compress: false });
      const text = pdfText(exported.bytes);
      // The text on the pages is exactly the text given to pdfkit.
      for (const line of exported.written) expect(text.replace(/\n/g, ' ')).toContain(line.split(/\s+/)[0] ?? '');
      expect(text).toContain('CONFIDENTIAL');
      expect(text).toContain('Page 1 of');
      expect(text).toContain('shouted at me in the costume store');
      expect(text).not.toContain('INTERNAL-NOTE');
      versions[version] = `${text}\n${exported.written.join('\n')}`;
    }
    expect(versions.full).toContain('Whitfield');
    expect(versions.full).toContain('Noor Haddad');
    expect(versions.full).toContain('EXTENSION-REASON');
    expect(versions.full).toContain('FEEDBACK-SUMMARY');
    for (const version of [versions.investigator, versions.respondent]) {
      expect(version).not.toContain('Whitfield');
      expect(version).not.toContain('Noor Haddad');
      expect(version).not.toContain('noor.haddad');
      expect(version).not.toContain('EXTENSION-REASON');
      expect(version).not.toContain('SAFETY-REASON');
      expect(version).toContain('[redacted] shouted at me');
    }
    expect(versions.investigator).toContain('FEEDBACK-SUMMARY');
    expect(versions.respondent).not.toContain('FEEDBACK-SUMMARY');
    expect(versions.respondent).toContain('NOTICE-TEXT');
    expect(versions.respondent).not.toContain('Safety exception');
    const audits = await queryRows<{ details: { version: string } }>(database.db, sql`select details from audit_log where action = 'case.exported' and subject_id = ${reported.id} order by seq`);
    expect(audits.map((audit) => audit.details.version)).toEqual(['full', 'investigator', 'respondent']);
    const compressed = await exportCasePdf(ctx(), amara.member, reported.id, 'full', labels);
    expect(Buffer.from(compressed.bytes).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
