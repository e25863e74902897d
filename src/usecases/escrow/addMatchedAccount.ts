/**
 * The matched account reaches the report it went on to. When a reporter goes on to a report the
 * server cannot read their escrow entry, so the case starts with empty answers
 * (usecases/intake/createCaseFromEscrow.ts). When an escrow counsellor who received that report
 * opens the match — in their signed-in session, the only place a matched entry is ever decrypted
 * — the opened account becomes the case's answers, sealed under the case key their session
 * unwraps, and the evidence files become the case's evidence, checked and cleaned as intake
 * cleans uploads (a file intake would refuse leaves all files in escrow, where counsellors still
 * download them). Only entries of a recorded match are ever opened, so nothing unmatched is read.
 *
 * `prepareAccounts` does the work that needs no transaction (the files are written before it,
 * as intake writes them); `addAccounts` runs inside the opening's transaction and adds each
 * account once: a counsellor opening the match at the same moment finds it added and adds nothing.
 */
import { openEvidence } from '../../client/escrow/allegationFormat.ts';
import { isAppError } from '../../core/errors.ts';
import { sealAnswers } from '../../core/intake/caseCrypto.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { caseLinksOf, lockPendingLink, markAccountAdded } from '../../storage/escrow/caseLinkStore.ts';
import { questionnaireById } from '../../storage/questionnaireStore.ts';
import { cases } from '../../storage/schema/index.ts';
import { eq } from 'drizzle-orm';
import { openCaseKey } from '../cases/caseAccess.ts';
import type { Context } from '../context.ts';
import { answersFromAccount } from '../intake/createCaseFromEscrow.ts';
import { prepareEvidence, recordEvidence, sealEvidence, type SealedFile } from '../intake/evidenceUploads.ts';
import type { Counsellor, MatchOpened, OpenedEntry } from './matchOpening.ts';

export type PreparedAccount = {
  allegationId: string;
  caseId: string;
  sealedAnswers: Uint8Array;
  files: SealedFile[];
  /** Why the evidence stayed in escrow, when intake's checks refused it. */
  evidenceRefused: string | undefined;
};

/** The accounts of this match's opened entries whose report still waits for them, sealed for their cases. */
export async function prepareAccounts(context: Context, counsellor: Counsellor, opened: MatchOpened): Promise<PreparedAccount[]> {
  const readable = opened.entries.filter((entry) => entry.content !== undefined);
  const links = await caseLinksOf(
    context.db,
    readable.map((entry) => entry.allegationId),
  );
  const prepared: PreparedAccount[] = [];
  for (const entry of readable) {
    const link = links.get(entry.allegationId);
    if (!link?.caseId || link.accountAddedAt) continue;
    const account = await prepareAccount(context, counsellor, entry, link.caseId);
    if (account) prepared.push(account);
  }
  return prepared;
}

async function prepareAccount(context: Context, counsellor: Counsellor, entry: OpenedEntry, caseId: string): Promise<PreparedAccount | undefined> {
  const { content } = entry;
  if (!content) return undefined;
  let access;
  try {
    access = await openCaseKey(context.db, counsellor, caseId, 'case.act', context.clock());
  } catch (error) {
    // Not a recipient of this report (appointed later, or conflicted): one who is adds the account.
    if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
  const questionnaire = await questionnaireById(context.db, access.found.questionnaireId);
  let files: SealedFile[] = [];
  let evidenceRefused: string | undefined;
  if (content.evidenceKey && entry.sealedEvidence && content.evidence.length > 0) {
    const checked = await prepareEvidence(
      openEvidence(content.evidenceKey, entry.sealedEvidence).map((file) => ({ name: file.name, content: file.bytes, truncated: false })),
      0,
    );
    if (checked.ok) files = sealEvidence(access.caseKey, caseId, checked.files);
    else evidenceRefused = checked.problem.code;
  }
  const answers = answersFromAccount(questionnaire?.definition ?? { questions: [] }, content.account, files.map((file) => file.id));
  return { allegationId: entry.allegationId, caseId, sealedAnswers: sealAnswers(access.caseKey, caseId, answers), files, evidenceRefused };
}

/** Adds each prepared account that is still awaited; answers the allegations whose account was added. */
export async function addAccounts(tx: Tx, counsellor: Counsellor, accounts: readonly PreparedAccount[], now: Date): Promise<Set<string>> {
  const added = new Set<string>();
  for (const account of accounts) {
    const pending = await lockPendingLink(tx, account.allegationId);
    if (pending?.caseId !== account.caseId) continue;
    await tx.update(cases).set({ sealedAnswers: account.sealedAnswers, updatedAt: now }).where(eq(cases.id, account.caseId));
    await recordEvidence(tx, { caseId: account.caseId, files: account.files, messageId: null, now });
    await markAccountAdded(tx, account.allegationId, now);
    await recordAudit(
      tx,
      {
        actorId: counsellor.staffId,
        action: 'escrow.case-account-added',
        subjectType: 'case',
        subjectId: account.caseId,
        orgId: null,
        details: { allegationId: account.allegationId, evidenceFiles: account.files.length, ...(account.evidenceRefused ? { evidenceRefused: account.evidenceRefused } : {}) },
      },
      now,
    );
    added.add(account.allegationId);
  }
  return added;
}
