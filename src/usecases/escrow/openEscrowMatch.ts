/**
 * An escrow counsellor opens a match: the entries on its tag are opened in their session and
 * shown with each reporter's decision and, where a reporter went on to a report, that report.
 * The read is audited (who, which match, how many entries opened, why any could not be) in the
 * same transaction that marks the match as seen for them — and that adds the account of each
 * reporter who went on to a report this counsellor received, if it was not added yet
 * (addMatchedAccount.ts); its evidence files are written before that transaction, as intake
 * writes them, and removed again if they were not needed after all.
 */
import { recordAudit } from '../../storage/auditLog.ts';
import { removeFiles } from '../../storage/attachmentFiles.ts';
import { caseLinksOf, type CaseLink } from '../../storage/escrow/caseLinkStore.ts';
import { markMatchSeen } from '../../storage/escrow/matchStore.ts';
import type { Context } from '../context.ts';
import { withEvidenceFiles } from '../intake/evidenceUploads.ts';
import { addAccounts, prepareAccounts } from './addMatchedAccount.ts';
import { openMatchInSession, type Counsellor, type MatchOpened } from './matchOpening.ts';

/** The opened match, and the report each allegation went on to (by allegation id). */
export type MatchRead = MatchOpened & { reports: Map<string, CaseLink> };

export async function openEscrowMatch(context: Context, counsellor: Counsellor, matchId: string, attachmentsFolder: string): Promise<MatchRead> {
  const opened = await openMatchInSession(context, counsellor, matchId);
  const accounts = await prepareAccounts(context, counsellor, opened);
  const files = accounts.flatMap((account) => account.files);
  const now = context.clock();
  const added = await withEvidenceFiles(attachmentsFolder, files, () =>
    context.db.transaction(async (tx) => {
      await markMatchSeen(tx, opened.match.id, counsellor.staffId, opened.match.reporters, now);
      await recordAudit(
        tx,
        {
          actorId: counsellor.staffId,
          action: 'escrow.match-opened',
          subjectType: 'escrow-match',
          subjectId: opened.match.id,
          details: {
            outcome: opened.outcome,
            entries: opened.entries.length,
            read: opened.entries.filter((entry) => entry.content).length,
            problems: opened.entries.flatMap((entry) => (entry.problem ? [entry.problem] : [])),
          },
        },
        now,
      );
      return addAccounts(tx, counsellor, accounts, now);
    }),
  );
  const unused = accounts.filter((account) => !added.has(account.allegationId)).flatMap((account) => account.files.map((file) => file.storageName));
  if (unused.length > 0) await removeFiles(attachmentsFolder, unused);
  return {
    ...opened,
    reports: await caseLinksOf(
      context.db,
      opened.entries.map((entry) => entry.allegationId),
    ),
  };
}
