/**
 * A reporter places an allegation in escrow: one entry per identifier (tag, sealed allegation,
 * shares sealed to each counsellor) and the evidence sealed once. In order: the token and the
 * shape of every entry; then, outside any transaction, the receipt's one Argon2id derivation;
 * then one transaction that charges the entries to the token's evaluations, locks the tags,
 * stores everything while counting reporters per tag (a respondent this reporter already named
 * fails the dedupe index), and — where a tag reaches the network's threshold — records the
 * match, queues a content-free alert to every counsellor and audits it. Anything refused stores
 * nothing. The receipt is returned once and never stored.
 */
import crypto from 'node:crypto';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import { AppError } from '../../core/errors.ts';
import { entryDedupeKey, parseReporterToken, type ReporterToken } from '../../core/escrow/reporterToken.ts';
import { formatReceipt, newReceipt } from '../../core/intake/receipt.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import type { Tx } from '../../storage/database.ts';
import { chargeReporter, existingDedupeKeys, insertAllegation, isDuplicateEntry, lockTags, recordMatch, type MatchChange } from '../../storage/escrow/entryStore.ts';
import { activeCounsellors, readEscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import { reporterByToken, reporterTokenHash } from '../../storage/escrow/reporterStore.ts';
import { enqueue } from '../../storage/outboxStore.ts';
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

export async function placeAllegation(context: EscrowContext, request: PlacementRequest): Promise<Placement> {
  const token = parseReporterToken(request.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  // Cheap refusals first: an unknown token must not cost the server an Argon2id derivation.
  if (!(await reporterByToken(context.db, token))) throw new AppError('ESCROW_TOKEN_INVALID');
  const counsellors = await activeCounsellors(context.db);
  checkEntries(request.entries, counsellors.map((counsellor) => counsellor.id), request.evidence);
  // Fixed once the first entry exists (changeEscrowSettings.ts), so it can be read before the transaction.
  const { threshold } = await readEscrowSettings(context.db);

  const now = context.clock();
  const receipt = newReceipt();
  // The one Argon2id derivation, before the transaction so no lock is held while it runs.
  const receiptLookup = await escrowReceiptLookup(context.db, receipt, context.argon2);
  const allegationId = crypto.randomUUID();
  const dedupeKeys = request.entries.map((entry) => entryDedupeKey(token, entry.tag));
  try {
    await context.db.transaction(async (tx) => {
      const counts = await storeAllegation(tx, { token, entries: request.entries, dedupeKeys, evidence: request.evidence, allegationId, receiptLookup, now });
      await recordAudit(tx, { actorId: null, action: 'escrow.allegation-placed', subjectType: 'escrow-allegation', subjectId: allegationId, details: { entries: request.entries.length } }, now);
      for (const entry of request.entries) {
        const reporters = counts.get(bytesToHex(entry.tag)) ?? 0;
        if (reporters < threshold) continue;
        const change = await recordMatch(tx, entry.tag, reporters, now);
        await announceMatch(tx, change, counsellors.map((counsellor) => counsellor.id), request.mailLinkBase, now);
      }
    });
  } catch (error) {
    if (!isDuplicateEntry(error)) throw error;
    const existing = await existingDedupeKeys(context.db, dedupeKeys);
    throw new AppError('ESCROW_ALREADY_NAMED', { index: dedupeKeys.findIndex((key) => existing.has(bytesToHex(key))) });
  }
  return { receipt: formatReceipt(receipt), placedAt: now, allegationId };
}

/**
 * Charges the entries to the reporter's evaluations (every honest entry follows one, so storage
 * grows no faster than the rate limit), locks the tags, stores everything and answers each
 * tag's number of reporters (one entry per reporter per tag, so entries are reporters).
 */
async function storeAllegation(
  tx: Tx,
  input: { token: ReporterToken; entries: SubmittedEntry[]; dedupeKeys: Uint8Array[]; evidence: Uint8Array | undefined; allegationId: string; receiptLookup: string; now: Date },
): Promise<Map<string, number>> {
  if (!(await chargeReporter(tx, reporterTokenHash(input.token), input.entries.length))) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: 'more entries than OPRF evaluations under this token' });
  }
  await lockTags(tx, input.entries.map((entry) => entry.tag));
  return insertAllegation(tx, {
    id: input.allegationId,
    receiptLookup: input.receiptLookup,
    sealedEvidence: input.evidence ?? null,
    now: input.now,
    entries: input.entries.map((entry, index) => ({
      id: crypto.randomUUID(),
      tag: entry.tag,
      dedupeKey: input.dedupeKeys[index] ?? new Uint8Array(),
      ciphertext: entry.ciphertext,
      shares: entry.sealedForCounsellors,
    })),
  });
}

async function announceMatch(tx: Tx, change: MatchChange, counsellorIds: string[], linkBase: string | undefined, now: Date): Promise<void> {
  await recordAudit(
    tx,
    { actorId: null, action: change.isNew ? 'escrow.match-found' : 'escrow.match-grew', subjectType: 'escrow-match', subjectId: change.matchId, details: { reporters: change.reporters } },
    now,
  );
  if (linkBase === undefined) return;
  for (const staffId of counsellorIds) await enqueue(tx, ESCROW_MATCH_MAIL, { staffId, matchId: change.matchId, linkBase }, now);
}
