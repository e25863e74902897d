/**
 * The shape an entry must have before the server stores it. The server cannot read an entry,
 * but it can refuse one that could not have come from an honest client: a tag of the wrong
 * length, a ciphertext that is not a padded allegation, an envelope that is not one sealed share,
 * shares for anyone but exactly the current escrow counsellors, two entries on one tag.
 */
import { AppError } from '../../core/errors.ts';
import { tagLength } from '../../core/escrow/derivation.ts';
import { bytesToHex } from '../../core/crypto/bytes.ts';
import { isEscrowId } from '../../storage/escrow/entryStore.ts';

export type SubmittedEntry = { tag: Uint8Array; ciphertext: Uint8Array; sealedForCounsellors: { counsellorId: string; envelope: Uint8Array }[] };

const aeadOverhead = 24 + 16;
/** Share (version, t, x, y, wrapped key) sealed to an X25519 key: ephemeral key + AEAD box. */
export const envelopeLength = 2 + 32 + 32 + (24 + 32 + 16) + 32 + aeadOverhead;
export const maxEntryPadded = 256 * 1024;
export const maxEvidencePadded = 4 * 1024 * 1024;
export const maxEntriesPerAllegation = 8;

function isPaddedBox(box: Uint8Array, max: number): boolean {
  const padded = box.length - aeadOverhead;
  return padded >= 1024 && padded <= max && (padded & (padded - 1)) === 0;
}

/**
 * Checks every entry's shape and answers the counsellors the entries are sealed to (sorted). All
 * entries must be sealed to the same counsellors, once each; whether those are exactly the
 * current escrow counsellors is checked by the placing statement (placeAllegation.ts).
 */
export function checkEntries(entries: SubmittedEntry[], evidence: Uint8Array | undefined): string[] {
  const refuse = (detail: string) => new AppError('ESCROW_ENTRY_INVALID', { detail });
  if (entries.length === 0 || entries.length > maxEntriesPerAllegation) throw refuse(`an allegation has 1 to ${maxEntriesPerAllegation} entries`);
  const sealedTo = (entry: SubmittedEntry) => entry.sealedForCounsellors.map((sealed) => sealed.counsellorId).sort();
  const expected = entries[0] ? sealedTo(entries[0]) : [];
  const tags = new Set<string>();
  entries.forEach((entry, index) => {
    if (entry.tag.length !== tagLength) throw refuse(`entry ${index}: the tag is not ${tagLength} bytes`);
    if (!isPaddedBox(entry.ciphertext, maxEntryPadded)) throw refuse(`entry ${index}: the ciphertext is not a padded allegation`);
    if (entry.sealedForCounsellors.some((sealed) => sealed.envelope.length !== envelopeLength)) throw refuse(`entry ${index}: an envelope is not one sealed share`);
    if (sealedTo(entry).join(',') !== expected.join(',') || !sealedTo(entry).every(isEscrowId)) throw new AppError('ESCROW_COUNSELLORS_CHANGED');
    tags.add(bytesToHex(entry.tag));
  });
  if (new Set(expected).size !== expected.length) throw new AppError('ESCROW_COUNSELLORS_CHANGED');
  if (tags.size !== entries.length) throw refuse('two entries share one tag');
  if (evidence && !isPaddedBox(evidence, maxEvidencePadded)) throw refuse('the evidence is not a padded, sealed blob');
  return expected;
}
