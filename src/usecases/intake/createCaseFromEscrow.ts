/**
 * A matched escrow reporter goes on to a report: the case is created as intake creates one, inside
 * the caller's transaction (usecases/escrow/decideOnMatch.ts, which has locked the allegation and
 * checked the reporter's consent and the match). The case gets its own random key; the key is
 * wrapped under the new receipt's key for the reporter (who follows the case at /follow-up, like
 * any report) and for the network's escrow counsellors, who work the escrow procedure, with an
 * emergency copy for the network's admins (break-glass only). The case is the network's, on the
 * `escrow` procedure with origin `escrowMatch`, its first step — recording the match — taken by
 * Redress itself.
 *
 * The server cannot read an escrow entry, so the case starts with empty answers: the matched
 * account is sealed into it when an escrow counsellor next opens the match in their session
 * (`addMatchedAccount`, called from usecases/escrow/openEscrowMatch.ts), the only place a matched
 * entry is ever decrypted. An unmatched entry can never go on, so nothing unmatched is read.
 */
import crypto from 'node:crypto';
import { handlingColumns, latestTemplate } from '../../core/cases/handling.ts';
import { AppError } from '../../core/errors.ts';
import type { Answers } from '../../core/intake/answers.ts';
import { newCaseKey, sealAnswers, wrapForReceipt, wrapForStaff, type CaseKey, type ReceiptKeys } from '../../core/intake/caseCrypto.ts';
import type { QuestionnaireDefinition } from '../../core/intake/questionnaire.ts';
import { applyAction, startCase } from '../../core/procedures/index.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { queuePartyNews } from '../cases/caseMail.ts';
import { saveHandling } from '../../storage/caseHandlingStore.ts';
import { addCaseEvent, recipientCandidates } from '../../storage/caseQueries.ts';
import type { Tx } from '../../storage/database.ts';
import { activeCounsellors } from '../../storage/escrow/escrowSettingsStore.ts';
import { currentQuestionnaire } from '../../storage/questionnaireStore.ts';
import { caseKeys, cases } from '../../storage/schema/index.ts';

export type EscrowCaseInput = { allegationId: string; matchId: string; receiptKeys: ReceiptKeys; now: Date };

export async function createCaseFromEscrow(tx: Tx, input: EscrowCaseInput): Promise<{ caseId: string; recipients: number }> {
  const { now } = input;
  const definition = latestTemplate('escrow');
  if (!definition) throw new AppError('INTERNAL', { detail: 'the escrow procedure is not shipped' });
  const started = applyAction(definition, startCase(definition, { receivedAt: now, origin: 'escrowMatch' }), { type: 'recordEscrowMatch', matchRef: `escrow-match:${input.matchId}` }, { kind: 'system' }, now);
  if (!started.ok) throw new AppError('INTERNAL', { detail: `the escrow procedure refused the match: ${started.error.code}` });
  const counsellors = await activeCounsellors(tx);
  if (counsellors.length === 0) throw new AppError('ESCROW_UNAVAILABLE', { detail: 'the network has no escrow counsellor to receive the report' });

  const caseId = crypto.randomUUID();
  const caseKey = newCaseKey();
  const questionnaire = await currentQuestionnaire(tx, null);
  const columns = handlingColumns(definition, started.state, now);
  await tx.insert(cases).values({
    id: caseId,
    orgId: null,
    channelOrgId: null,
    status: columns.status,
    path: columns.path,
    identityMode: 'anonymous',
    questionnaireId: questionnaire.id,
    receiptLookup: input.receiptKeys.lookup,
    sealedAnswers: sealAnswers(caseKey, caseId, {}),
    sealedIdentity: null,
    createdAt: now,
    submittedAt: now,
    updatedAt: now,
  });
  await saveHandling(tx, caseId, started.state, columns, now);
  const recipients = await wrapForEscrowRecipients(tx, caseId, caseKey, counsellors, now);
  await tx.insert(caseKeys).values({ caseId, holder: 'receipt', staffId: null, wrappedKey: wrapForReceipt(input.receiptKeys.wrapKey, caseKey, caseId), createdAt: now });
  await addCaseEvent(tx, { caseId, kind: 'submitted', actorKind: 'reporter', at: now });
  await queuePartyNews(tx, caseId, 'newReport', now);
  await recordAudit(
    tx,
    { actorId: null, action: 'case.submitted', subjectType: 'case', subjectId: caseId, orgId: null, details: { origin: 'escrowMatch', allegationId: input.allegationId, recipients } },
    now,
  );
  return { caseId, recipients };
}

/** The escrow counsellors receive the case; network admins who are not counsellors hold an emergency copy. */
async function wrapForEscrowRecipients(tx: Tx, caseId: string, caseKey: CaseKey, counsellors: { id: string; publicKey: Uint8Array }[], now: Date): Promise<number> {
  const designated = new Set(counsellors.map((counsellor) => counsellor.id));
  const emergency = (await recipientCandidates(tx, null)).networkAdmins.filter((admin) => !designated.has(admin.staffId));
  const wrapped = [
    ...counsellors.map((counsellor) => ({ holder: 'staff', staffId: counsellor.id, publicKey: counsellor.publicKey })),
    ...emergency.map((admin) => ({ holder: 'emergency', staffId: admin.staffId, publicKey: admin.publicKey })),
  ];
  await tx.insert(caseKeys).values(
    wrapped.map((holder) => ({ caseId, holder: holder.holder, staffId: holder.staffId, wrappedKey: wrapForStaff(holder.publicKey, caseKey, caseId, holder.staffId), createdAt: now })),
  );
  return counsellors.length;
}

/**
 * The answers a matched account becomes under the case's questionnaire: the account in the
 * questionnaire's account question (`account`, or else its first required long text), and the
 * evidence file ids in its first file question, with the answer that question depends on.
 */
export function answersFromAccount(definition: QuestionnaireDefinition, account: string, fileIds: readonly string[]): Answers {
  const accountQuestion =
    definition.questions.find((question) => question.id === 'account' && question.type === 'long_text') ??
    definition.questions.find((question) => question.type === 'long_text' && question.required === true) ??
    definition.questions.find((question) => question.type === 'long_text');
  const answers: Answers = accountQuestion ? { [accountQuestion.id]: account } : {};
  const fileQuestion = definition.questions.find((question) => question.type === 'file');
  if (fileQuestion && fileIds.length > 0) {
    answers[fileQuestion.id] = [...fileIds];
    if (fileQuestion.showIf) answers[fileQuestion.showIf.questionId] = fileQuestion.showIf.equals;
  }
  return answers;
}
