import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, reportedCase, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { isAppError } from '../../core/errors.ts';
import { sealAttachmentMetadata } from '../../core/intake/caseCrypto.ts';
import { queryRows } from '../../storage/database.ts';
import { caseAttachments, caseBreakGlass, caseDocuments, caseLinks, cases, outbox } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { actOnCase } from './actOnCase.ts';
import { addCaseEvidence } from './addCaseEvidence.ts';
import { addCaseNote } from './addCaseNote.ts';
import { addReferral } from './addReferral.ts';
import { breakGlassStatus, endBreakGlass, startBreakGlass } from './breakGlass.ts';
import { openCaseKey } from './caseAccess.ts';
import { openCaseWork } from './caseWork.ts';
import { linkCases, unlinkCases } from './linkCases.ts';
import { setCaseLabels } from './setCaseLabels.ts';

const notFound = (error: unknown) => isAppError(error) && error.code === 'NOT_FOUND';

describeStorage('the case work around the procedure', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let otherOrgId: string;
  let amara: CaseStaff;
  let bongani: CaseStaff;
  let dalia: CaseStaff;
  let esther: CaseStaff;
  let folder: string;
  const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 2, n, hour));
  const at = (when: Date): Context => ({ ...database.context, clock: () => when });

  beforeAll(async () => {
    database = use();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-case-work-'));
    orgId = await addOrganisation(database.db, { slug: 'millbrook-tenants', name: 'Millbrook Tenants' });
    otherOrgId = await addOrganisation(database.db, { slug: 'quarry-road-choir', name: 'Quarry Road Choir' });
    amara = await caseStaff(database, { name: 'Amara Nwosu', grants: [{ role: 'handler', orgId }] });
    bongani = await caseStaff(database, { name: 'Bongani Khumalo', grants: [{ role: 'handler', orgId: otherOrgId }] });
    dalia = await caseStaff(database, { name: 'Dalia Haddad', grants: [{ role: 'admin', orgId: null }] });
    esther = await caseStaff(database, { name: 'Esther Mwangi', grants: [{ role: 'auditor', orgId: null }] });
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** The no-conflict declaration every staff member makes on first opening a case. */
  const declare = async (who: CaseStaff, caseId: string, when: Date) => {
    const outcome = await actOnCase(at(when), who.member, caseId, { type: 'declareNoConflict' });
    if (!outcome.ok) throw new Error(`declaration refused: ${JSON.stringify(outcome.refusal)}`);
  };

  const auditOf = async (caseId: string, action: string) =>
    queryRows<{ actor_id: string; details: Record<string, unknown> }>(database.db, sql`select actor_id, details from audit_log where subject_id = ${caseId} and action = ${action} order by seq`);

  it('seals a note with the case key, shows it to staff with its author, and audits it without its text', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await expect(addCaseNote(at(day(2)), amara.member, reported.id, { note: 'Before declaring' })).rejects.toSatisfy((error) => isAppError(error) && error.code === 'CASE_CONFLICT_UNDECLARED');
    await expect(openCaseWork(at(day(2)), amara.member, reported.id)).rejects.toSatisfy((error) => isAppError(error) && error.code === 'CASE_CONFLICT_UNDECLARED');
    await declare(amara, reported.id, day(2));
    await addCaseNote(at(day(2)), amara.member, reported.id, { note: 'Phoned the reporter: she prefers calls after 6pm' });

    const [document] = await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id));
    expect(document).toMatchObject({ kind: 'note', sealedWith: 'case', authorKind: 'staff', authorStaffId: amara.id });
    expect(Buffer.from(document?.sealedBody ?? []).toString('latin1')).not.toContain('6pm');
    const work = await openCaseWork(at(day(3)), amara.member, reported.id);
    expect(work.notes).toEqual([{ id: document?.id, text: 'Phoned the reporter: she prefers calls after 6pm', authorName: 'Amara Nwosu', at: day(2) }]);
    const [audit] = await auditOf(reported.id, 'case.note-added');
    expect(audit).toMatchObject({ actor_id: amara.id, details: { document: `doc:${document?.id}` } });
    expect(JSON.stringify(audit)).not.toContain('6pm');
  });

  it('refuses a note on a case the staff member may not open, like an unknown case, writing nothing', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await expect(addCaseNote(at(day(2)), bongani.member, reported.id, { note: 'Should not be stored' })).rejects.toSatisfy(notFound);
    await expect(addCaseNote(at(day(2)), bongani.member, crypto.randomUUID(), { note: 'Should not be stored' })).rejects.toSatisfy(notFound);
    expect(await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id))).toEqual([]);
  });

  it('sets labels and a category as readable metadata, auditing the count and category', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await declare(amara, reported.id, day(2));
    await setCaseLabels(at(day(2)), amara.member, reported.id, { labels: ['night shift', 'repeat'], category: 'bullying' });
    const [row] = await database.db.select({ labels: cases.labels, category: cases.category }).from(cases).where(eq(cases.id, reported.id));
    expect(row).toEqual({ labels: ['night shift', 'repeat'], category: 'bullying' });
    expect(await auditOf(reported.id, 'case.labels-set')).toEqual([{ actor_id: amara.id, details: { labels: 2, category: 'bullying' } }]);
    await setCaseLabels(at(day(3)), amara.member, reported.id, { labels: [], category: null });
    const work = await openCaseWork(at(day(3)), amara.member, reported.id);
    expect(work).toMatchObject({ labels: [], category: null });
    expect(work.categories).toContain('retaliation');
  });

  it('links two cases both ways, lists them with number and status, and unlinks them, audited on both', async () => {
    const first = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const second = await reportedCase(database.db, { orgId, holders: [amara], at: day(2) });
    await declare(amara, first.id, day(3));
    const [secondRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, second.id));
    expect(await linkCases(at(day(3)), amara.member, first.id, { caseNumber: secondRow?.ref ?? 0 })).toEqual({ ok: false, field: 'caseNumber', messageKey: 'caseWork.links.undeclared' });
    await declare(amara, second.id, day(3));
    expect(await linkCases(at(day(3)), amara.member, first.id, { caseNumber: secondRow?.ref ?? 0 })).toEqual({ ok: true });
    expect(await database.db.select({ caseId: caseLinks.caseId, linkedCaseId: caseLinks.linkedCaseId }).from(caseLinks).where(eq(caseLinks.caseId, second.id))).toEqual([
      { caseId: second.id, linkedCaseId: first.id },
    ]);
    expect((await openCaseWork(at(day(3)), amara.member, first.id)).links).toEqual([{ id: second.id, ref: secondRow?.ref, status: 'submitted' }]);
    expect((await openCaseWork(at(day(3)), amara.member, second.id)).links.map((link) => link.id)).toEqual([first.id]);
    // Linking again changes nothing and records nothing more; a case is not linked to itself.
    const [firstRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, first.id));
    expect(await linkCases(at(day(3)), amara.member, second.id, { caseNumber: firstRow?.ref ?? 0 })).toEqual({ ok: true });
    expect(await linkCases(at(day(3)), amara.member, second.id, { caseNumber: secondRow?.ref ?? 0 })).toMatchObject({ ok: false, messageKey: 'caseWork.links.self' });
    expect((await auditOf(first.id, 'case.linked')).map((entry) => entry.details)).toEqual([{ case: second.id }]);
    expect((await auditOf(second.id, 'case.linked')).map((entry) => entry.details)).toEqual([{ case: first.id }]);

    await unlinkCases(at(day(4)), amara.member, second.id, first.id);
    expect(await database.db.select().from(caseLinks).where(eq(caseLinks.caseId, first.id))).toEqual([]);
    expect(await auditOf(first.id, 'case.unlinked')).toHaveLength(1);
    expect(await auditOf(second.id, 'case.unlinked')).toHaveLength(1);
    await expect(unlinkCases(at(day(4)), amara.member, second.id, first.id)).rejects.toSatisfy(notFound);
  });

  it('answers a case number the staff member may not open exactly as a number that does not exist', async () => {
    const mine = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const theirs = await reportedCase(database.db, { orgId: otherOrgId, holders: [bongani], at: day(1) });
    const [theirRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, theirs.id));
    await declare(amara, mine.id, day(2));
    const invisible = await linkCases(at(day(2)), amara.member, mine.id, { caseNumber: theirRow?.ref ?? 0 });
    const unknown = await linkCases(at(day(2)), amara.member, mine.id, { caseNumber: 987_654_321 });
    expect(invisible).toEqual({ ok: false, field: 'caseNumber', messageKey: 'caseWork.links.unknown' });
    expect(unknown).toEqual(invisible);
    expect(await database.db.select().from(caseLinks).where(eq(caseLinks.caseId, mine.id))).toEqual([]);
    expect(await auditOf(theirs.id, 'case.linked')).toEqual([]);
    // Nor can the unlink form be used to probe: a case not theirs is NOT_FOUND like any other.
    await expect(unlinkCases(at(day(2)), amara.member, mine.id, theirs.id)).rejects.toSatisfy(notFound);
  });

  it('leaves out of the list a linked case the reader may not open', async () => {
    const shared = await reportedCase(database.db, { orgId, holders: [amara, dalia], at: day(1) });
    const elsewhere = await reportedCase(database.db, { orgId: otherOrgId, holders: [dalia], at: day(1) });
    const [elsewhereRow] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, elsewhere.id));
    await declare(dalia, shared.id, day(2));
    await declare(dalia, elsewhere.id, day(2));
    await declare(amara, shared.id, day(2));
    expect(await linkCases(at(day(2)), dalia.member, shared.id, { caseNumber: elsewhereRow?.ref ?? 0 })).toEqual({ ok: true });
    expect((await openCaseWork(at(day(2)), dalia.member, shared.id)).links.map((link) => link.id)).toEqual([elsewhere.id]);
    expect((await openCaseWork(at(day(2)), amara.member, shared.id)).links).toEqual([]);
  });

  it('seals a referral with its details as structured data and lists it', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    await declare(amara, reported.id, day(5));
    await addReferral(at(day(5)), amara.member, reported.id, {
      referralService: 'Harbourside Legal Advice Centre',
      referralDate: '2026-03-04',
      referralParty: 'reporter',
      referralWhat: 'Advice on her tenancy after the landlord’s threats',
      referralConsent: 'yes',
    });
    const [document] = await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id));
    expect(document?.kind).toBe('referral');
    expect(Buffer.from(document?.sealedBody ?? []).toString('latin1')).not.toContain('Harbourside');
    expect((await openCaseWork(at(day(5)), amara.member, reported.id)).referrals).toEqual([
      {
        id: document?.id,
        service: 'Harbourside Legal Advice Centre',
        referredOn: '2026-03-04',
        party: 'reporter',
        consent: 'yes',
        what: 'Advice on her tenancy after the landlord’s threats',
        authorName: 'Amara Nwosu',
        at: day(5),
      },
    ]);
    const [audit] = await auditOf(reported.id, 'case.referral-added');
    expect(audit?.details).toEqual({ document: `doc:${document?.id}`, party: 'reporter', consent: 'yes' });
  });

  it('keeps an evidence log of files and recorded evidence in order, with who brought each', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], at: day(1) });
    const fromReport = crypto.randomUUID();
    await database.db.insert(caseAttachments).values({
      id: fromReport,
      caseId: reported.id,
      messageId: null,
      storageName: fromReport,
      sealedMetadata: sealAttachmentMetadata(reported.caseKey, reported.id, fromReport, { name: 'rota.pdf', type: 'application/pdf', receivedSize: 2048, receivedSha256: 'ab'.repeat(32), cleaned: false }),
      sizeBytes: 2100,
      createdAt: day(1),
    });
    const upload = { name: 'meeting-notes.txt', content: new TextEncoder().encode('Minutes of the tenants meeting, 3 March.\n'), truncated: false };
    expect(await addCaseEvidence(at(day(3)), amara.member, { caseId: reported.id, uploads: [upload], folder })).toEqual({ ok: true, count: 1 });
    const [added] = await database.db.select({ id: caseAttachments.id }).from(caseAttachments).where(and(eq(caseAttachments.caseId, reported.id), sql`${caseAttachments.id} <> ${fromReport}`));
    const act = async (n: number, action: Record<string, unknown>) => {
      const outcome = await actOnCase(at(day(n)), amara.member, reported.id, action);
      if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
    };
    await act(4, { type: 'declareNoConflict' });
    await act(4, { type: 'assign', staffId: amara.id, as: 'handler' });
    await act(4, { type: 'addEvidence', from: 'reporter', kind: 'document', evidenceRef: `att:${fromReport}` });
    await act(5, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: 'The caretaker saw the argument on the stairs' });

    const { evidence } = await openCaseWork(at(day(6)), amara.member, reported.id);
    expect(evidence.map((entry) => [entry.entry, entry.at.toISOString()])).toEqual([
      ['file', day(1).toISOString()],
      ['file', day(3).toISOString()],
      ['record', day(4).toISOString()],
      ['record', day(5).toISOString()],
    ]);
    expect(evidence[0]).toMatchObject({ id: fromReport, name: 'rota.pdf', receivedSha256: 'ab'.repeat(32), receivedSize: 2048, from: 'reporter', byName: null });
    expect(evidence[1]).toMatchObject({
      id: added?.id,
      name: 'meeting-notes.txt',
      type: 'text/plain',
      from: 'staff',
      byName: 'Amara Nwosu',
      receivedSha256: crypto.createHash('sha256').update(upload.content).digest('hex'),
    });
    expect(evidence[2]).toMatchObject({ from: 'reporter', kind: 'document', attachment: { id: fromReport, name: 'rota.pdf' }, text: null, recordedBy: { kind: 'staff', name: 'Amara Nwosu' } });
    expect(evidence[3]).toMatchObject({ from: 'investigation', kind: 'witness', attachment: null, text: 'The caretaker saw the argument on the stairs' });
  });

  it('lets a network admin with an emergency copy break the glass for a limited time, alerting and auditing', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], emergency: [dalia], at: day(1) });
    await declare(amara, reported.id, day(2));
    await addCaseNote(at(day(2)), amara.member, reported.id, { note: 'The respondent lives in the same building' });
    await expect(openCaseKey(database.db, dalia.member, reported.id, 'case.open', day(3))).rejects.toSatisfy(notFound);
    expect(await breakGlassStatus(at(day(3)), dalia.member, reported.id)).toMatchObject({ state: 'available' });

    const started = day(3, 22);
    const reason = 'The reporter wrote at 21:40 that she is afraid to go home; both handlers are on leave.';
    expect(await startBreakGlass(at(started), dalia.member, reported.id, { reason, hours: 2 })).toEqual({ ok: true });
    const [grant] = await database.db.select().from(caseBreakGlass).where(eq(caseBreakGlass.caseId, reported.id));
    expect(grant).toMatchObject({ staffId: dalia.id, createdAt: started, expiresAt: new Date(started.getTime() + 2 * 3_600_000), endedAt: null });
    const alerts = await database.db.select({ kind: outbox.kind, payload: outbox.payload }).from(outbox).where(sql`${outbox.payload}->>'caseId' = ${reported.id}`);
    expect(alerts).toEqual([{ kind: 'mail.case-alert', payload: { caseId: reported.id, about: 'breakGlass' } }]);
    const [audit] = await auditOf(reported.id, 'case.break-glass-started');
    expect(audit).toMatchObject({ actor_id: dalia.id, details: { hours: 2, reason: 'given', reasonDocument: `doc:${grant?.reasonDocumentId}` } });
    expect(JSON.stringify(audit)).not.toContain('afraid');

    const during = day(3, 23);
    await declare(dalia, reported.id, during);
    const work = await openCaseWork(at(during), dalia.member, reported.id);
    expect(work.notes.map((note) => note.text)).toEqual(['The respondent lives in the same building']);
    expect(work.viewerBreakGlass).toEqual({ expiresAt: grant?.expiresAt });
    expect(work.breakGlass).toMatchObject([{ staffName: 'Dalia Haddad', live: true, mine: true, reason }]);
    expect((await openCaseWork(at(during), amara.member, reported.id)).breakGlass).toMatchObject([{ staffName: 'Dalia Haddad', live: true, mine: false, reason }]);
    await addCaseNote(at(during), dalia.member, reported.id, { note: 'Called the night line for her' });
    expect((await auditOf(reported.id, 'case.note-added')).at(-1)).toMatchObject({ actor_id: dalia.id, details: { breakGlass: true } });
    expect((await auditOf(reported.id, 'case.break-glass-used')).map((entry) => entry.actor_id)).toEqual([dalia.id]);

    // Two hours on, the glass is whole again.
    await expect(openCaseKey(database.db, dalia.member, reported.id, 'case.open', day(4, 0))).rejects.toSatisfy(notFound);
    await expect(addCaseNote(at(day(4, 0)), dalia.member, reported.id, { note: 'Too late' })).rejects.toSatisfy(notFound);
    expect(await breakGlassStatus(at(day(4, 0)), dalia.member, reported.id)).toMatchObject({ state: 'available' });
  });

  it('ends break-glass access early on request, and refuses a second grant while one is live', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], emergency: [dalia], at: day(1) });
    const reason = 'A safeguarding call from the police needs the case number and status now.';
    expect(await startBreakGlass(at(day(2, 9)), dalia.member, reported.id, { reason, hours: 4 })).toEqual({ ok: true });
    expect(await startBreakGlass(at(day(2, 10)), dalia.member, reported.id, { reason, hours: 4 })).toEqual({ ok: false, field: 'reason', messageKey: 'caseWork.breakGlass.alreadyLive' });
    expect(await database.db.select().from(caseBreakGlass).where(eq(caseBreakGlass.caseId, reported.id))).toHaveLength(1);
    await endBreakGlass(at(day(2, 10)), dalia.member, reported.id);
    await expect(openCaseKey(database.db, dalia.member, reported.id, 'case.open', day(2, 11))).rejects.toSatisfy(notFound);
    expect(await auditOf(reported.id, 'case.break-glass-ended')).toMatchObject([{ actor_id: dalia.id }]);
    await expect(endBreakGlass(at(day(2, 11)), dalia.member, reported.id)).rejects.toSatisfy(notFound);
  });

  it('offers break-glass to nobody without an emergency copy, nor to someone conflicted, in the same answer as for no case', async () => {
    const reported = await reportedCase(database.db, { orgId, holders: [amara], emergency: [dalia], at: day(1) });
    const reason = 'Trying to read a case without any copy of its key at all.';
    expect(await breakGlassStatus(at(day(2)), amara.member, reported.id)).toMatchObject({ state: 'holder' });
    for (const [member, caseId] of [
      [esther.member, reported.id],
      [bongani.member, reported.id],
      [dalia.member, crypto.randomUUID()],
    ] as const) {
      await expect(breakGlassStatus(at(day(2)), member, caseId)).rejects.toSatisfy(notFound);
      await expect(startBreakGlass(at(day(2)), member, caseId, { reason, hours: 4 })).rejects.toSatisfy(notFound);
    }
    // A recorded conflict takes the emergency copy as well: policy refuses, and the key is gone.
    const act = async (action: Record<string, unknown>) => {
      const outcome = await actOnCase(at(day(3)), amara.member, reported.id, action);
      if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
    };
    await act({ type: 'declareNoConflict' });
    await act({ type: 'assign', staffId: amara.id, as: 'handler' });
    await act({ type: 'recordConflict', staffId: dalia.id, basis: 'relatedToParty', reason: 'is the respondent’s cousin' });
    await expect(startBreakGlass(at(day(3)), dalia.member, reported.id, { reason, hours: 4 })).rejects.toSatisfy(notFound);
    expect(await database.db.select().from(caseBreakGlass).where(eq(caseBreakGlass.caseId, reported.id))).toEqual([]);
    expect(await database.db.select().from(outbox).where(sql`${outbox.payload}->>'about' = 'breakGlass' and ${outbox.payload}->>'caseId' = ${reported.id}`)).toEqual([]);
  });
});
