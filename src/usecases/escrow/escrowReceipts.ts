/**
 * Escrow receipts: the intake's sixteen-digit receipt (core/intake/receipt.ts), shown once, and
 * stored only as an Argon2id-derived lookup value. The derivation is labelled for escrow, so an
 * escrow receipt and a report receipt never share a lookup value even under the one deployment
 * salt they use.
 */
import { deriveKeyFromSecret, deriveSubkey, sha256Hex, type Argon2Parameters } from '../../core/crypto/kdf.ts';
import type { Receipt } from '../../core/intake/receipt.ts';
import type { Queryable } from '../../storage/database.ts';
import { intakeSecrets } from '../../storage/intakeSecrets.ts';

/** The deployment salt never changes once drawn, so each database's is read once per process. */
const salts = new WeakMap<Queryable, Promise<Uint8Array>>();

function receiptSalt(db: Queryable): Promise<Uint8Array> {
  let salt = salts.get(db);
  if (!salt) {
    salt = intakeSecrets(db).then((secrets) => secrets.receiptSalt);
    salts.set(db, salt);
    salt.catch(() => salts.delete(db));
  }
  return salt;
}

export async function escrowReceiptLookup(db: Queryable, receipt: Receipt, argon2: Argon2Parameters): Promise<string> {
  const salt = await receiptSalt(db);
  const secret = await deriveKeyFromSecret(`redress-escrow-receipt:${receipt}`, salt, argon2);
  return sha256Hex(deriveSubkey(secret, 'escrow-receipt-lookup'));
}
