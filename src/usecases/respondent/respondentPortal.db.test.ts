import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStaff, type CaseStaff } from '../../../tests/support/caseFixtures.ts';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation } from '../../../tests/support/intakeFixtures.ts';
import { formalCaseForRespondent, noticeText, reporterMessage, staffActs, type RespondentTeam } from '../../../tests/support/respondentFixtures.ts';
import { isAppError } from '../../core/errors.ts';
import { openDocument } from '../../core/intake/caseCrypto.ts';
import type { CaseState } from '../../core/procedures/index.ts';
import { attachmentsOfCase } from '../../storage/attachmentFiles.ts';
import { reporterThread } from '../../storage/caseQueries.ts';
import { queryRows } from '../../storage/database.ts';
import { caseAttachments, caseDocuments, cases, respondentAccess, respondentSessions } from '../../storage/schema/index.ts';
import { openCaseKey } from '../cases/caseAccess.ts';
import { respondentKeyOf } from '../cases/handledCase.ts';
import type { Context } from '../context.ts';
import { actAsRespondent } from './actAsRespondent.ts';
import { addRespondentEvidence } from './addRespondentEvidence.ts';
import { downloadRespondentFile, downloadRespondentFileAsStaff } from './downloadRespondentFile.ts';
import { inviteRespondent, type CreatedInvitation } from './inviteRespondent.ts';
import { showRespondentPanel } from './readRespondentPanel.ts';
import { replyToRespondent } from './replyToRespondent.ts';
import { loadRespondentSession, type RespondentSession } from './respondentSessions.ts';
import { revokeRespondentAccess } from './revokeRespondentAccess.ts';
import { sendRespondentMessage } from './sendRespondentMessage.ts';
import { signInAsRespondent } from './signInAsRespondent.ts';
import { viewRespondentCase } from './viewRespondentCase.ts';
import { deliverOutbox, recordingMailer, type RecordingMailer } from '../../../tests/support/mailFixtures.ts';

const PLANTED = 'Zephyrine';

