/**
 * Opening a match in a counsellor's signed-in session, shared by reading the entries and
 * downloading their evidence. The counsellor's X25519 private key exists on the server only
 * inside their session (sealed under the cookie's secret, usecases/session/sessions.ts), so the
 * server opens the shares addressed to them for the length of one request, as it does for case
 * keys. Only tags with a recorded match can be opened; an unmatched entry is never handed out.
 */
import { openMatch, type EntryRejection, type RejectionReason } from '../../core/escrow/entry.ts';
import { AppError } from '../../core/errors.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { decodeAllegation, type AllegationContent } from '../../client/escrow/allegationFormat.ts';
import { entriesOnTag, type SealedEntry } from '../../storage/escrow/entryStore.ts';
import { readEscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import { matchById, type MatchRow } from '../../storage/escrow/matchStore.ts';
import { sessionKeyPair, type SignedIn } from '../session/sessions.ts';
import type { Context } from '../context.ts';

export type Counsellor = Pick<SignedIn, 'sessionId' | 'token' | 'staffId'> & { actor: Actor };

export type OpenedEntry = {
  entryId: string;
  allegationId: string;
  placedAt: Date;
  decision: string;
  content: AllegationContent | undefined;
  sealedEvidence: Uint8Array | null;
  /** Why this entry could not be read, when it could not. */
  problem: RejectionReason | 'format_unknown' | undefined;
};

export type MatchOpened = {
  match: MatchRow;
  outcome: 'opened' | 'too_few_reporters' | 'shares_inconsistent';
  entries: OpenedEntry[];
};

export async function openMatchInSession(context: Context, counsellor: Counsellor, matchId: string): Promise<MatchOpened> {
  authorize(counsellor.actor, 'escrow.counsel', { kind: 'network' });
  const match = await matchById(context.db, matchId);
  if (!match) throw new AppError('NOT_FOUND');
  const keyPair = await sessionKeyPair(context.db, counsellor);
  if (!keyPair) throw new AppError('SIGN_IN_REQUIRED');
  const sealed = await entriesOnTag(context.db, match.tag, counsellor.staffId);
  const { threshold } = await readEscrowSettings(context.db);
  const records = sealed.map((entry) => ({
    tag: entry.tag,
    ciphertext: entry.ciphertext,
    sealedForCounsellors: entry.envelope ? [{ counsellorId: counsellor.staffId, envelope: entry.envelope }] : [],
  }));
  const opening = openMatch(records, { counsellorId: counsellor.staffId, keyPair }, threshold);
  const problems = new Map<number, EntryRejection['reason']>(opening.rejected.map((rejection) => [rejection.index, rejection.reason]));
  const read = new Map(opening.status === 'opened' ? opening.allegations.map((item) => [item.index, item.allegation]) : []);
  return {
    match,
    outcome: opening.status,
    entries: sealed.map((entry, index) => describe(entry, read.get(index), problems.get(index))),
  };
}

function describe(entry: SealedEntry, allegation: Uint8Array | undefined, problem: RejectionReason | undefined): OpenedEntry {
  const content = allegation ? decodeAllegation(allegation) : undefined;
  return {
    entryId: entry.entryId,
    allegationId: entry.allegationId,
    placedAt: entry.placedAt,
    decision: entry.decision,
    content,
    sealedEvidence: entry.sealedEvidence,
    problem: problem ?? (allegation && !content ? 'format_unknown' : undefined),
  };
}
