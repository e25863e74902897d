/**
 * Evidence shared for the review (34 CFR 106.45(b)(5)(vi); docs/procedures.md "Equal
 * opportunity"): a handler or investigator on the case chooses which evidence items both parties
 * may review — the case's files (the reporter's and staff's), the evidence statements recorded in
 * the procedure, and what the respondent brought. An item sealed with the case key is copied,
 * sealed with the respondent key, so the respondent can read it (a statement becomes an
 * `evidenceForReview` document, a file a new file and row added by staff); the respondent's own
 * items are only recorded as shared, which is what lists them for the reporter (who holds the
 * case key, and so the respondent key). Sharing is possible once the respondent has the notice
 * and until the review closes; nothing is shared twice; every share is audited by ids only.
 *
 * Files are copied before the recording transaction and removed again if it fails, or if they
 * were not needed (someone shared the same item meanwhile), as for uploads.
 */
import crypto from 'node:crypto';
import { EVIDENCE_DOCUMENT, EVIDENCE_FOR_REVIEW, mayShareEvidence, sharingWindow, type SharingWindow } from '../../core/cases/evidenceReview.ts';
import { AppError } from '../../core/errors.ts';
import {
  openAttachment,
  openAttachmentMetadata,
  openDocument,
  openRespondentKey,
  sealAttachment,
  sealAttachmentMetadata,
  sealDocument,
  type CaseKey,
} from '../../core/intake/caseCrypto.ts';
import { respondentTimeline, type RespondentTimeline } from '../../core/respondent/portalView.ts';
import { attachmentsOfCase, readSealedFile, removeFiles } from '../../storage/attachmentFiles.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { insertDocument, lockCase } from '../../storage/caseHandlingStore.ts';
import type { CaseRow } from '../../storage/caseQueries.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { inSequence, type Queryable, type Tx } from '../../storage/database.ts';
import { documentsOfKind, insertShares, sharesOfCase } from '../../storage/evidenceShareStore.ts';
import { insertRespondentFiles, respondentAttachments } from '../../storage/respondentStore.ts';
import type { Context } from '../context.ts';
import { withEvidenceFiles, type SealedFile } from '../intake/evidenceUploads.ts';
import { openCaseKey, type CaseAccess, type StaffMember } from './caseAccess.ts';
import { handledCase, respondentKeyOf, type HandledCase } from './handledCase.ts';

/** An evidence item that may be shared: a file or a statement, from the case file or from the respondent. */
export type ReviewItem = { id: string; kind: 'file' | 'document'; from: 'case' | 'respondent'; label: string; at: Date; shared: boolean };

export type EvidenceReviewPanel = {
  window: SharingWindow;
  review: RespondentTimeline['evidenceReview'];
  /** The reader is a handler or investigator on the case (and the window is open). */
  mayShare: boolean;
  items: ReviewItem[];
};

/** Most items one form may share; more is bad input. */
const MAX_ITEMS = 500;

function hasEvidenceReview(handled: HandledCase): boolean {
  return handled.definition.steps.some((step) => step.action === 'openEvidenceReview');
}

/** Every evidence item of the case, oldest first, with whether it was shared already. */
async function evidenceItems(db: Queryable, row: CaseRow, caseKey: CaseKey): Promise<ReviewItem[]> {
  const respondentKey = row.sealedRespondentKey ? openRespondentKey(caseKey, row.id, row.sealedRespondentKey) : null;
  const [caseFiles, respondentFiles, documents, shares] = await inSequence([
    () => attachmentsOfCase(db, row.id),
    () => respondentAttachments(db, row.id),
    () => documentsOfKind(db, row.id, EVIDENCE_DOCUMENT),
    () => sharesOfCase(db, row.id),
  ]);
  const shared = new Set(shares.map((share) => share.sourceId));
  const item = (id: string, kind: ReviewItem['kind'], from: ReviewItem['from'], label: string, at: Date): ReviewItem => ({ id, kind, from, label, at, shared: shared.has(id) });
  const files = [
    ...caseFiles.map((file) => item(file.id, 'file', 'case', openAttachmentMetadata(caseKey, row.id, file.id, file.sealedMetadata).name, file.createdAt)),
    // Copies made for the review are added by staff; only what the respondent sent is their evidence.
    ...(respondentKey
      ? respondentFiles
          .filter((file) => file.addedBy === 'respondent')
          .map((file) => item(file.id, 'file', 'respondent', openAttachmentMetadata(respondentKey, row.id, file.id, file.sealedMetadata).name, file.createdAt))
      : []),
  ];
  const statements = documents.flatMap((document) => {
    const key = document.sealedWith === 'respondent' ? respondentKey : caseKey;
    if (!key) return [];
    const from = document.sealedWith === 'respondent' ? 'respondent' : 'case';
    return [item(document.id, 'document', from, openDocument(key, row.id, document.id, document.sealedBody).text, document.createdAt)];
  });
  return [...files, ...statements].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}

/** The evidence-review part of the case page; null when the case's procedure has no evidence review. */
export async function readEvidenceReview(tx: Tx, access: CaseAccess, member: StaffMember, handled: HandledCase, now: Date): Promise<EvidenceReviewPanel | null> {
  if (!hasEvidenceReview(handled)) return null;
  const window = sharingWindow(handled.definition, handled.state);
  return {
    window,
    review: respondentTimeline(handled.definition, handled.state, now).evidenceReview,
    mayShare: window === 'open' && mayShareEvidence(handled.state, member.staffId),
    items: await evidenceItems(tx, access.found, access.caseKey),
  };
}

