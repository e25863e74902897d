import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { ensureNetwork } from '../../../tests/support/toolkit.ts';
import { formalCaseForRespondent, staffActs, type RespondentTeam } from '../../../tests/support/respondentFixtures.ts';
import { isAppError, type ErrorCode } from '../../core/errors.ts';
import { queryRows } from '../../storage/database.ts';
import { caseAttachments, caseDocuments, evidenceShares } from '../../storage/schema/index.ts';
import type { Context } from '../context.ts';
import { startReporterSession } from '../intake/reporterSessions.ts';
import { viewFollowUp } from '../intake/viewFollowUp.ts';
import { addRespondentEvidence } from '../respondent/addRespondentEvidence.ts';
import { downloadRespondentFile } from '../respondent/downloadRespondentFile.ts';
import { inviteRespondent } from '../respondent/inviteRespondent.ts';
import { loadRespondentSession, type RespondentSession } from '../respondent/respondentSessions.ts';
import { signInAsRespondent } from '../respondent/signInAsRespondent.ts';
import { viewRespondentCase } from '../respondent/viewRespondentCase.ts';
import { addCaseEvidence } from './addCaseEvidence.ts';
import { openCaseKey } from './caseAccess.ts';
import { handledCase } from './handledCase.ts';
import { readEvidenceReview, shareEvidenceForReview } from './shareEvidenceForReview.ts';
import { downloadSharedEvidence } from './sharedEvidence.ts';

const PLANTED = 'Quillfeather';
const UNSHARED = 'Marrowbine';

const pdf = (line: string) => new Uint8Array(Buffer.from(`%PDF-1.4\n% ${line}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`));

const refusedWith = (code: ErrorCode) => (error: unknown) => isAppError(error) && error.code === code;