describeStorage('the respondent’s side of a case', (use) => {
  let database: TestDatabase;
  let orgId: string;
  let team: RespondentTeam;
  let decider: CaseStaff;
  let folder: string;
  let now: Date;
  const clock: Context['clock'] = () => now;
  const context = (): Context => ({ ...database.context, clock });
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    database = use();
    now = new Date(Date.UTC(2026, 2, 2, 9));
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-respondent-'));
    orgId = await addOrganisation(database.db, { slug: 'tidewater-cooperative', name: 'Tidewater Cooperative', languages: ['en', 'es'] });
    team = {
      handler: await caseStaff(database, { name: 'Imani Achterberg', grants: [{ role: 'handler', orgId }], now }),
      secondHandler: await caseStaff(database, { name: 'Tomasz Wieczorek', grants: [{ role: 'handler', orgId }], now }),
      investigator: await caseStaff(database, { name: 'Rosalind Mbeki', grants: [{ role: 'investigator', orgId }], now }),
    };
    decider = await caseStaff(database, { name: 'Ofelia Nakamura', grants: [{ role: 'decision_maker', orgId }], now });
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  const tokenOf = (invitation: CreatedInvitation) => invitation.path.slice('/respond/'.length);

  async function invited(kind: 'respondent' | 'adviser', caseId: string, language: 'en' | 'es' = 'en', days = 30): Promise<CreatedInvitation> {
    const outcome = await inviteRespondent(context(), team.handler.member, caseId, { kind, language, days });
    if (!outcome.ok) throw new Error(`invitation refused: ${outcome.problem}`);
    return outcome.invitation;
  }

  async function signedIn(invitation: CreatedInvitation): Promise<RespondentSession> {
    const outcome = await signInAsRespondent(context(), { token: tokenOf(invitation), code: invitation.code });
    if (outcome.kind !== 'signed-in') throw new Error(`sign-in refused: ${outcome.code}`);
    const session = await loadRespondentSession(database.db, outcome.token, now);
    if (!session) throw new Error('no session');
    return session;
  }

  async function stateOf(caseId: string): Promise<CaseState> {
    const [row] = await database.db.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId));
    return row?.state as CaseState;
  }

  const accessCount = async (caseId: string) => (await database.db.select().from(respondentAccess).where(eq(respondentAccess.caseId, caseId))).length;

  it('refuses an invitation without the reporter’s consent or a safety exception, and before the notice', async () => {
    const withoutConsent = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: false, notice: false });
    const refused = await inviteRespondent(context(), team.handler.member, withoutConsent.id, { kind: 'respondent', language: 'en', days: 30 });
    expect(refused).toEqual({ ok: false, problem: 'contactNotAllowed' });
    const beforeNotice = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: false });
    expect(await inviteRespondent(context(), team.handler.member, beforeNotice.id, { kind: 'respondent', language: 'en', days: 30 })).toEqual({
      ok: false,
      problem: 'notNotified',
    });
    expect(await accessCount(withoutConsent.id)).toBe(0);
    expect(await accessCount(beforeNotice.id)).toBe(0);
    // Someone who may see the case but is not on it to reach the respondent is refused as well.
    const notified = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    await expect(inviteRespondent(context(), decider.member, notified.id, { kind: 'respondent', language: 'en', days: 30 })).rejects.toSatisfy(
      (error) => isAppError(error) && error.code === 'NOT_FOUND',
    );
  });

  it('opens the portal with the link and the code together, storing neither', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const invitation = await invited('respondent', reported.id, 'es');
    expect(invitation.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [row] = await database.db.select().from(respondentAccess).where(eq(respondentAccess.id, invitation.accessId));
    expect(JSON.stringify(row)).not.toContain(tokenOf(invitation));
    expect(JSON.stringify(row)).not.toContain(invitation.code.replace(/-/g, ''));
    const [audit] = await queryRows<{ details: string }>(database.db, sql`select details::text as details from audit_log where action = 'case.respondent-invited' and subject_id = ${reported.id}`);
    expect(audit?.details).toContain('"kind": "respondent"');
    expect(audit?.details).not.toContain(tokenOf(invitation));

    // The code without its link, or the link with another invitation's code, opens nothing.
    const other = await invited('respondent', reported.id);
    expect(await signInAsRespondent(context(), { token: tokenOf(invitation), code: other.code })).toMatchObject({ kind: 'refused', code: 'RESPONDENT_CODE_WRONG' });
    later(10_000);
    const session = await signedIn(invitation);
    expect(session).toMatchObject({ kind: 'respondent', language: 'es', caseId: reported.id });
    const view = await viewRespondentCase(context(), session);
    expect(view.notice?.text).toBe(noticeText);
    expect(view.actions).toEqual(['recordResponse', 'addEvidence', 'nameAdviser']);
    expect(view.timeline.response.atLeastUntil).toBe('2026-03-12');
    const [used] = await database.db.select().from(respondentAccess).where(eq(respondentAccess.id, invitation.accessId));
    expect(used).toMatchObject({ failedAttempts: 0, lastFailedAt: null });
    expect(used?.firstUsedAt).toEqual(now);
  });

  it('counts wrong codes, makes the next attempt wait, and locks the invitation at the fifth', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const invitation = await invited('respondent', reported.id);
    const attempt = (code: string) => signInAsRespondent(context(), { token: tokenOf(invitation), code });
    expect(await attempt('0000-0000-0000')).toMatchObject({ kind: 'refused', code: 'RESPONDENT_CODE_WRONG', params: { left: 4 } });
    // Too soon after a wrong code, and a malformed code: refused without being counted.
    expect(await attempt(invitation.code)).toMatchObject({ kind: 'refused', code: 'RESPONDENT_CODE_TOO_SOON', params: { seconds: 5 } });
    expect(await attempt('not a code')).toMatchObject({ kind: 'refused', code: 'RESPONDENT_CODE_MALFORMED' });
    for (const [wait, left] of [
      [5, 3],
      [15, 2],
      [45, 1],
    ] as const) {
      later(wait * 1000);
      expect(await attempt('0000-0000-0000')).toMatchObject({ code: 'RESPONDENT_CODE_WRONG', params: { left } });
    }
    later(135_000);
    expect(await attempt('0000-0000-0000')).toMatchObject({ kind: 'refused', code: 'RESPONDENT_ACCESS_LOCKED' });
    later(86_400_000);
    expect(await attempt(invitation.code)).toMatchObject({ kind: 'refused', code: 'RESPONDENT_ACCESS_LOCKED' });
    const [row] = await database.db.select().from(respondentAccess).where(eq(respondentAccess.id, invitation.accessId));
    expect(row).toMatchObject({ failedAttempts: 5, firstUsedAt: null });
    const audits = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where subject_id = ${reported.id} and action like 'case.respondent-%' order by seq`);
    expect(audits.map((entry) => entry.action)).toEqual([
      'case.respondent-invited',
      'case.respondent-code-failed',
      'case.respondent-code-failed',
      'case.respondent-code-failed',
      'case.respondent-code-failed',
      'case.respondent-access-locked',
    ]);
  });

  it('answers an expired or revoked invitation clearly and changes nothing; revoking ends its sessions', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const short = await invited('respondent', reported.id, 'en', 1);
    const revoked = await invited('respondent', reported.id);
    const session = await signedIn(revoked);
    await revokeRespondentAccess(context(), team.secondHandler.member, reported.id, revoked.accessId);
    await revokeRespondentAccess(context(), team.secondHandler.member, reported.id, revoked.accessId);
    expect(await loadRespondentSession(database.db, session.token, now)).toBeUndefined();
    expect(await database.db.select().from(respondentSessions).where(eq(respondentSessions.accessId, revoked.accessId))).toEqual([]);
    expect(await signInAsRespondent(context(), { token: tokenOf(revoked), code: revoked.code })).toMatchObject({ kind: 'refused', code: 'RESPONDENT_ACCESS_REVOKED' });

    later(86_400_000);
    const before = await database.db.select().from(respondentAccess).where(eq(respondentAccess.id, short.accessId));
    expect(await signInAsRespondent(context(), { token: tokenOf(short), code: '0000-0000-0000' })).toMatchObject({ kind: 'refused', code: 'RESPONDENT_ACCESS_EXPIRED' });
    expect(await signInAsRespondent(context(), { token: tokenOf(short), code: short.code })).toMatchObject({ kind: 'refused', code: 'RESPONDENT_ACCESS_EXPIRED' });
    expect(await database.db.select().from(respondentAccess).where(eq(respondentAccess.id, short.accessId))).toEqual(before);
    await expect(signInAsRespondent(context(), { token: 'x'.repeat(43), code: short.code })).rejects.toSatisfy((error) => isAppError(error) && error.code === 'RESPONDENT_LINK_INVALID');
  });

  it('takes the respondent’s response, evidence and appeal through the engine, and a refusal changes nothing', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const session = await signedIn(await invited('respondent', reported.id));
    const form = async () => (await viewRespondentCase(context(), session)).formToken;

    later(60_000);
    expect(await actAsRespondent(context(), session, await form(), { step: 'respond', statement: '   ' })).toEqual({ ok: false, problem: { code: 'required' } });
    const appealBefore = await stateOf(reported.id);
    const refused = await actAsRespondent(context(), session, await form(), { step: 'appeal', grounds: ['newEvidence'], statement: 'I appeal before any outcome.' });
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'APPEAL_WINDOW_NOT_OPEN' } });
    expect(await stateOf(reported.id)).toEqual(appealBefore);

    const token = await form();
    expect(await actAsRespondent(context(), session, token, { step: 'respond', statement: 'I deny the remarks; I was chairing another session.' })).toEqual({ ok: true, repeated: false });
    expect(await actAsRespondent(context(), session, token, { step: 'respond', statement: 'I deny the remarks; I was chairing another session.' })).toEqual({ ok: true, repeated: true });
    const state = await stateOf(reported.id);
    expect(state.responses).toHaveLength(1);
    expect(state.history.at(-1)?.by).toEqual({ kind: 'respondent' });

    later(60_000);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const evidence = await addRespondentEvidence(context(), session, await form(), {
      kind: 'document',
      statement: '',
      uploads: [{ name: 'session-schedule.pdf', content: new Uint8Array(pdf), truncated: false }],
      folder,
    });
    expect(evidence).toEqual({ ok: true, repeated: false, files: 1 });
    expect((await stateOf(reported.id)).evidence).toMatchObject([{ from: 'respondent', kind: 'document' }]);
    const view = await viewRespondentCase(context(), session);
    expect(view.own.map((document) => [document.label, document.text])).toEqual([
      ['response', 'I deny the remarks; I was chairing another session.'],
      ['evidence', 'session-schedule.pdf'],
    ]);
    expect(view.files).toMatchObject([{ name: 'session-schedule.pdf', fromRespondent: true }]);
    const fileId = view.files[0]?.id ?? '';
    expect(Buffer.from((await downloadRespondentFile(context(), session, fileId, folder)).bytes)).toEqual(pdf);
    expect(Buffer.from((await downloadRespondentFileAsStaff(context(), team.investigator.member, { caseId: reported.id, attachmentId: fileId, folder })).bytes)).toEqual(pdf);
    // Sealed with the respondent key: staff reach it through the case key; the reporter's side does not list it.
    const [attachment] = await database.db.select().from(caseAttachments).where(eq(caseAttachments.id, fileId));
    expect(attachment).toMatchObject({ sealedWith: 'respondent', addedBy: 'respondent' });
    expect((await attachmentsOfCase(database.db, reported.id)).map((row) => row.id)).not.toContain(fileId);

    const { caseKey, found } = await openCaseKey(database.db, team.handler.member, reported.id, 'case.open', now);
    const respondentKey = await database.db.transaction((tx) => respondentKeyOf(tx, found, caseKey));
    const documents = await database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, reported.id));
    const response = documents.find((document) => document.kind === 'recordResponse.statementRef');
    expect(response).toMatchObject({ sealedWith: 'respondent', authorKind: 'respondent' });
    if (!response) throw new Error('no response document');
    expect(openDocument(respondentKey, reported.id, response.id, response.sealedBody).text).toContain('chairing');

    // A file that the engine refuses (after the review closed) is not kept.
    const filesBefore = fs.readdirSync(folder).length;
    await staffActs(context(), team.investigator, reported.id, { type: 'openEvidenceReview' });
    later(10 * 86_400_000);
    await staffActs(context(), team.investigator, reported.id, { type: 'closeEvidenceReview' });
    const late = await addRespondentEvidence(context(), session, await form(), {
      kind: 'document',
      statement: 'A late document.',
      uploads: [{ name: 'late.pdf', content: new Uint8Array(pdf), truncated: false }],
      folder,
    });
    expect(late).toMatchObject({ ok: false, refusal: { code: 'EVIDENCE_CLOSED' } });
    expect(fs.readdirSync(folder).length).toBe(filesBefore);
  });

  it('keeps the reporter’s side out of everything the respondent reads, and the two threads apart', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const session = await signedIn(await invited('respondent', reported.id));
    later(60_000);
    expect(await replyToRespondent(context(), team.handler.member, reported.id, 'Thank you; we will write again after the interviews.')).toEqual({ ok: true });
    await sendRespondentMessage(context(), session, (await viewRespondentCase(context(), session)).formToken, 'Could the interview be on a Tuesday? Quillon');
    await reporterMessage(context(), reported, `More from the reporter about ${PLANTED}.`);

    const view = await viewRespondentCase(context(), session);
    expect(JSON.stringify(view)).not.toContain(PLANTED);
    expect(view.messages.map((message) => message.author)).toEqual(['staff', 'respondent']);
    const reporterSide = await reporterThread(database.db, reported.id);
    expect(reporterSide).toHaveLength(2);
    expect(reporterSide.every((message) => message.thread === 'reporter')).toBe(true);
    const panel = await showRespondentPanel(context(), team.handler.member, reported.id);
    expect(panel.messages.map((message) => message.text)).toEqual(['Thank you; we will write again after the interviews.', 'Could the interview be on a Tuesday? Quillon']);
    expect(JSON.stringify(panel)).not.toContain(PLANTED);
  });

  it('tells the case team once by e-mail that the respondent wrote, however many messages came before it went out', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    const session = await signedIn(await invited('respondent', reported.id));
    const [row] = await database.db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, reported.id));
    const mine = (mailer: RecordingMailer) => mailer.sent.filter((mail) => mail.subject.startsWith(`Case ${row?.ref}:`) && mail.subject.includes('respondent'));
    // Whatever the set-up queued is carried out first.
    await deliverOutbox(context(), recordingMailer(), now);
    for (const text of ['First message from the respondent.', `Second message, naming ${PLANTED}.`]) {
      later(1_000);
      await sendRespondentMessage(context(), session, (await viewRespondentCase(context(), session)).formToken, text);
    }
    const mailer = recordingMailer();
    await deliverOutbox(context(), mailer, now);
    expect(mine(mailer).map((mail) => mail.to).sort()).toEqual([team.handler.email, team.secondHandler.email, team.investigator.email].sort());
    expect(mine(mailer)[0]?.subject).toBe(`Case ${row?.ref}: the respondent sent a message, a response or evidence`);
    for (const mail of mine(mailer)) expect(mail.text).not.toContain(PLANTED);
    // Once told, the next message is news again.
    later(60_000);
    await sendRespondentMessage(context(), session, (await viewRespondentCase(context(), session)).formToken, 'A third message.');
    await deliverOutbox(context(), mailer, now);
    expect(mine(mailer)).toHaveLength(6);
  });

  it('gives the adviser the respondent named a reading and writing access that takes no step for the respondent', async () => {
    const reported = await formalCaseForRespondent(context(), { orgId, team, planted: PLANTED, consent: true, notice: true });
    expect(await inviteRespondent(context(), team.handler.member, reported.id, { kind: 'adviser', language: 'en', days: 30 })).toEqual({ ok: false, problem: 'adviserNotNamed' });
    const session = await signedIn(await invited('respondent', reported.id));
    later(60_000);
    expect(await actAsRespondent(context(), session, (await viewRespondentCase(context(), session)).formToken, { step: 'nameAdviser', adviser: 'Wilhelmina Adeyemi, union representative' })).toEqual({
      ok: true,
      repeated: false,
    });
    const adviser = await signedIn(await invited('adviser', reported.id));
    expect(adviser.kind).toBe('adviser');
    const view = await viewRespondentCase(context(), adviser);
    expect(view.actions).toEqual([]);
    expect(view.notice?.text).toBe(noticeText);
    const before = await stateOf(reported.id);
    await expect(actAsRespondent(context(), adviser, view.formToken, { step: 'respond', statement: 'Answering for my client.' })).rejects.toSatisfy(
      (error) => isAppError(error) && error.code === 'RESPONDENT_ADVISER_CANNOT_ACT',
    );
    expect(await stateOf(reported.id)).toEqual(before);
    await sendRespondentMessage(context(), adviser, view.formToken, 'I will attend the interview with my client.');
    const panel = await showRespondentPanel(context(), team.handler.member, reported.id);
    expect(panel.messages.map((message) => message.author)).toEqual(['adviser']);
    expect((await viewRespondentCase(context(), session)).messages.map((message) => message.author)).toEqual(['adviser']);
    expect(panel.invitations.map((invitation) => invitation.kind)).toEqual(['respondent', 'adviser']);
  });
});
