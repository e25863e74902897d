import { beforeAll, expect, it } from 'vitest';
import { describeStorage, type TestDatabase } from '../../../tests/support/databases.ts';
import { addOrganisation, addStaff, answerWith, completeProgress } from '../../../tests/support/toolkit.ts';
import type { Actor } from '../../core/policy.ts';
import { emptyProgress } from '../../core/toolkit/answering.ts';
import { defaultTemplate } from '../../core/toolkit/defaultTemplate.ts';
import { listTemplates } from '../../storage/toolkit/templateStore.ts';
import { answersSoFar } from '../../storage/toolkit/resultsQueries.ts';
import { pauseAnswers, openInvitation, resumeAnswers, submitAnswers } from './answering.ts';
import { closeRound } from './closeRound.ts';
import { inviteByEmail, printInvitationCodes } from './inviteColleagues.ts';
import { sendReminders } from './sendReminders.ts';
import { toolkitOutboxHandlers } from './toolkitMail.ts';
import { claimDue } from '../../storage/outboxStore.ts';
import type { Mail } from '../../jobs/mail.ts';
import { openRound } from './openRound.ts';
import { networkReport, organisationReport } from './viewResults.ts';
import { shareWithNetwork } from './shareWithNetwork.ts';
import { roundView, roundsFor } from './roundOverview.ts';