describeStorage('sharing evidence for the review', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let team: RespondentTeam;
  let outsider: CaseStaff;
  let folder: string;
  let now: Date;
  const clock: Context['clock'] = () => now;
  const context = (): Context => ({ ...database.context, clock });

  beforeAll(async () => {
    database = use();
    now = new Date(Date.UTC(2026, 4, 4, 9));
    await ensureNetwork(database);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-evidence-review-'));
    orgId = await addOrganisation(database.db, { slug: 'saltmarsh-collective', name: 'Saltmarsh Collective', languages: ['en', 'es'] });
    team = {
      handler: await caseStaff(database, { name: 'Odalys Ferreira', grants: [{ role: 'handler', orgId }], now }),
      secondHandler: await caseStaff(database, { name: 'Kwabena Lindqvist', grants: [{ role: 'handler', orgId }], now }),
      investigator: await caseStaff(database, { name: 'Henrike Obuya', grants: [{ role: 'investigator', orgId }], now }),
    };
    outsider = await caseStaff(database, { name: 'Severin Achebe', grants: [{ role: 'handler', orgId }], now });
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  const share = (who: CaseStaff, caseId: string, items: unknown) => shareEvidenceForReview(context(), who.member, caseId, { items, folder });

  async function respondentSession(caseId: string): Promise<RespondentSession> {
    const invitation = await inviteRespondent(context(), team.handler.member, caseId, { kind: 'respondent', language: 'en', days: 30 });
    if (!invitation.ok) throw new Error('invitation refused');
    const signedIn = await signInAsRespondent(context(), { token: invitation.invitation.path.slice('/respond/'.length), code: invitation.invitation.code });
    if (signedIn.kind !== 'signed-in') throw new Error('sign-in refused');
    const session = await loadRespondentSession(database.db, signedIn.token, now);
    if (!session) throw new Error('no session');
    return session;
  }

  /** The case page's evidence-review panel, as openCase loads it. */
  const panelOf = (who: CaseStaff, caseId: string) =>
    database.db.transaction(async (tx) => {
      const access = await openCaseKey(tx, who.member, caseId, 'case.open', now);
      return readEvidenceReview(tx, access, who.member, await handledCase(tx, access.found), now);
    });

  const rowCounts = async (caseId: string) => ({
    documents: (await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, caseId))).length,
    files: (await database.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, caseId))).length,
    shares: (await database.db.select().from(evidenceShares).where(eq(evidenceShares.caseId, caseId))).length,
    onDisk: fs.readdirSync(folder).length,
  });

  it('refuses before the notice, to someone not on the case, and for bad choices, changing nothing', async () => {
    const early = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: false });
    await expect(share(team.handler, early.id, crypto.randomUUID())).rejects.toSatisfy(refusedWith('EVIDENCE_REVIEW_NOT_OPEN'));

    const notified = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    await staffActs(context(), team.investigator, notified.id, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: 'A colleague saw the exchange.' });
    const statement = (await panelOf(team.handler, notified.id))?.items.find((item) => item.kind === 'document');
    if (!statement) throw new Error('no statement listed');
    const before = await rowCounts(notified.id);
    // A handler of the organisation who holds no key to the case, and a malformed case id: not found.
    await expect(share(outsider, notified.id, statement.id)).rejects.toSatisfy(refusedWith('NOT_FOUND'));
    await expect(share(team.handler, 'not-a-case', statement.id)).rejects.toSatisfy(refusedWith('NOT_FOUND'));
    await expect(share(team.handler, notified.id, [])).rejects.toSatisfy(refusedWith('EVIDENCE_SHARE_EMPTY'));
    await expect(share(team.handler, notified.id, undefined)).rejects.toSatisfy(refusedWith('EVIDENCE_SHARE_EMPTY'));
    await expect(share(team.handler, notified.id, [statement.id, crypto.randomUUID()])).rejects.toSatisfy(refusedWith('EVIDENCE_ITEM_UNKNOWN'));
    await expect(share(team.handler, notified.id, [{ id: statement.id }])).rejects.toSatisfy(refusedWith('EVIDENCE_ITEM_UNKNOWN'));
    expect(await rowCounts(notified.id)).toEqual(before);
  });

  it('shares the chosen items once, shows both parties exactly those, and closes with the review', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    // Evidence on the case: a staff file, two investigation statements (one never shared), and the respondent's own.
    const added = await addCaseEvidence(context(), team.investigator.member, { caseId: reported.id, uploads: [{ name: 'rota.pdf', content: pdf('rota'), truncated: false }], folder });
    expect(added).toEqual({ ok: true, count: 1 });
    await staffActs(context(), team.investigator, reported.id, { type: 'addEvidence', from: 'investigation', kind: 'witness', evidenceRef: 'The facilities manager confirms the room booking.' });
    await staffActs(context(), team.investigator, reported.id, { type: 'addEvidence', from: 'investigation', kind: 'document', evidenceRef: `Internal note on ${UNSHARED}, not for the parties.` });
    const session = await respondentSession(reported.id);
    const form = async () => (await viewRespondentCase(context(), session)).formToken;
    const brought = await addRespondentEvidence(context(), session, await form(), {
      kind: 'document',
      statement: 'My calendar shows I was elsewhere.',
      uploads: [{ name: 'calendar.pdf', content: pdf('calendar'), truncated: false }],
      folder,
    });
    expect(brought).toMatchObject({ ok: true, files: 1 });

    // Nothing is shared yet: neither party sees any of it.
    const unsharedView = await viewRespondentCase(context(), session);
    expect(unsharedView.evidenceForReview).toBeNull();
    expect(JSON.stringify(unsharedView)).not.toContain('facilities manager');

    const panel = await panelOf(team.handler, reported.id);
    expect(panel).toMatchObject({ window: 'open', mayShare: true, review: null });
    const items = panel?.items ?? [];
    const find = (label: string) => {
      const item = items.find((candidate) => candidate.label.includes(label));
      if (!item) throw new Error(`no item ${label}`);
      return item;
    };
    const rota = find('rota.pdf');
    const manager = find('facilities manager');
    const hidden = find(UNSHARED);
    const calendar = find('calendar.pdf');
    const elsewhere = find('elsewhere');
    expect([rota.from, manager.from, hidden.from, calendar.from, elsewhere.from]).toEqual(['case', 'case', 'case', 'respondent', 'respondent']);
    expect(items).toHaveLength(5);

    const before = await rowCounts(reported.id);
    expect(await share(team.investigator, reported.id, [rota.id, manager.id, calendar.id, elsewhere.id, rota.id])).toEqual({ shared: 4 });
    const after = await rowCounts(reported.id);
    // Two copies (the file and the statement) sealed with the respondent key, four shares; the copy is on disk.
    expect(after).toEqual({ documents: before.documents + 1, files: before.files + 1, shares: 4, onDisk: before.onDisk + 1 });
    const copies = await database.db.select().from(caseAttachments).where(eq(caseAttachments.caseId, reported.id));
    expect(copies.filter((row) => row.sealedWith === 'respondent' && row.addedBy === 'staff')).toHaveLength(1);
    const [copyDocument] = await database.db.select().from(caseDocuments).where(eq(caseDocuments.kind, 'evidenceForReview'));
    expect(copyDocument).toMatchObject({ caseId: reported.id, sealedWith: 'respondent', authorKind: 'staff' });

    // Sharing again does nothing, and writes nothing.
    expect(await share(team.handler, reported.id, [rota.id, manager.id])).toEqual({ shared: 0 });
    expect(await rowCounts(reported.id)).toEqual(after);
    const audits = await queryRows<{ details: string }>(database.db, sql`select details::text as details from audit_log where action = 'case.evidence-shared' and subject_id = ${reported.id}`);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toContain(rota.id);
    expect(audits[0]?.details).not.toContain('facilities');

    // The respondent sees exactly the shared items, and never the unshared statement.
    const respondentView = await viewRespondentCase(context(), session);
    const shared = respondentView.evidenceForReview?.items ?? [];
    expect(shared.map((item) => (item.kind === 'file' ? item.name : item.text)).sort()).toEqual(
      ['The facilities manager confirms the room booking.', 'My calendar shows I was elsewhere.', 'calendar.pdf', 'rota.pdf'].sort(),
    );
    expect(JSON.stringify(respondentView)).not.toContain(UNSHARED);
    expect(respondentView.delivered.map((document) => document.text)).not.toContain('The facilities manager confirms the room booking.');
    const rotaCopy = shared.find((item) => item.kind === 'file' && item.name === 'rota.pdf');
    if (!rotaCopy) throw new Error('no copy');
    const downloaded = await downloadRespondentFile(context(), session, rotaCopy.id, folder);
    expect(Buffer.from(downloaded.bytes).toString()).toContain('% rota');

    // The reporter sees the same items, the respondent's among them, and downloads the respondent's file.
    const reporter = await startReporterSession(database.db, { caseId: reported.id, caseKey: reported.caseKey, now });
    const followUp = await viewFollowUp(context(), reporter);
    const reporterItems = followUp.evidenceForReview?.items ?? [];
    expect(reporterItems.map((item) => item.id).sort()).toEqual(shared.map((item) => item.id).sort());
    expect(reporterItems.filter((item) => item.fromRespondent)).toHaveLength(2);
    expect(JSON.stringify(followUp.evidenceForReview)).not.toContain(UNSHARED);
    const theirs = reporterItems.find((item) => item.kind === 'file' && item.fromRespondent);
    if (!theirs) throw new Error('no respondent file for the reporter');
    expect(Buffer.from((await downloadSharedEvidence(context(), reporter, theirs.id, folder)).bytes).toString()).toContain('% calendar');
    // An unshared or unknown file is not found for the reporter.
    await expect(downloadSharedEvidence(context(), reporter, rota.id, folder)).rejects.toSatisfy(refusedWith('NOT_FOUND'));
    await expect(downloadSharedEvidence(context(), reporter, '../etc/passwd', folder)).rejects.toSatisfy(refusedWith('NOT_FOUND'));

    // While the review is open more can be shared; once it closes, nothing.
    await staffActs(context(), team.investigator, reported.id, { type: 'openEvidenceReview' });
    expect((await viewFollowUp(context(), reporter)).evidenceForReview?.review).toMatchObject({ openedOn: '2026-05-04', closesNotBefore: '2026-05-14', closedOn: null });
    now = new Date(now.getTime() + 10 * 86_400_000);
    await staffActs(context(), team.investigator, reported.id, { type: 'closeEvidenceReview' });
    const closed = await rowCounts(reported.id);
    await expect(share(team.investigator, reported.id, [hidden.id])).rejects.toSatisfy(refusedWith('EVIDENCE_REVIEW_NOT_OPEN'));
    expect(await rowCounts(reported.id)).toEqual(closed);
    expect(await panelOf(team.handler, reported.id)).toMatchObject({ window: 'closed', mayShare: false });
  });
});