/** The chosen ids from a form (one value or several), checked for shape; nothing chosen is an error. */
function chosenIds(items: unknown): string[] {
  const values = items === undefined || items === null ? [] : Array.isArray(items) ? items : [items];
  if (values.length === 0) throw new AppError('EVIDENCE_SHARE_EMPTY');
  if (values.length > MAX_ITEMS || !values.every(isCaseId)) throw new AppError('EVIDENCE_ITEM_UNKNOWN');
  return [...new Set(values as string[])];
}

type Plan = { row: CaseRow; caseKey: CaseKey; respondentKey: Uint8Array; toShare: ReviewItem[] };

/** Who may share, when, and what of the chosen items is still to share; refusals change nothing. */
async function planShare(tx: Tx, member: StaffMember, caseId: string, chosen: readonly string[], now: Date): Promise<Plan> {
  const { found, caseKey } = await openCaseKey(tx, member, caseId, 'case.act', now);
  // The row is locked: two shares of the same item wait for each other, and the second finds it shared.
  const row = await lockCase(tx, found.id);
  if (!row) throw new AppError('NOT_FOUND');
  const handled = await handledCase(tx, row);
  // Someone not on the case's team as handler or investigator finds no such form.
  if (!hasEvidenceReview(handled) || !mayShareEvidence(handled.state, member.staffId)) throw new AppError('NOT_FOUND');
  if (sharingWindow(handled.definition, handled.state) !== 'open') throw new AppError('EVIDENCE_REVIEW_NOT_OPEN');
  const items = await evidenceItems(tx, row, caseKey);
  const picked = chosen.map((id) => items.find((item) => item.id === id));
  if (picked.some((item) => item === undefined)) throw new AppError('EVIDENCE_ITEM_UNKNOWN');
  const respondentKey = await respondentKeyOf(tx, row, caseKey);
  return { row, caseKey, respondentKey, toShare: (picked as ReviewItem[]).filter((item) => !item.shared) };
}

export type ShareOutcome = { shared: number };

export async function shareEvidenceForReview(context: Context, member: StaffMember, caseId: string, input: { items: unknown; folder: string }): Promise<ShareOutcome> {
  const chosen = chosenIds(input.items);
  const now = context.clock();
  const first = await context.db.transaction((tx) => planShare(tx, member, caseId, chosen, now));
  const copies = await sealCopies(context.db, first, input.folder);
  const sealed = [...copies.values()];
  const used = new Set<string>();
  try {
    return await withEvidenceFiles(input.folder, sealed, () =>
      context.db.transaction(async (tx) => {
        const plan = await planShare(tx, member, caseId, chosen, now);
        const { row, respondentKey } = plan;
        const shares = [];
        for (const item of plan.toShare) {
          let copyId: string | null = null;
          if (item.from === 'case' && item.kind === 'file') {
            const copy = copies.get(item.id);
            if (!copy) throw new AppError('EVIDENCE_ITEM_UNKNOWN');
            await insertRespondentFiles(tx, { caseId: row.id, files: [copy], addedBy: 'staff', now });
            used.add(copy.id);
            copyId = copy.id;
          } else if (item.from === 'case') {
            copyId = crypto.randomUUID();
            await insertDocument(tx, {
              id: copyId,
              caseId: row.id,
              kind: EVIDENCE_FOR_REVIEW,
              sealedWith: 'respondent',
              sealedBody: sealDocument(respondentKey, row.id, copyId, { text: item.label }),
              authorKind: 'staff',
              authorStaffId: member.staffId,
              createdAt: now,
            });
          }
          shares.push({ caseId: row.id, sourceId: item.id, sourceKind: item.kind, copyId, sharedBy: member.staffId, sharedAt: now });
        }
        if (shares.length === 0) return { shared: 0 };
        await insertShares(tx, shares);
        await recordAudit(
          tx,
          {
            actorId: member.staffId,
            action: 'case.evidence-shared',
            subjectType: 'case',
            subjectId: row.id,
            orgId: row.orgId,
            details: { items: shares.map((share) => share.sourceId).join(','), copies: shares.flatMap((share) => (share.copyId ? [share.copyId] : [])).join(',') },
          },
          now,
        );
        return { shared: shares.length };
      }),
    );
  } finally {
    // Copies not recorded (the item was shared by someone else meanwhile) leave nothing on disk.
    const unused = sealed.filter((copy) => !used.has(copy.id)).map((copy) => copy.storageName);
    if (unused.length > 0) await removeFiles(input.folder, unused);
  }
}

/** Reads each case file to share from disk, opens it with the case key and seals it again, under a new id, with the respondent key. */
async function sealCopies(db: Queryable, plan: Plan, folder: string): Promise<Map<string, SealedFile>> {
  const { row, caseKey, respondentKey } = plan;
  const wanted = new Set(plan.toShare.filter((item) => item.kind === 'file' && item.from === 'case').map((item) => item.id));
  const copies = new Map<string, SealedFile>();
  if (wanted.size === 0) return copies;
  for (const file of await attachmentsOfCase(db, row.id)) {
    if (!wanted.has(file.id)) continue;
    const sealed = await readSealedFile(folder, file.storageName);
    if (!sealed) throw new AppError('ATTACHMENT_MISSING');
    const bytes = openAttachment(caseKey, row.id, file.id, sealed);
    const metadata = openAttachmentMetadata(caseKey, row.id, file.id, file.sealedMetadata);
    const id = crypto.randomUUID();
    copies.set(file.id, {
      id,
      storageName: id,
      sealed: sealAttachment(respondentKey, row.id, id, bytes),
      sealedMetadata: sealAttachmentMetadata(respondentKey, row.id, id, metadata),
      size: bytes.length,
    });
  }
  return copies;
}
