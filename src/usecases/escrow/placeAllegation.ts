/**
 * A reporter places an allegation in escrow: one entry per identifier (tag, sealed allegation,
 * shares sealed to each counsellor) and the evidence sealed once. In order: the token and the
 * shape of every entry; then, outside any transaction, the receipt's one Argon2id derivation;
 * then one transaction with one database call (storage/escrow/entryStore.ts `placeInDatabase`)
 * that checks the token and the counsellors the entries are sealed to, charges the entries to the
 * token's evaluations, locks the tags, stores everything, counts reporters per tag (a respondent
 * this reporter already named fails the dedupe index), records a match where a tag reaches the
 * threshold with a content-free alert queued to every counsellor, and appends the audit entry,
 * checked here. A match is audited in one more call. Anything refused stores nothing. The
 * receipt is returned once and never stored.
 */
import crypto from 'node:crypto';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import { AppError } from '../../core/errors.ts';
import { entryDedupeKey, parseReporterToken } from '../../core/escrow/reporterToken.ts';
import { formatReceipt, newReceipt } from '../../core/intake/receipt.ts';
import { preparedAudit, recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { existingDedupeKeys, isDuplicateEntry, placeInDatabase, type MatchChange } from '../../storage/escrow/entryStore.ts';
import { defaultEscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import { reporterByToken, reporterTokenHash } from '../../storage/escrow/reporterStore.ts';
import { checkEntries, type SubmittedEntry } from './entryShape.ts';
import { escrowReceiptLookup } from './escrowReceipts.ts';
import type { EscrowContext } from './escrowService.ts';

export const ESCROW_MATCH_MAIL = 'mail.escrow-match';

export type PlacementRequest = {
  token: unknown;
  entries: SubmittedEntry[];
  evidence: Uint8Array | undefined;
  /** Where counsellors' alert e-mails link to; undefined when no e-mail is sent (no SMTP). */
  mailLinkBase: string | undefined;
};

export type Placement = { receipt: string; placedAt: Date; allegationId: string };

const refusals = {
  token_invalid: () => new AppError('ESCROW_TOKEN_INVALID'),
  no_counsellors: () => new AppError('ESCROW_UNAVAILABLE', { detail: 'the network has no escrow counsellor' }),
  counsellors_changed: () => new AppError('ESCROW_COUNSELLORS_CHANGED'),
  not_charged: () => new AppError('ESCROW_ENTRY_INVALID', { detail: 'more entries than OPRF evaluations under this token' }),
};

export async function placeAllegation(context: EscrowContext, request: PlacementRequest): Promise<Placement> {
  const token = parseReporterToken(request.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  const tokenHash = reporterTokenHash(token);
  const { knownTokens } = context.escrow;
  // Cheap refusals first: an unknown token must not cost the server an Argon2id derivation.
  if (!knownTokens.has(tokenHash)) {
    if (!(await reporterByToken(context.db, token))) throw new AppError('ESCROW_TOKEN_INVALID');
    knownTokens.add(tokenHash);
  }
  const sealedTo = checkEntries(request.entries, request.evidence);

  const now = context.clock();
  const receipt = newReceipt();
  // The one Argon2id derivation, before the transaction so no lock is held while it runs.
  const receiptLookup = await escrowReceiptLookup(context.db, receipt, context.argon2);
  const allegationId = crypto.randomUUID();
  const dedupeKeys = request.entries.map((entry) => entryDedupeKey(token, entry.tag));
  try {
    await context.db.transaction(async (tx) => {
      const audit = preparedAudit({ actorId: null, action: 'escrow.allegation-placed', subjectType: 'escrow-allegation', subjectId: allegationId, details: { entries: request.entries.length } }, now);
      const placed = await placeInDatabase(tx, {
        tokenHash,
        sealedTo,
        defaultThreshold: defaultEscrowSettings.threshold,
        id: allegationId,
        receiptLookup,
        sealedEvidence: request.evidence ?? null,
        now,
        alert: request.mailLinkBase === undefined ? undefined : { kind: ESCROW_MATCH_MAIL, linkBase: request.mailLinkBase },
        audit,
        entries: request.entries.map((entry, index) => ({
          id: crypto.randomUUID(),
          tag: entry.tag,
          dedupeKey: dedupeKeys[index] ?? new Uint8Array(),
          ciphertext: entry.ciphertext,
          shares: entry.sealedForCounsellors,
        })),
      });
      if (placed.outcome !== 'placed') throw refusals[placed.outcome]();
      audit.check(placed.audit);
      for (const change of placed.matches) await auditMatch(tx, change, now);
    });
  } catch (error) {
    if (!isDuplicateEntry(error)) throw error;
    const existing = await existingDedupeKeys(context.db, dedupeKeys);
    throw new AppError('ESCROW_ALREADY_NAMED', { index: dedupeKeys.findIndex((key) => existing.has(bytesToHex(key))) });
  }
  return { receipt: formatReceipt(receipt), placedAt: now, allegationId };
}

function auditMatch(tx: Tx, change: MatchChange, now: Date) {
  return recordAudit(
    tx,
    { actorId: null, action: change.isNew ? 'escrow.match-found' : 'escrow.match-grew', subjectType: 'escrow-match', subjectId: change.matchId, details: { reporters: change.reporters } },
    now,
  );
}