describeStorage('assessment rounds', (use) => {
  let database: TestDatabase;
  let harbour: string;
  let valley: string;
  let templateId: string;
  let networkCoordinator: Actor;
  let harbourCoordinator: Actor;
  let valleyCoordinator: Actor;

  beforeAll(async () => {
    database = use();
    harbour = await addOrganisation(database, 'harbour-collective', 'Harbour Collective');
    valley = await addOrganisation(database, 'valley-women', 'Valley Women’s Forum');
    networkCoordinator = await addStaff(database, 'ines.delgado@example.org', 'Inés Delgado', [{ role: 'assessment_coordinator', orgId: null }]);
    harbourCoordinator = await addStaff(database, 'tomas.ferreira@example.org', 'Tomás Ferreira', [{ role: 'assessment_coordinator', orgId: harbour }]);
    valleyCoordinator = await addStaff(database, 'wanjiru.kamau@example.org', 'Wanjiru Kamau', [{ role: 'assessment_coordinator', orgId: valley }]);
    const templates = await listTemplates(database.db);
    templateId = templates.find((template) => template.builtIn)?.id ?? '';
  });

  async function harbourRound(codes: number): Promise<{ roundId: string; codes: string[] }> {
    const roundId = await openRound(database.context, harbourCoordinator, { title: 'Harbour 2026', orgId: harbour, templateId, form: 'short', closesOn: null });
    return { roundId, codes: await printInvitationCodes(database.context, harbourCoordinator, { roundId, orgId: harbour, count: codes, language: 'en' }) };
  }

  it('lets each printed code answer once, and shows results only once the round is closed with five answers', async () => {
    const { roundId, codes } = await harbourRound(6);
    expect(codes).toHaveLength(6);
    for (const [index, code] of codes.slice(0, 4).entries()) await answerWith(database, code, completeProgress(defaultTemplate, 'short', 1 + (index % 3), 'staff'));
    expect(await answersSoFar(database.db, roundId)).toEqual({ shown: false });
    const open = await organisationReport(database.context, harbourCoordinator, roundId, harbour);
    expect(open.results.state).toBe('open');
    await answerWith(database, codes[4] ?? '', completeProgress(defaultTemplate, 'short', 3, 'leadership', { 'policy.written-policy': 'Adopted by the board in 2024.' }));
    expect(await answersSoFar(database.db, roundId)).toEqual({ shown: true, atLeast: 5 });
    await closeRound(database.context, harbourCoordinator, roundId);
    const closed = await organisationReport(database.context, harbourCoordinator, roundId, harbour);
    if (closed.results.state !== 'closed') throw new Error('expected results');
    expect(closed.results.report.respondents).toEqual({ shown: true, n: 5 });
    expect(closed.results.report.domains.every((domain) => domain.overall.shown)).toBe(true);
    // Four staff and one leader: both groups are hidden (one too small, the other its complement).
    expect(closed.results.report.respondentsByRole.leadership.shown).toBe(false);
    expect(closed.results.report.respondentsByRole.staff.shown).toBe(false);
    expect(closed.results.comments).toEqual([{ questionKey: 'policy.written-policy', text: 'Adopted by the board in 2024.' }]);
    // The sixth code died with the round.
    await expect(openInvitation(database.db, codes[5])).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
  });

  it('shows nothing but "too few" for a round closed with four answers', async () => {
    const { roundId, codes } = await harbourRound(4);
    for (const code of codes) await answerWith(database, code, completeProgress(defaultTemplate, 'short', 2, null, { 'culture.respect': 'A comment that must never show.' }));
    await closeRound(database.context, harbourCoordinator, roundId);
    const report = await organisationReport(database.context, harbourCoordinator, roundId, harbour);
    if (report.results.state !== 'closed') throw new Error('expected a closed round');
    expect(report.results.report.respondents.shown).toBe(false);
    expect(report.results.report.domains.some((domain) => domain.overall.shown)).toBe(false);
    expect(report.results.comments).toEqual([]);
  });

  it('refuses a reused, forged or malformed code with one clear error and counts nothing twice', async () => {
    const { roundId, codes } = await harbourRound(2);
    const [first = '', second = ''] = codes;
    await answerWith(database, first, completeProgress(defaultTemplate, 'short', 1));
    await expect(answerWith(database, first, completeProgress(defaultTemplate, 'short', 1))).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
    await expect(answerWith(database, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', completeProgress(defaultTemplate, 'short', 1))).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
    await expect(openInvitation(database.db, '<script>')).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
    // Two tabs submitting the same code at once: one answer is stored.
    const results = await Promise.allSettled([
      answerWith(database, second, completeProgress(defaultTemplate, 'short', 2)),
      answerWith(database, second, completeProgress(defaultTemplate, 'short', 2)),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    await closeRound(database.context, harbourCoordinator, roundId);
    const report = await organisationReport(database.context, harbourCoordinator, roundId, harbour);
    expect(report.results.state === 'closed' && report.results.report.respondents.shown).toBe(false);
  });

  it('refuses a partial submission without using the invitation, and answers after closing', async () => {
    const { roundId, codes } = await harbourRound(1);
    const code = codes[0] ?? '';
    const partial = completeProgress(defaultTemplate, 'short', 2);
    delete partial.answers['policy.policy-known'];
    await expect(submitAnswers(database.context, { code, progress: partial })).rejects.toMatchObject({ code: 'TOOLKIT_ANSWERS_INCOMPLETE' });
    expect((await openInvitation(database.db, code)).roundTitle).toBe('Harbour 2026');
    const resume = await pauseAnswers(database.context, { code, progress: partial });
    await closeRound(database.context, harbourCoordinator, roundId);
    await expect(answerWith(database, code, completeProgress(defaultTemplate, 'short', 2))).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
    await expect(resumeAnswers(database.context, resume)).rejects.toMatchObject({ code: 'TOOLKIT_RESUME_CODE_INVALID' });
    await expect(closeRound(database.context, harbourCoordinator, roundId)).rejects.toMatchObject({ code: 'TOOLKIT_ROUND_CLOSED' });
  });

  it('pauses answers under a resume code and gives them back, once', async () => {
    const { roundId, codes } = await harbourRound(1);
    const code = codes[0] ?? '';
    const halfway = { ...emptyProgress(), role: 'volunteers' as const, answers: { 'policy.written-policy': 3 } };
    const resume = await pauseAnswers(database.context, { code, progress: halfway });
    expect(resume).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const back = await resumeAnswers(database.context, resume.toLowerCase());
    expect(back.progress).toEqual(halfway);
    await submitAnswers(database.context, { code: back.code, progress: completeProgress(defaultTemplate, 'short', 1), resumeCode: back.resumeCode });
    await expect(resumeAnswers(database.context, resume)).rejects.toMatchObject({ code: 'TOOLKIT_RESUME_CODE_INVALID' });
    await closeRound(database.context, harbourCoordinator, roundId);
  });

  it('runs a network round where the roll-up shows only what each member shared', async () => {
    const roundId = await openRound(database.context, networkCoordinator, { title: 'Network 2026', orgId: null, templateId, form: 'short', closesOn: null });
    for (const [orgId, coordinator, count] of [[harbour, harbourCoordinator, 6], [valley, valleyCoordinator, 5]] as const) {
      const codes = await printInvitationCodes(database.context, coordinator, { roundId, orgId, count, language: 'es' });
      for (const code of codes) await answerWith(database, code, completeProgress(defaultTemplate, 'short', 3, 'staff'));
    }
    await expect(shareWithNetwork(database.context, networkCoordinator, { roundId, orgId: harbour, domains: ['policy'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await shareWithNetwork(database.context, harbourCoordinator, { roundId, orgId: harbour, domains: ['policy', 'culture'] });
    await shareWithNetwork(database.context, valleyCoordinator, { roundId, orgId: valley, domains: ['policy'] });
    expect((await networkReport(database.context, networkCoordinator, roundId)).results.state).toBe('open');
    await closeRound(database.context, networkCoordinator, roundId);
    const network = await networkReport(database.context, networkCoordinator, roundId);
    if (network.results.state !== 'closed') throw new Error('expected the roll-up');
    const policy = network.results.rollup.network.find((domain) => domain.key === 'policy');
    expect(policy?.organisations).toBe(2);
    expect(policy?.score.shown && policy.score.summary).toMatchObject({ n: 11, mean: 83.3, spread: 0 });
    const culture = network.results.rollup.network.find((domain) => domain.key === 'culture');
    expect(culture?.organisations).toBe(1);
    const valleyRow = network.results.rollup.organisations.find((row) => row.orgId === valley);
    expect(valleyRow?.domains[3]).toEqual({ shown: false, reason: 'not-shared' });
    // The network sees no member's own report; each member sees only its own.
    await expect(organisationReport(database.context, networkCoordinator, roundId, harbour)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(organisationReport(database.context, valleyCoordinator, roundId, harbour)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(networkReport(database.context, harbourCoordinator, roundId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const view = await roundView(database.context, valleyCoordinator, roundId);
    expect(view.participants.map((participant) => participant.orgId)).toEqual([valley]);
    expect((await roundsFor(database.context, valleyCoordinator)).map((round) => round.id)).toContain(roundId);
  });

  it('e-mails each invitee a one-time link drawn at sending time, and a reminder with a fresh one that dies with the first', async () => {
    const roundId = await openRound(database.context, harbourCoordinator, { title: 'Harbour by e-mail', orgId: harbour, templateId, form: 'short', closesOn: '2099-01-31' });
    await inviteByEmail(database.context, harbourCoordinator, { roundId, orgId: harbour, emails: ['Amina.Yusuf@Example.org'], language: 'es', linkBase: 'https://redress.example/' });
    const sent: Mail[] = [];
    const handlers = toolkitOutboxHandlers({ send: async (mail) => void sent.push(mail), close: () => undefined }, database.context);
    const deliver = async () => {
      for (const message of await claimDue(database.db, new Date(), 50)) await handlers[message.kind]?.(message);
    };
    await deliver();
    await sendReminders(database.context, harbourCoordinator, { roundId, orgId: harbour, linkBase: 'https://redress.example' });
    await deliver();
    expect(sent.map((mail) => mail.to)).toEqual(['amina.yusuf@example.org', 'amina.yusuf@example.org']);
    expect(sent[0]?.subject).toContain('evaluación anónima');
    const codes = sent.map((mail) => /\/toolkit\/answer\/([0-9A-Z-]{19})/.exec(mail.text)?.[1] ?? '');
    expect(codes[0]).not.toBe(codes[1]);
    expect((await openInvitation(database.db, codes[0])).roundTitle).toBe('Harbour by e-mail');
    await answerWith(database, codes[1] ?? '', completeProgress(defaultTemplate, 'short', 1));
    await expect(openInvitation(database.db, codes[0])).rejects.toMatchObject({ code: 'TOOLKIT_INVITATION_INVALID' });
    // Once answered, a reminder reaches no one.
    await sendReminders(database.context, harbourCoordinator, { roundId, orgId: harbour, linkBase: 'https://redress.example' });
    await deliver();
    expect(sent).toHaveLength(2);
    await closeRound(database.context, harbourCoordinator, roundId);
  });

  it('keeps one organisation’s coordinator out of another organisation’s round', async () => {
    const { roundId } = await harbourRound(1);
    await expect(roundView(database.context, valleyCoordinator, roundId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(printInvitationCodes(database.context, valleyCoordinator, { roundId, orgId: harbour, count: 1, language: 'en' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(closeRound(database.context, valleyCoordinator, roundId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(printInvitationCodes(database.context, harbourCoordinator, { roundId, orgId: harbour, count: 0, language: 'en' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
