/**
 * Fixtures for the respondent's side: a formal case taken, through the real engine, up to the
 * written notice — two handlers and an investigator on it, the reporter's consent given as the
 * reporter, the notice sealed for the respondent — with a word planted in everything the
 * reporter's side holds (account, identity, the reporter's thread), so tests can show that the
 * word never reaches a respondent's page. Everyone and everything here is invented.
 */
import crypto from 'node:crypto';
import { sealMessage } from '../../src/core/intake/caseCrypto.ts';
import { lockCase } from '../../src/storage/caseHandlingStore.ts';
import { caseMessages } from '../../src/storage/schema/index.ts';
import { actAsParty } from '../../src/usecases/cases/actAsParty.ts';
import { actOnCase } from '../../src/usecases/cases/actOnCase.ts';
import type { Context } from '../../src/usecases/context.ts';
import type { CaseStaff } from './caseFixtures.ts';
import { reportedCase, type ReportedCase } from './caseFixtures.ts';

export const noticeText =
  'Written notice: it is alleged that at the March planning retreat you made repeated unwelcome remarks to a colleague. ' +
  'You are presumed not responsible until the outcome; you may have an adviser; you may review the evidence; retaliation is forbidden.';

/** Takes an action as staff; a refusal fails the test setup loudly. */
export async function staffActs(context: Context, who: CaseStaff, caseId: string, action: Record<string, unknown>): Promise<void> {
  const outcome = await actOnCase(context, who.member, caseId, action);
  if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
}

/** Takes an action as the reporter, with the case key, as the reporter's own pages do. */
export async function reporterActs(context: Context, reported: ReportedCase, action: Record<string, unknown>): Promise<void> {
  const outcome = await context.db.transaction(async (tx) => {
    const row = await lockCase(tx, reported.id);
    if (!row) throw new Error('no such case');
    return actAsParty(tx, { row, party: 'reporter', keys: { caseKey: reported.caseKey }, action, now: context.clock() });
  });
  if (!outcome.ok) throw new Error(`${String(action.type)} refused: ${JSON.stringify(outcome.refusal)}`);
}

/** A message on the reporter's thread, sealed with the case key as intake stores it. */
export async function reporterMessage(context: Context, reported: ReportedCase, text: string): Promise<void> {
  const id = crypto.randomUUID();
  await context.db.insert(caseMessages).values({
    id,
    caseId: reported.id,
    thread: 'reporter',
    kind: 'message',
    authorKind: 'reporter',
    sealedBody: sealMessage(reported.caseKey, reported.id, id, text),
    createdAt: context.clock(),
  });
}

export type RespondentTeam = { handler: CaseStaff; secondHandler: CaseStaff; investigator: CaseStaff };

/**
 * A formal case triaged by two handlers with an investigator assigned, the planted word in the
 * reporter's account, identity and thread; with `consent` the reporter agrees to contact, and
 * with `notice` the handler records the written notice.
 */
export async function formalCaseForRespondent(
  context: Context,
  input: { orgId: string; team: RespondentTeam; planted: string; consent: boolean; notice: boolean },
): Promise<ReportedCase> {
  const { handler, secondHandler, investigator } = input.team;
  const reported = await reportedCase(context.db, {
    orgId: input.orgId,
    holders: [handler, secondHandler, investigator],
    path: 'formal',
    at: context.clock(),
    account: `The reporter's own account mentions ${input.planted} and the spring workshop.`,
    identity: { name: `Reporter ${input.planted}`, contact: `${input.planted.toLowerCase()}@example.org` },
  });
  await reporterMessage(context, reported, `A reporter's message about ${input.planted}.`);
  await staffActs(context, handler, reported.id, { type: 'declareNoConflict' });
  await staffActs(context, handler, reported.id, { type: 'assign', staffId: handler.id, as: 'handler' });
  await staffActs(context, handler, reported.id, { type: 'acknowledge' });
  await staffActs(context, handler, reported.id, { type: 'assign', staffId: secondHandler.id, as: 'handler' });
  await staffActs(context, handler, reported.id, { type: 'assign', staffId: investigator.id, as: 'investigator' });
  await staffActs(context, secondHandler, reported.id, { type: 'declareNoConflict' });
  await staffActs(context, investigator, reported.id, { type: 'declareNoConflict' });
  await staffActs(context, handler, reported.id, { type: 'triage', priority: 'normal', retaliationRisk: 'medium' });
  if (input.consent) await reporterActs(context, reported, { type: 'allowRespondentContact' });
  if (input.notice) {
    await staffActs(context, handler, reported.id, {
      type: 'notifyRespondent',
      noticeRef: noticeText,
      contents: ['allegations', 'rights', 'presumptionOfNoResponsibility', 'adviser', 'evidenceReview', 'noRetaliation'],
    });
  }
  return reported;
}
