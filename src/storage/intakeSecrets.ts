/**
 * Deployment secrets of the reporter channels, drawn on first use and kept in the settings
 * table: the Argon2id salt for receipts (one per deployment, so a receipt maps to one indexed
 * lookup value), and the HMAC key that signs reporter forms and receipt challenges.
 */
import { randomBytes, fromBase64Url, toBase64Url } from '../core/crypto/bytes.ts';
import type { Queryable } from './database.ts';
import { settings } from './schema/index.ts';
import { readSetting } from './settings.ts';

export type IntakeSecrets = { receiptSalt: Uint8Array; formKey: Uint8Array };

const SETTING = 'intake.secrets';

type Stored = { receiptSalt: string; formKey: string };

function isStored(value: unknown): value is Stored {
  const candidate = value as Partial<Stored> | undefined;
  return typeof candidate?.receiptSalt === 'string' && typeof candidate.formKey === 'string';
}

export async function intakeSecrets(db: Queryable): Promise<IntakeSecrets> {
  let stored = await readSetting<unknown>(db, SETTING);
  if (!isStored(stored)) {
    // Two processes starting at once draw different secrets; ON CONFLICT keeps the first, and both read it back.
    const fresh: Stored = { receiptSalt: toBase64Url(randomBytes(16)), formKey: toBase64Url(randomBytes(32)) };
    await db.insert(settings).values({ key: SETTING, value: fresh }).onConflictDoNothing({ target: settings.key });
    stored = await readSetting<unknown>(db, SETTING);
  }
  if (!isStored(stored)) throw new Error('intake secrets could not be stored');
  return { receiptSalt: fromBase64Url(stored.receiptSalt), formKey: fromBase64Url(stored.formKey) };
}
